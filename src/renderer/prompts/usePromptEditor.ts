import { useCallback, useEffect, useRef, useState } from 'react';
import type { FrameMask, StudioApi } from '../../shared/api';
import type { ObjectId, Prompt } from '../../shared/prompts';

export interface PromptTarget {
  mediaId: string;
  objectId: ObjectId;
  frame: number;
}

interface TargetPrompts {
  target: PromptTarget;
  prompts: Prompt[];
}

const sameTarget = (a: PromptTarget | null | undefined, b: PromptTarget | null | undefined): boolean =>
  !!a && !!b && a.mediaId === b.mediaId && a.objectId === b.objectId && a.frame === b.frame;

export interface PromptEditorEvents {
  /** setPrompts answered: show this mask now. */
  onMask: (mask: FrameMask | null, target: PromptTarget) => void;
  onError: (error: unknown) => void;
}

/**
 * The selected object's prompts on the current frame. Loads and edits run in one queue, so each
 * edit builds on the list the previous one left and a slow load never overwrites a newer edit.
 */
export function usePromptEditor(api: StudioApi, target: PromptTarget | null, events: PromptEditorEvents) {
  const [current, setCurrent] = useState<TargetPrompts | null>(null);
  /** Edits sent and not yet answered: SAM 2.1 on a CPU takes seconds on a frame it has not seen. */
  const [pending, setPending] = useState(0);
  const known = useRef<TargetPrompts | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef({ target, events });
  useEffect(() => {
    latest.current = { target, events };
  });

  const commit = (value: TargetPrompts) => {
    known.current = value;
    if (sameTarget(latest.current.target, value.target)) setCurrent(value);
  };

  const enqueue = useCallback((task: () => Promise<void>) => {
    queue.current = queue.current.then(task).catch((error: unknown) => latest.current.events.onError(error));
  }, []);

  const load = useCallback(
    (t: PromptTarget) =>
      enqueue(async () => {
        // Scrubbing queues many loads; only the frame still under the playhead matters.
        if (!sameTarget(latest.current.target, t)) return;
        commit({ target: t, prompts: await api.getPrompts(t.mediaId, t.objectId, t.frame) });
      }),
    [api, enqueue],
  );

  const key = target ? `${target.mediaId}:${target.objectId}:${target.frame}` : null;
  useEffect(() => {
    if (target) load(target);
    // The key captures the target; a new object literal with the same target is no change.
  }, [key, load]);

  const edit = useCallback(
    (change: (prompts: readonly Prompt[]) => Prompt[]) => {
      const t = target;
      if (!t) return;
      enqueue(async () => {
        const base = sameTarget(known.current?.target, t) ? known.current!.prompts : await api.getPrompts(t.mediaId, t.objectId, t.frame);
        const next = change(base);
        commit({ target: t, prompts: next });
        setPending((n) => n + 1);
        try {
          latest.current.events.onMask(await api.setPrompts(t.mediaId, t.objectId, t.frame, next), t);
        } catch (error) {
          // Show what the host really holds, then let the editor know.
          commit({ target: t, prompts: await api.getPrompts(t.mediaId, t.objectId, t.frame) });
          throw error;
        } finally {
          setPending((n) => n - 1);
        }
      });
    },
    [api, enqueue, target],
  );

  /** The host changed the prompts itself (undo, redo): read them again. */
  const reload = useCallback(() => {
    if (latest.current.target) load(latest.current.target);
  }, [load]);

  const prompts = current && sameTarget(current.target, target) ? current.prompts : [];
  return { prompts, edit, reload, busy: pending > 0 };
}
