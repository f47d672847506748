import { createContext, useContext, useRef, useState, type ReactNode } from 'react';
import type { ExportRequest, StudioApi, StudioTransport } from '../../shared/api';
import type { PropagateDirection } from '../../shared/engine';
import { useLatest } from '../async/useLatest';
import { useEditor } from '../editor/store';
import { useEditing } from '../editor/useEditing';
import { useMattingSettings } from '../matting/useMattingSettings';
import { useMedia } from '../media/useMedia';
import { useModels } from '../models/useModels';
import { useExclusive } from '../objects/useExclusive';
import { useObjects } from '../objects/useObjects';
import { useProject } from '../project/useProject';
import { useRecoveries } from '../project/useRecoveries';
import { useUnsavedGuard } from '../project/useUnsavedGuard';
import { inOutRange } from '../timeline/inOut';
import { useInOut } from '../timeline/useInOut';
import { usePlayback } from '../timeline/usePlayback';
import { useTrackStats } from '../timeline/useTrackStats';
import { useErrorAction } from './useErrorAction';
import { useErrors } from './useErrors';

const NO_FPS = { num: 24, den: 1 };

/** What several panes share: the host, the clip and project, objects, settings, models, jobs, history, playback. */
function useStudioState(api: StudioApi, transport: StudioTransport) {
  const { errors, report, dismiss, action: errorAction, takeAction } = useErrors();
  const { session, opening, open, adopt } = useMedia(api, report);
  const project = useProject(api, session, adopt, report);
  const recoveries = useRecoveries(api, adopt, report);
  const unsaved = useUnsavedGuard(project.dirty && session !== null);
  const media = session?.media ?? null;
  const mediaId = media?.mediaId ?? null;
  const frameCount = useEditor((s) => s.frameCount);
  const objects = useObjects(api, session, { onError: report, onEdited: project.markEdited });
  const matting = useMattingSettings(api, mediaId, { onError: report, onEdited: project.markEdited });
  // Reloaded each time the models panel closes: a download, import or removal changes what runs.
  const [engineRevision, setEngineRevision] = useState(0);
  // Per clip: a head may depend on the clip's tracker (the paper's heads need its SAM 2.1 features).
  const [engine] = useLatest(`engine-${engineRevision}-${mediaId}`, () => api.getEngineInfo(mediaId ?? undefined), report);
  const [modelsOpen, setModelsOpen] = useState(false);
  const models = useModels(api, transport, modelsOpen);
  const closeModels = () => {
    setModelsOpen(false);
    setEngineRevision((r) => r + 1);
  };
  useErrorAction(errorAction, takeAction, {
    relink: ({ projectPath, mediaPath, message }) => project.showDialog({ kind: 'relink', projectPath, mediaPath, message }),
    openModels: () => setModelsOpen(true),
  });
  const [direction, setDirection] = useState<PropagateDirection>('forward');
  const [exportOpen, setExportOpen] = useState(false);

  const trackStats = useTrackStats(api, mediaId, objects.selectedId, report);
  const inOut = useInOut(api, mediaId, report);
  const exclusive = useExclusive(api, mediaId, { onError: report, onChanged: project.markEdited });
  const playback = usePlayback(frameCount, media?.info.fps ?? NO_FPS);
  // The prompt editor follows the playhead, so it lives with the frame shown (FrameProvider) and registers here.
  const promptsReload = useRef(() => {});
  const editing = useEditing(api, transport, {
    objects,
    onEdited: project.markEdited,
    editCount: project.editCount,
    reloadPrompts: () => promptsReload.current(),
    onError: report,
  });

  // A new clip does not play on from where the last one was.
  const [shownMediaId, setShownMediaId] = useState<string | null>(null);
  if (mediaId !== shownMediaId) {
    setShownMediaId(mediaId);
    playback.stop();
  }

  const propagate = () => {
    if (!mediaId) return;
    playback.stop();
    void editing.jobs.start('propagate', () => api.propagate(mediaId, { direction, range: inOutRange(inOut.points, frameCount) }));
  };
  const startExport = (request: ExportRequest) => void editing.jobs.start('export', () => api.exportMatte(request));

  return {
    api,
    transport,
    report,
    errors: { errors, dismiss },
    media,
    opening,
    open,
    project,
    recoveries,
    unsaved,
    objects,
    matting,
    engine,
    heads: engine?.heads ?? [],
    models,
    modelsPanel: { open: modelsOpen, setOpen: setModelsOpen, close: closeModels },
    exportPanel: { open: exportOpen, setOpen: setExportOpen },
    trackStats,
    inOut,
    exclusive,
    playback,
    promptsReload,
    ...editing,
    direction,
    setDirection,
    propagate,
    startExport,
  };
}

export type Studio = ReturnType<typeof useStudioState>;

const StudioContext = createContext<Studio | null>(null);

/**
 * Owns the hooks several panes share and hands them down by context. It reads the playhead only from the store
 * when acting, so it and its panes do not render on every frame played; the panes that show the frame subscribe.
 */
export function StudioProvider({ api, transport, children }: { api: StudioApi; transport: StudioTransport; children: ReactNode }) {
  return <StudioContext.Provider value={useStudioState(api, transport)}>{children}</StudioContext.Provider>;
}

export function useStudio(): Studio {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('useStudio outside a StudioProvider');
  return studio;
}
