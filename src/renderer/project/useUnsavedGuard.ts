import { useCallback, useState } from 'react';

/** Something that would replace the open clip, waiting for the editor's word. */
export interface PendingReplace {
  /** What would open, in words: "the clip /a/b.mp4". */
  what: string;
  run: () => void;
}

/**
 * Opening another clip, project or recovery while the open one has unsaved changes asks first;
 * with nothing unsaved it goes ahead at once.
 */
export function useUnsavedGuard(unsaved: boolean) {
  const [pending, setPending] = useState<PendingReplace | null>(null);
  const guard = useCallback((what: string, run: () => void) => (unsaved ? setPending({ what, run }) : run()), [unsaved]);
  const proceed = useCallback(() => {
    setPending(null);
    pending?.run();
  }, [pending]);
  const cancel = useCallback(() => setPending(null), []);
  return { pending, guard, proceed, cancel };
}
