import { useCallback, useState } from 'react';
import type { ObjectSummary, StudioApi } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';
import type { MediaSession } from '../media/useMedia';
import { defaultObjectColor } from './colors';
import { nextObjectName } from './naming';

/** The session's objects, the selected one (it receives prompts) and each one's colour. */
export function useObjects(api: StudioApi, session: MediaSession | null, onError: (error: unknown) => void) {
  const mediaId = session?.media.mediaId ?? null;
  const [objects, setObjects] = useState<ObjectSummary[]>([]);
  const [selectedId, setSelectedId] = useState<ObjectId | null>(null);
  const [colors, setColors] = useState<ReadonlyMap<ObjectId, string>>(new Map());
  // A new session replaces the list during render, so its first frame already has a target.
  const [shownSession, setShownSession] = useState<MediaSession | null>(null);
  if (session !== shownSession) {
    setShownSession(session);
    setObjects(session?.objects ?? []);
    setSelectedId(session?.objects[0]?.objectId ?? null);
  }

  const refresh = useCallback(async () => {
    if (!mediaId) return;
    try {
      setObjects(await api.listObjects(mediaId));
    } catch (error) {
      onError(error);
    }
  }, [api, mediaId, onError]);

  const create = useCallback(async () => {
    if (!mediaId) return;
    try {
      const created = await api.createObject(mediaId, nextObjectName(objects.map((o) => o.name)));
      setObjects((prev) => [...prev, created]);
      setSelectedId(created.objectId);
    } catch (error) {
      onError(error);
    }
  }, [api, mediaId, objects, onError]);

  const remove = useCallback(
    async (objectId: ObjectId) => {
      if (!mediaId) return;
      try {
        await api.removeObject(mediaId, objectId);
        const rest = objects.filter((o) => o.objectId !== objectId);
        setObjects(rest);
        if (selectedId === objectId) setSelectedId(rest[0]?.objectId ?? null);
      } catch (error) {
        onError(error);
      }
    },
    [api, mediaId, objects, selectedId, onError],
  );

  const setColor = useCallback((objectId: ObjectId, color: string) => {
    setColors((prev) => new Map(prev).set(objectId, color));
  }, []);

  const colorOf = useCallback((objectId: ObjectId) => colors.get(objectId) ?? defaultObjectColor(objectId), [colors]);

  /** A 'frame' event: the lane fills in without asking the host for the whole list. */
  const markTracked = useCallback((objectId: ObjectId, frame: number) => {
    setObjects((prev) =>
      prev.map((o) => (o.objectId === objectId && !o.trackedFrames.includes(frame) ? { ...o, trackedFrames: [...o.trackedFrames, frame] } : o)),
    );
  }, []);

  return { objects, selectedId, select: setSelectedId, create, remove, refresh, colorOf, setColor, markTracked };
}
