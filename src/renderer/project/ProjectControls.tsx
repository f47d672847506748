interface ProjectControlsProps {
  name: string | null;
  dirty: boolean;
  canSave: boolean;
  onSave: () => void;
  onSaveAs: () => void;
  onOpen: () => void;
}

/** The project's name with its unsaved dot, and Save / Save as / Open project. */
export function ProjectControls({ name, dirty, canSave, onSave, onSaveAs, onOpen }: ProjectControlsProps) {
  return (
    <div className="project-controls">
      {name && (
        <span className="project-name" data-testid="project-name" data-dirty={dirty} title={dirty ? 'Unsaved changes' : 'Saved'}>
          {dirty && <span className="unsaved-dot" aria-label="Unsaved changes" />}
          {name}
        </span>
      )}
      <div className="segmented" role="group" aria-label="Project">
        <button type="button" data-testid="save-project" disabled={!canSave} title="Save the project (Ctrl+S)" onClick={onSave}>
          Save
        </button>
        <button type="button" data-testid="save-project-as" disabled={!canSave} title="Save the project to a new file" onClick={onSaveAs}>
          Save as…
        </button>
        <button type="button" data-testid="open-project" title="Open a project (Ctrl+O)" onClick={onOpen}>
          Open project…
        </button>
      </div>
    </div>
  );
}
