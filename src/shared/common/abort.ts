/** Cancellation: the error a cancelled job rejects with, and how to recognise it (any side: no Node or DOM APIs). */
export function abortError(): Error {
  const err = new Error('Cancelled');
  err.name = 'AbortError';
  return err;
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}
