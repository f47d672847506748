import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ExportRequest, StudioApi, StudioTransport } from '../shared/api';
import type { PropagateDirection } from '../shared/engine';
import type { Prompt } from '../shared/prompts';
import { useLatest } from './async/useLatest';
import { runShortcut } from './editor/shortcutActions';
import { useEditor } from './editor/store';
import { useEditing } from './editor/useEditing';
import { ExportPanel } from './export/ExportPanel';
import { FallbackOffer } from './models/FallbackOffer';
import { ModelsPanel } from './models/ModelsPanel';
import { trackerOffer } from './models/trackerOffer';
import { useModels } from './models/useModels';
import { HistoryButtons } from './history/HistoryButtons';
import { chosenLabel, matteLabel } from './matting/matteLabel';
import { MatteBadge } from './matting/MatteBadge';
import { MattingPanel } from './matting/MattingPanel';
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
import { ErrorBanner } from './shell/ErrorBanner';
import { StatusBar } from './shell/StatusBar';
import { useErrorAction } from './shell/useErrorAction';
import { useErrors } from './shell/useErrors';
import { PropagateControls } from './timeline/PropagateControls';
import { inOutRange } from './timeline/inOut';
import { Timeline } from './timeline/Timeline';
import { runTimelineCommand } from './timeline/timelineCommands';
import { useInOut } from './timeline/useInOut';
import { usePlayback } from './timeline/usePlayback';
import { useTrackStats } from './timeline/useTrackStats';
import { maskFromRgba } from './tools/maskImport';
import { readImageFile } from './tools/readImageFile';
import { ToolPalette } from './tools/ToolPalette';
import { useShortcuts, useSpaceKey } from './tools/useKeyboard';
import { useViewerImage } from './viewer/useViewerImage';
import { Viewer } from './viewer/Viewer';
import { ViewerToolbar } from './viewer/ViewerToolbar';

interface AppProps {
  api: StudioApi;
  transport: StudioTransport;
}

const NO_FPS = { num: 24, den: 1 };

export function App({ api, transport }: AppProps) {
  const { errors, report, dismiss, action: errorAction, takeAction } = useErrors();
  const { session, opening, open, adopt } = useMedia(api, report);
  const project = useProject(api, session, adopt, report);
  const recoveries = useRecoveries(api, adopt, report);
  const unsaved = useUnsavedGuard(project.dirty && session !== null);
  const media = session?.media ?? null;
  const mediaId = media?.mediaId ?? null;
  const info = media?.info ?? null;
  const { frame, frameCount, setFrame } = useEditor(useShallow((s) => ({ frame: s.frame, frameCount: s.frameCount, setFrame: s.setFrame })));
  const objectRemoved = useEditor((s) => s.objectRemoved);
  const mattesChanged = useEditor((s) => s.mattesChanged);
  const objects = useObjects(api, session, { onError: report, onEdited: project.markEdited });
  const matting = useMattingSettings(api, mediaId, { onError: report, onEdited: project.markEdited });
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
  const [direction, setDirection] = useState<PropagateDirection>('forward');
  const [exportOpen, setExportOpen] = useState(false);

  const trackStats = useTrackStats(api, mediaId, objects.selectedId, report);
  const inOut = useInOut(api, mediaId, report);
  const exclusive = useExclusive(api, mediaId, { onError: report, onChanged: project.markEdited });
  const playback = usePlayback(frame, frameCount, info?.fps ?? NO_FPS, setFrame);
  const { content, picture, difference, showMask } = useViewerImage(api, objects, matting.settings?.quality ?? 'preview', playback.shuttle, report);
  const heads = engine?.heads ?? [];
  const shownMatte = content?.matte ? matteLabel(content.matte, heads) : null;
  const mattingLabel = shownMatte ?? (matting.settings ? chosenLabel(matting.settings, heads) : null);

  const { target, promptEditor, history, jobs, retrackMode, setRetrackMode } = useEditing(api, transport, {
    objects,
    onEdited: project.markEdited,
    editCount: project.editCount,
    showMask,
    onError: report,
  });
  const addToPrompts = (prompt: Prompt) => promptEditor.edit((prompts) => addPrompt(prompts, prompt));

  // A new clip does not play on from where the last one was.
  const [shownMediaId, setShownMediaId] = useState<string | null>(null);
  if (mediaId !== shownMediaId) {
    setShownMediaId(mediaId);
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
    void jobs.start('propagate', () => api.propagate(mediaId, { direction, range: inOutRange(inOut.points, frameCount) }));
  };
  const startExport = (request: ExportRequest) => void jobs.start('export', () => api.exportMatte(request));

  const space = useSpaceKey(() => media && playback.toggle());
  useShortcuts((action) =>
    runShortcut(action, useEditor.getState(), {
      importMask: () => canPrompt && fileInput.current?.click(),
      propagate,
      cancelJob: jobs.cancel,
      undo: history.undo,
      redo: history.redo,
      saveProject: project.save,
      openProject: () => project.showDialog({ kind: 'open' }),
      removeLastPrompt: () => promptEditor.prompts.length > 0 && promptEditor.edit(removeLastPrompt),
      timeline: (command) => runTimelineCommand(command, { frame, setFrame, shuttle: playback.press, inOut: inOut.points, setInOut: inOut.change, stats: trackStats }),
    }),
  );

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
        <ToolPalette onImportMask={() => fileInput.current?.click()} onMaskFile={importMask} disabled={!canPrompt} fileInputRef={fileInput} />
        <section className="stage-column">
          <ViewerToolbar promptCount={promptEditor.prompts.length} onClearPrompts={() => promptEditor.edit(() => [])} />
          <div className="viewer-frame">
            <Viewer
              picture={picture}
              shownFrame={content?.index ?? null}
              playing={playback.playing}
              spaceHeld={space.held}
              onSpacePan={space.markPanned}
              prompts={promptEditor.prompts}
              objectColor={selectedColor}
              onPrompt={canPrompt ? addToPrompts : null}
              emptyMessage={!media ? 'Open a clip, an image or an image sequence to start.' : target === null ? 'Add an object to place prompts.' : null}
              notice={media ? (blocked ?? computing) : null}
            />
            <MatteBadge label={shownMatte} difference={difference} />
          </div>
        </section>
        <aside className="side-column">
          <ObjectList
            objects={objects.objects}
            soloId={objects.soloId}
            colorOf={objects.colorOf}
            onUpdate={(id, patch) => void objects.update(id, patch)}
            onSolo={objects.toggleSolo}
            onCreate={objects.create}
            onRemove={(id) => void objects.remove(id).then(() => objectRemoved(id))}
            exclusive={exclusive.exclusive}
            onExclusive={(on) => void exclusive.set(on)}
            disabled={!media}
          />
          {media && (
            <MattingPanel
              settings={matting.settings}
              heads={heads}
              onChange={(patch) => void matting.update(patch)}
              object={objects.selected}
              onMatteChange={(patch) => objects.selectedId !== null && void objects.update(objects.selectedId, { matte: patch }).then(mattesChanged)}
            />
          )}
          {exportOpen && media && (
            <ExportPanel
              key={media.mediaId}
              media={media}
              outputFolder={outputFolder(project.path, media.workFolder)}
              defaultRange={inOutRange(inOut.points, frameCount)}
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
            onError={report}
            objects={objects.objects}
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
        matting={mattingLabel}
        head={content?.matte?.source.head ?? matting.settings?.head}
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
