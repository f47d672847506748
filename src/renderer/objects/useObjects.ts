import { useCallback, useEffect, useState } from 'react';
import type { ObjectSummary, StudioApi } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';
import { defaultObjectColor } from './colors';

/** The media's objects, the selected one (it receives prompts) and each one's colour. */
export function useObjects(api: StudioApi, mediaId: string | null, onError: (error: unknown) => void) {
  const [objects, setObjects] = useState<ObjectSummary[]>([]);
  const [selectedId, setSelectedId] = useState<ObjectId | null>(null);
  const [colors, setColors] = useState<ReadonlyMap<ObjectId, string>>(new Map());

  const refresh = useCallback(async () => {
    if (!mediaId) return;
    try {
      setObjects(await api.listObjects(mediaId));
    } catch (error) {
      onError(error);
    }
  }, [api, mediaId, onError]);

  // A fresh clip gets one object to prompt right away.
  useEffect(() => {
    setObjects([]);
    setSelectedId(null);
    if (!mediaId) return;
    let live = true;
    (async () => {
      let list = await api.listObjects(mediaId);
      if (list.length === 0) list = [await api.createObject(mediaId, 'Object 1')];
      if (!live) return;
      setObjects(list);
      setSelectedId(list[0].objectId);
    })().catch(onError);
    return () => {
      live = false;
    };
  }, [api, mediaId, onError]);

  const create = useCallback(async () => {
    if (!mediaId) return;
    try {
      const created = await api.createObject(mediaId, `Object ${objects.length + 1}`);
      setObjects((prev) => [...prev, created]);
      setSelectedId(created.objectId);
    } catch (error) {
      onError(error);
    }
  }, [api, mediaId, objects.length, onError]);

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
