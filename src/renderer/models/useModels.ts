import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { EngineInfo, StudioApi, StudioTransport } from '../../shared/api';
import type { ModelStatus } from '../../shared/models';
import { errorMessage } from '../shell/useErrors';
import { downloadsReducer, NO_DOWNLOADS } from './downloadState';

/** The models list and the engine, downloads with their progress, and import / remove, each saying how it went per model. */
export function useModels(api: StudioApi, transport: StudioTransport, open: boolean) {
  const [models, setModels] = useState<ModelStatus[] | null>(null);
  const [engine, setEngine] = useState<EngineInfo | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [working, setWorking] = useState<Record<string, 'import' | 'remove'>>({});
  const [state, dispatch] = useReducer(downloadsReducer, NO_DOWNLOADS);
  const mounted = useRef(true);

  const refresh = useCallback(async () => {
    try {
      const [list, engine] = await Promise.all([api.listModels(), api.getEngineInfo()]);
      if (!mounted.current) return;
      setModels(list);
      setEngine(engine);
      setListError(null);
    } catch (error) {
      if (mounted.current) setListError(errorMessage(error));
    }
  }, [api]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // Opening the panel shows the folder as it is now.
  useEffect(() => {
    if (open) void refresh();
  }, [open, refresh]);

  useEffect(
    () =>
      transport.onEvent((event) => {
        if (event.kind !== 'download') return;
        dispatch({ type: 'event', event });
        if (event.type !== 'progress') void refresh();
      }),
    [transport, refresh],
  );

  /** `acceptedLicence`: the licence the editor accepted, for a model that asks (requiresLicenceAcceptance). */
  const download = useCallback(
    async (modelId: string, acceptedLicence?: string) => {
      dispatch({ type: 'starting', modelId });
      try {
        dispatch({ type: 'started', modelId, jobId: (await api.downloadModel(modelId, acceptedLicence)).jobId });
      } catch (error) {
        dispatch({ type: 'note', modelId, note: { text: errorMessage(error), error: true } });
      }
    },
    [api],
  );

  const cancel = useCallback(
    (modelId: string) => {
      const jobId = state.downloads[modelId]?.jobId;
      if (jobId) api.cancelJob(jobId).catch((error) => dispatch({ type: 'note', modelId, note: { text: errorMessage(error), error: true } }));
    },
    [api, state.downloads],
  );

  /** Runs import or remove for one model, noting the outcome on it. */
  const operate = useCallback(
    async (modelId: string, kind: 'import' | 'remove', work: () => Promise<string>) => {
      setWorking((w) => ({ ...w, [modelId]: kind }));
      dispatch({ type: 'note', modelId, note: null });
      try {
        dispatch({ type: 'note', modelId, note: { text: await work(), error: false } });
      } catch (error) {
        dispatch({ type: 'note', modelId, note: { text: errorMessage(error), error: true } });
      } finally {
        setWorking(({ [modelId]: _done, ...rest }) => rest);
        await refresh();
      }
    },
    [refresh],
  );

  const importFrom = useCallback(
    (modelId: string, path: string) =>
      operate(modelId, 'import', async () => {
        const status = await api.importModel(modelId, path);
        return status.state === 'installed' ? `Imported from ${path}.` : `Imported what ${path} holds; ${status.reason ?? ''}`;
      }),
    [api, operate],
  );

  const remove = useCallback(
    (modelId: string) =>
      operate(modelId, 'remove', async () => {
        await api.removeModel(modelId);
        return 'Removed.';
      }),
    [api, operate],
  );

  return { models, engine, listError, downloads: state.downloads, notes: state.notes, working, refresh, download, cancel, importFrom, remove };
}

export type ModelsState = ReturnType<typeof useModels>;
