import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { LatestRunner } from './latestRunner';

/**
 * The value of the newest load whenever key changes (null: nothing to load, value cleared).
 * Loads run one at a time, so fast scrubbing never floods the host. The setter lets callers
 * patch the value when they already know the answer (a mask returned by setPrompts).
 */
export function useLatest<T>(key: string | null, load: () => Promise<T>, onError: (error: unknown) => void): [T | undefined, Dispatch<SetStateAction<T | undefined>>] {
  const [value, setValue] = useState<T>();
  const runner = useRef<LatestRunner<T> | null>(null);
  const reportError = useRef(onError);
  useEffect(() => {
    reportError.current = onError;
  });

  useEffect(() => {
    const r = new LatestRunner<T>(
      (v) => setValue(() => v),
      (e) => reportError.current(e),
    );
    runner.current = r;
    return () => r.dispose();
  }, []);

  useEffect(() => {
    if (key === null) setValue(undefined);
    else runner.current?.request(load);
    // load is the closure of the render that changed key; key alone decides when to run it.
  }, [key]);

  return [value, setValue];
}
