import { useCallback, useMemo, useState } from 'react';
import { DEFAULT_OVERLAY, type ObjectPatch, type ObjectSummary, type StudioApi } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';
import type { MediaSession } from '../editor/sessionSlice';
import { useEditor } from '../editor/store';
import { overlayStyle } from '../viewer/maskPixels';
import type { OverlayOf } from '../viewer/previewPicture';
import { hexToRgb, UNKNOWN_OBJECT_COLOR } from './colors';
import { nextObjectName } from './naming';
import { withTrackedFrame } from './trackedFrames';
import { visibleObjectIds } from './visibility';

export interface ObjectEvents {
  onError: (error: unknown) => void;
  /** An object was created, changed or removed: the project changed and has a new undo step. */
  onEdited: () => void;
}

/**
 * The session's objects as the host holds them (name, colour, hidden, locked), the selected one
 * (it receives prompts) and the soloed one (a view choice, not part of the project).
 */
export function useObjects(api: StudioApi, session: MediaSession | null, events: ObjectEvents) {
  const { onError, onEdited } = events;
  const mediaId = session?.media.mediaId ?? null;
  const [objects, setObjects] = useState<ObjectSummary[]>([]);
  const selectedId = useEditor((s) => s.selectedId);
  const select = useEditor((s) => s.select);
  const [soloId, setSoloId] = useState<ObjectId | null>(null);
  // A new session replaces the list during render, so its first frame already has a target (the store selected it).
  const [shownSession, setShownSession] = useState<MediaSession | null>(null);
  if (session !== shownSession) {
    setShownSession(session);
    setObjects(session?.objects ?? []);
    setSoloId(null);
  }

  /**
   * Reloads the list (after undo, tracking). Selects prefer if it exists then (the object an undo
   * touched), else keeps the selection while its object exists: never an object that is gone.
   */
  const refresh = useCallback(
    async (prefer?: ObjectId) => {
      if (!mediaId) return;
      try {
        const next = await api.listObjects(mediaId);
        const exists = (id: ObjectId | null | undefined) => next.some((o) => o.objectId === id);
        setObjects(next);
        const id = useEditor.getState().selectedId;
        select(exists(prefer) ? prefer! : exists(id) ? id : (next[0]?.objectId ?? null));
      } catch (error) {
        onError(error);
      }
    },
    [api, mediaId, select, onError],
  );

  const create = useCallback(async () => {
    if (!mediaId) return;
    try {
      const created = await api.createObject(mediaId, nextObjectName(objects.map((o) => o.name)));
      setObjects((prev) => [...prev, created]);
      select(created.objectId);
      onEdited();
    } catch (error) {
      onError(error);
    }
  }, [api, mediaId, objects, select, onError, onEdited]);

  const remove = useCallback(
    async (objectId: ObjectId) => {
      if (!mediaId) return;
      try {
        await api.removeObject(mediaId, objectId);
        await refresh();
        onEdited();
      } catch (error) {
        onError(error);
      }
    },
    [api, mediaId, refresh, onError, onEdited],
  );

  const update = useCallback(
    async (objectId: ObjectId, patch: ObjectPatch) => {
      if (!mediaId) return;
      try {
        const updated = await api.updateObject(mediaId, objectId, patch);
        setObjects((prev) => prev.map((o) => (o.objectId === objectId ? updated : o)));
        onEdited();
      } catch (error) {
        onError(error);
      }
    },
    [api, mediaId, onError, onEdited],
  );

  const toggleSolo = useCallback((objectId: ObjectId) => setSoloId((id) => (id === objectId ? null : objectId)), []);

  const colorOf = useCallback((objectId: ObjectId) => objects.find((o) => o.objectId === objectId)?.color ?? UNKNOWN_OBJECT_COLOR, [objects]);

  const overlayOf = useCallback<OverlayOf>(
    (objectId) => {
      const o = objects.find((x) => x.objectId === objectId);
      return { color: hexToRgb(o?.color ?? UNKNOWN_OBJECT_COLOR), ...overlayStyle(o?.overlay ?? DEFAULT_OVERLAY.overlay, o?.opacity ?? DEFAULT_OVERLAY.opacity) };
    },
    [objects],
  );

  const visibleIds = useMemo(() => visibleObjectIds(objects, soloId), [objects, soloId]);
  const selected = objects.find((o) => o.objectId === selectedId);

  /** A 'frame' event: the lane fills in (and the frame is fresh again) without asking the host for the whole list. */
  const markTracked = useCallback((objectId: ObjectId, frame: number) => {
    setObjects((prev) => prev.map((o) => (o.objectId === objectId ? withTrackedFrame(o, frame) : o)));
  }, []);

  return { objects, selected, selectedId, soloId, toggleSolo, visibleIds, create, remove, update, refresh, colorOf, overlayOf, markTracked };
}
