import { useCallback, useMemo, useRef, useState } from 'react';
import type { ExportRequest, StudioApi, StudioTransport } from '../shared/api';
import type { PropagateDirection } from '../shared/engine';
import { proxyWidthFor } from '../shared/common/proxy-size';
import type { Prompt } from '../shared/prompts';
import { useLatest } from './async/useLatest';
import { ExportPanel } from './export/ExportPanel';
import { FallbackOffer } from './models/FallbackOffer';
import { ModelsPanel } from './models/ModelsPanel';
import { trackerOffer } from './models/trackerOffer';
import { useModels } from './models/useModels';
import { HistoryButtons } from './history/HistoryButtons';
import { useHistory } from './history/useHistory';
import { useJobs } from './jobs/useJobs';
import { withBandDifference } from './matting/differenceCanvas';
import { chosenLabel, matteLabel } from './matting/matteLabel';
import { MatteBadge } from './matting/MatteBadge';
import { MattingPanel } from './matting/MattingPanel';
import { useBandDifference } from './matting/useBandDifference';
import { useMattingSettings } from './matting/useMattingSettings';
import { OpenBar } from './media/OpenBar';
import { useMedia } from './media/useMedia';
import { ObjectList } from './objects/ObjectList';
import { useExclusive } from './objects/useExclusive';
import { useObjects } from './objects/useObjects';
import { editBlockedReason } from './objects/visibility';
import { ProjectControls } from './project/ProjectControls';
import { splitPath } from './export/exportPaths';
import { ProjectDialogs } from './project/ProjectDialogs';
import { outputFolder } from './project/projectPaths';
import { RecoveryBanner } from './project/RecoveryBanner';
import { UnsavedDialog } from './project/UnsavedDialog';
import { useUnsavedGuard } from './project/useUnsavedGuard';
import { useProject } from './project/useProject';
import { useRecoveries } from './project/useRecoveries';
import { addPrompt, removeLastPrompt } from './prompts/promptEdits';
import { useComputingNotice } from './prompts/useComputingNotice';
import { usePromptEditor } from './prompts/usePromptEditor';
import { ErrorBanner } from './shell/ErrorBanner';
import { StatusBar } from './shell/StatusBar';
import { useErrorAction } from './shell/useErrorAction';
import { useErrors } from './shell/useErrors';
import { PropagateControls } from './timeline/PropagateControls';
import { clampFrame } from './timeline/segments';
import { frameRange } from './timeline/inOut';
import { Timeline } from './timeline/Timeline';
import { runTimelineCommand } from './timeline/timelineCommands';
import { useInOut } from './timeline/useInOut';
import { framesAhead } from './timeline/playbackClock';
import { usePlayback } from './timeline/usePlayback';
import { useTrackStats } from './timeline/useTrackStats';
import { useAutoRetrack, useRetrackMode } from './timeline/useAutoRetrack';
import { maskFromRgba } from './tools/maskImport';
import { readImageFile } from './tools/readImageFile';
import type { ShortcutAction } from './tools/shortcuts';
import { ToolPalette } from './tools/ToolPalette';
import { DEFAULT_BRUSH_RADIUS, stepBrushRadius, type BrushMode, type Tool } from './tools/tools';
import { useShortcuts, useSpaceKey } from './tools/useKeyboard';
import { previewCanvases } from './viewer/previewCanvases';
import { useMatteView } from './viewer/useMatteView';
import { useViewerContent } from './viewer/useViewerContent';
import { Viewer } from './viewer/Viewer';
import { ViewerToolbar } from './viewer/ViewerToolbar';
import { actualPixelsView, fitView, IDENTITY_VIEW, type Point, type Size, type ViewTransform } from './viewer/viewTransform';

interface AppProps {
  api: StudioApi;
  transport: StudioTransport;
}

const NO_FPS = { num: 24, den: 1 };
/** Frames loaded ahead of the playhead while playing: about a third of a second at 24-30 fps. */
const FRAMES_AHEAD = 12;
const NO_FRAMES: number[] = [];

export function App({ api, transport }: AppProps) {
  const { errors, report, dismiss, action: errorAction, takeAction } = useErrors();
  const { session, opening, open, adopt } = useMedia(api, report);
  const project = useProject(api, session, adopt, report);
  const recoveries = useRecoveries(api, adopt, report);
  const unsaved = useUnsavedGuard(project.dirty && session !== null);
  const media = session?.media ?? null;
  const mediaId = media?.mediaId ?? null;
  const info = media?.info ?? null;
  const frameCount = info?.frameCount ?? 1;
  const imageSize = useMemo(() => (info ? { width: info.width, height: info.height } : null), [info]);
  const objects = useObjects(api, session, { onError: report, onEdited: project.markEdited });
  // Bumped whenever masks, mattes or settings may have changed, so the viewer and panels reload them.
  const [revision, setRevision] = useState(0);
  const masksChanged = useCallback(() => setRevision((r) => r + 1), []);
  const matting = useMattingSettings(api, mediaId, revision, { onError: report, onEdited: project.markEdited });
  // Reloaded each time the models panel closes: a download, import or removal changes what runs.
  const [engineRevision, setEngineRevision] = useState(0);
  // Per clip: a head may depend on the clip's tracker (the paper's heads need its SAM 2.1 features).
  const [engine] = useLatest(`engine-${engineRevision}-${mediaId}`, () => api.getEngineInfo(mediaId ?? undefined), report);
  const [modelsOpen, setModelsOpen] = useState(false);
  const models = useModels(api, transport, modelsOpen);
  const offer = trackerOffer(models.models ?? engine?.models ?? []);
  useErrorAction(errorAction, takeAction, {
    relink: ({ projectPath, mediaPath, message }) => project.showDialog({ kind: 'relink', projectPath, mediaPath, message }),
    openModels: () => setModelsOpen(true),
  });

  const [frame, setFrameState] = useState(0);
  const setFrame = useCallback((f: number) => setFrameState(clampFrame(f, frameCount)), [frameCount]);
  const [tool, setTool] = useState<Tool>('point');
  const [pointPositive, setPointPositive] = useState(true);
  const [brushMode, setBrushMode] = useState<BrushMode>('add');
  const [brushRadius, setBrushRadius] = useState(DEFAULT_BRUSH_RADIUS);
  const matteView = useMatteView();
  const [direction, setDirection] = useState<PropagateDirection>('forward');
  const [exportOpen, setExportOpen] = useState(false);
  // null: fitted to the viewport, and refitted when it changes, until the editor zooms or pans.
  const [userView, setUserView] = useState<ViewTransform | null>(null);
  const [viewport, setViewport] = useState<Size>({ width: 0, height: 0 });
  const view = userView ?? (imageSize && viewport.width > 0 ? fitView(imageSize, viewport) : IDENTITY_VIEW);
  const [hover, setHover] = useState<Point | null>(null);

  const trackStats = useTrackStats(api, transport, mediaId, objects.selectedId, revision, report);
  const inOut = useInOut(api, mediaId, revision, report);
  const exclusive = useExclusive(api, mediaId, revision, {
    onError: report,
    onChanged: () => {
      masksChanged();
      project.markEdited();
    },
  });
  const playback = usePlayback(frame, frameCount, info?.fps ?? NO_FPS, setFrame);
  const { content, showMask } = useViewerContent(
    api,
    {
      mediaId,
      index: frame,
      mode: matteView.mode,
      objectIds: objects.visibleIds,
      revision,
      quality: matting.settings?.quality ?? 'preview',
      onion: matteView.onion,
      playing: playback.playing,
      ahead: playback.playing ? [frame, ...framesAhead(frame, playback.shuttle, frameCount, FRAMES_AHEAD)] : NO_FRAMES,
      width: proxyWidthFor(info?.width ?? 1, (info?.width ?? 1) * view.scale * window.devicePixelRatio),
    },
    report,
  );
  const difference = useBandDifference(api, content, objects.visibleIds, report);
  const canvases = useMemo(() => (content ? withBandDifference(previewCanvases(content, objects.overlayOf), difference) : null), [content, objects.overlayOf, difference]);
  const heads = engine?.heads ?? [];
  const shownMatte = content?.matte ? matteLabel(content.matte, heads) : null;
  const mattingLabel = shownMatte ?? (matting.settings ? chosenLabel(matting.settings, heads) : null);
  const shownFrame = content?.index ?? null;

  const target = useMemo(() => (mediaId !== null && objects.selectedId !== null ? { mediaId, objectId: objects.selectedId, frame } : null), [mediaId, objects.selectedId, frame]);
  const promptEditor = usePromptEditor(api, target, {
    onMask: (mask, edited) => {
      if (mask) showMask(mask);
      masksChanged();
      project.markEdited();
      void objects.refresh();
      retrack(edited);
    },
    onError: report,
  });
  const addToPrompts = (prompt: Prompt) => promptEditor.edit((prompts) => addPrompt(prompts, prompt));
  const history = useHistory(api, mediaId, project.editCount, {
    onStep: (step) => {
      if (step.frame !== undefined) setFrame(step.frame);
      if (step.frame !== undefined && step.objectId !== undefined) retrack({ objectId: step.objectId, frame: step.frame });
      masksChanged();
      void objects.refresh(step.objectId);
      promptEditor.reload();
      project.markEdited();
    },
    onError: report,
  });

  const jobs = useJobs(api, transport, {
    onEvent: (event) => {
      if (event.type === 'frame') {
        objects.markTracked(event.objectId, event.frame);
        if (event.frame === frame) masksChanged();
      } else if (event.kind === 'propagate' && event.type !== 'progress') {
        masksChanged();
        void objects.refresh();
      }
    },
    onError: report,
  });

  const [retrackMode, setRetrackMode] = useRetrackMode();
  const retrack = useAutoRetrack(api, mediaId, retrackMode, jobs, report);

  // A new clip starts at its first frame, fitted, already in the render that shows it.
  const [shownMediaId, setShownMediaId] = useState<string | null>(null);
  if (mediaId !== shownMediaId) {
    setShownMediaId(mediaId);
    setFrameState(0);
    setUserView(null);
    playback.stop();
  }

  const computing = useComputingNotice(api, mediaId, frame, promptEditor.busy);
  const fileInput = useRef<HTMLInputElement>(null);
  const blocked = editBlockedReason(objects.selected);
  const canPrompt = target !== null && blocked === null;
  const importMask = async (file: File) => {
    try {
      const image = await readImageFile(file);
      addToPrompts({ kind: 'mask', width: image.width, height: image.height, data: maskFromRgba(image.data, image.width, image.height) });
    } catch (error) {
      report(error);
    }
  };

  const propagate = () => {
    if (!mediaId) return;
    playback.stop();
    void jobs.start('propagate', () => api.propagate(mediaId, { direction, ...frameRange(inOut.points, frameCount) }));
  };
  const startExport = (request: ExportRequest) => void jobs.start('export', () => api.exportMatte(request));
  const fit = () => setUserView(null);
  const actualPixels = () => setUserView(actualPixelsView(view, viewport));

  const space = useSpaceKey(() => media && playback.toggle());
  useShortcuts((action: ShortcutAction) => {
    switch (action.type) {
      case 'tool':
        return setTool(action.tool);
      case 'importMask':
        return canPrompt && fileInput.current?.click();
      case 'stepFrame':
        return setFrame(frame + action.delta);
      case 'firstFrame':
        return setFrame(0);
      case 'lastFrame':
        return setFrame(frameCount - 1);
      case 'propagate':
        return propagate();
      case 'cancelJob':
        return jobs.cancel();
      case 'fit':
        return fit();
      case 'actualPixels':
        return actualPixels();
      case 'brushRadius':
        return setBrushRadius((r) => stepBrushRadius(r, action.direction));
      case 'togglePolarity':
        return setPointPositive((p) => !p);
      case 'timeline':
        return runTimelineCommand(action.command, { frame, setFrame, shuttle: playback.press, inOut: inOut.points, setInOut: inOut.change, stats: trackStats });
      case 'undo':
        return history.undo();
      case 'redo':
        return history.redo();
      case 'saveProject':
        return project.save();
      case 'openProject':
        return project.showDialog({ kind: 'open' });
      case 'removeLastPrompt':
        return promptEditor.prompts.length > 0 && promptEditor.edit(removeLastPrompt);
    }
  });

  const selectedColor = objects.selectedId === null ? '#ffffff' : objects.colorOf(objects.selectedId);
  const canPropagate = objects.objects.some((o) => o.promptFrames.length > 0);
  return (
    <div className="app">
      <header className="top-bar">
        <div className="brand">SAM2Matting Studio</div>
        <OpenBar api={api} opening={opening} onOpen={(path) => unsaved.guard(`the clip ${path}`, () => void open(path))} onError={report} />
        <ProjectControls
          name={project.name}
          dirty={project.dirty}
          canSave={!!media}
          onSave={project.save}
          onSaveAs={() => project.showDialog({ kind: 'save-as' })}
          onOpen={() => project.showDialog({ kind: 'open' })}
        />
        <HistoryButtons history={history.history} onUndo={history.undo} onRedo={history.redo} />
        <button type="button" data-testid="export-button" disabled={!media} aria-expanded={exportOpen} onClick={() => setExportOpen((o) => !o)}>
          Export…
        </button>
        <button type="button" data-testid="models-button" aria-expanded={modelsOpen} onClick={() => setModelsOpen((o) => !o)}>
          Models…
        </button>
      </header>
      <ErrorBanner errors={errors} onDismiss={dismiss} />
      <RecoveryBanner
        recoveries={recoveries.recoveries}
        onRestore={(id) => unsaved.guard('the recovered work', () => void recoveries.restore(id))}
        onDiscard={recoveries.discard}
      />
      <ProjectDialogs
        api={api}
        onError={report}
        dialog={project.dialog}
        error={project.dialogError}
        mediaPath={info?.path ?? null}
        workFolder={media?.workFolder ?? null}
        projectPath={project.path}
        onSaveAs={project.saveTo}
        onOpen={(path) => unsaved.guard(`the project ${path}`, () => void project.openProject(path))}
        onRelink={(path, folder) => unsaved.guard(`the project ${path}`, () => void project.relink(path, folder))}
        onClose={() => project.showDialog(null)}
      />
      {unsaved.pending && info && (
        <UnsavedDialog
          pending={unsaved.pending}
          name={splitPath(project.path ?? info.path).name}
          onSave={project.path ? () => project.saveTo() : null}
          onProceed={unsaved.proceed}
          onCancel={unsaved.cancel}
        />
      )}
      <main className="workspace">
        <ToolPalette tool={tool} onTool={setTool} onImportMask={() => fileInput.current?.click()} onMaskFile={importMask} disabled={!canPrompt} fileInputRef={fileInput} />
        <section className="stage-column">
          <ViewerToolbar
            tool={tool}
            pointPositive={pointPositive}
            onPointPositive={setPointPositive}
            brushMode={brushMode}
            onBrushMode={setBrushMode}
            brushRadius={brushRadius}
            onBrushRadius={setBrushRadius}
            previewMode={matteView.mode}
            onPreviewMode={matteView.setMode}
            onion={matteView.onion}
            onOnion={matteView.setOnion}
            compareSplit={matteView.split}
            onCompareSplit={matteView.setSplit}
            scale={view.scale}
            onFit={fit}
            onActualPixels={actualPixels}
            promptCount={promptEditor.prompts.length}
            onClearPrompts={() => promptEditor.edit(() => [])}
          />
          <div className="viewer-frame">
            <Viewer
              imageSize={imageSize}
              canvases={canvases}
              view={view}
              onViewChange={setUserView}
              onViewportResize={setViewport}
              frame={media ? frame : -1}
              shownFrame={shownFrame}
              playing={playback.playing}
              tool={tool}
              spaceHeld={space.held}
              onSpacePan={space.markPanned}
              pointPositive={pointPositive}
              brushMode={brushMode}
              brushRadius={brushRadius}
              prompts={promptEditor.prompts}
              objectColor={selectedColor}
              onPrompt={canPrompt ? addToPrompts : null}
              onHover={setHover}
              emptyMessage={!media ? 'Open a clip, an image or an image sequence to start.' : target === null ? 'Add an object to place prompts.' : null}
              notice={media ? (blocked ?? computing) : null}
              compareSplit={matteView.split}
            />
            <MatteBadge label={shownMatte} difference={difference} />
          </div>
        </section>
        <aside className="side-column">
          <ObjectList
            objects={objects.objects}
            selectedId={objects.selectedId}
            soloId={objects.soloId}
            colorOf={objects.colorOf}
            onSelect={objects.select}
            onUpdate={(id, patch) => void objects.update(id, patch)}
            onSolo={objects.toggleSolo}
            onCreate={objects.create}
            onRemove={(id) => void objects.remove(id).then(masksChanged)}
            exclusive={exclusive.exclusive}
            onExclusive={(on) => void exclusive.set(on)}
            disabled={!media}
          />
          {media && (
            <MattingPanel
              settings={matting.settings}
              heads={heads}
              onChange={(patch) => void matting.update(patch).then(masksChanged)}
              object={objects.selected}
              onMatteChange={(patch) => objects.selectedId !== null && void objects.update(objects.selectedId, { matte: patch }).then(masksChanged)}
            />
          )}
          {exportOpen && media && (
            <ExportPanel
              key={media.mediaId}
              media={media}
              outputFolder={outputFolder(project.path, media.workFolder)}
              defaultRange={frameRange(inOut.points, frameCount)}
              objects={objects.objects}
              colorOf={objects.colorOf}
              initialObjectIds={objects.visibleIds}
              jobs={jobs.state}
              onStart={startExport}
              onCancel={jobs.cancel}
              onClose={() => setExportOpen(false)}
            />
          )}
        </aside>
      </main>
      <section className="bottom-bar">
        {info && mediaId ? (
          <Timeline
            api={api}
            mediaId={mediaId}
            onError={report}
            frameCount={frameCount}
            frame={frame}
            onFrame={setFrame}
            fps={info.fps}
            startTimecode={info.timecode}
            objects={objects.objects}
            selectedId={objects.selectedId}
            colorOf={objects.colorOf}
            playback={playback}
            stats={trackStats}
            inOut={inOut.points}
            onInOut={inOut.change}
          />
        ) : (
          <div className="timeline placeholder dim">No clip open</div>
        )}
        <PropagateControls
          direction={direction}
          onDirection={setDirection}
          onPropagate={propagate}
          onCancel={jobs.cancel}
          jobs={jobs.state}
          canPropagate={canPropagate}
          retrackMode={retrackMode}
          onRetrackMode={setRetrackMode}
        />
      </section>
      <StatusBar
        engine={engine}
        media={media}
        matting={mattingLabel}
        head={content?.matte?.source.head ?? matting.settings?.head}
        hover={hover}
        fallbackAction={
          offer && (
            <FallbackOffer offer={offer} download={models.downloads[offer.model.id]} note={models.notes[offer.model.id]} onDownload={() => void models.download(offer.model.id)} />
          )
        }
      />
      <ModelsPanel
        models={models}
        open={modelsOpen}
        onClose={() => {
          setModelsOpen(false);
          setEngineRevision((r) => r + 1);
        }}
      />
    </div>
  );
}
