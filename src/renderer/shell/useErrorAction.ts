import { useEffect, useRef } from 'react';
import type { ErrorAction } from './errorAction';

export interface ErrorActionHandlers {
  relink: (dialog: Extract<ErrorAction, { kind: 'relink' }>) => void;
  openModels: () => void;
}

/** Does what a reported error's code asks (errorAction.ts) once, where the editor's dialogs and panels are. */
export function useErrorAction(action: ErrorAction | null, takeAction: () => void, handlers: ErrorActionHandlers) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!action) return;
    takeAction();
    if (action.kind === 'relink') latest.current.relink(action);
    else latest.current.openModels();
  }, [action, takeAction]);
}
