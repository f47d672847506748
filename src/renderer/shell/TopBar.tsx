import { HistoryButtons } from '../history/HistoryButtons';
import { OpenBar } from '../media/OpenBar';
import { ProjectControls } from '../project/ProjectControls';
import { useStudio } from './StudioProvider';

/** Opening a clip, the project, undo and redo, and the export and models panels' buttons. */
export function TopBar() {
  const { api, report, media, opening, open, unsaved, project, history, exportPanel, modelsPanel } = useStudio();
  return (
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
      <button type="button" data-testid="export-button" disabled={!media} aria-expanded={exportPanel.open} onClick={() => exportPanel.setOpen((o) => !o)}>
        Export…
      </button>
      <button type="button" data-testid="models-button" aria-expanded={modelsPanel.open} onClick={() => modelsPanel.setOpen((o) => !o)}>
        Models…
      </button>
    </header>
  );
}
