import { abortError } from '../../shared/common/abort';

/**
 * Settles with `work`, or rejects with an AbortError as soon as the signal aborts: an ONNX run cannot
 * be interrupted, so the caller stops waiting and the run's result is dropped when it comes.
 */
export function raceAbort<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
