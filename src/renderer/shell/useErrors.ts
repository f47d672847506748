import { useCallback, useState } from 'react';
import { errorAction, type ErrorAction } from './errorAction';

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}

/**
 * Errors the editor must see: every failure ends up here, none is swallowed. One whose code asks for
 * more (relink, the Models panel) is also kept as `action` until useErrorAction takes it.
 */
export function useErrors() {
  const [errors, setErrors] = useState<string[]>([]);
  const [action, setAction] = useState<ErrorAction | null>(null);
  const report = useCallback((error: unknown) => {
    const message = errorMessage(error);
    console.error(error);
    setErrors((prev) => (prev.includes(message) ? prev : [...prev, message]));
    const next = errorAction(error);
    if (next) setAction(next);
  }, []);
  const dismiss = useCallback(() => setErrors([]), []);
  const takeAction = useCallback(() => setAction(null), []);
  return { errors, report, dismiss, action, takeAction };
}
