import { useCallback, useState } from 'react';

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}

/** Errors the editor must see: every failure ends up here, none is swallowed. */
export function useErrors() {
  const [errors, setErrors] = useState<string[]>([]);
  const report = useCallback((error: unknown) => {
    const message = errorMessage(error);
    console.error(error);
    setErrors((prev) => (prev.includes(message) ? prev : [...prev, message]));
  }, []);
  const dismiss = useCallback(() => setErrors([]), []);
  return { errors, report, dismiss };
}
