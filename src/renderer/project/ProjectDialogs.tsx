import type { StudioApi } from '../../shared/api';
import { joinPath } from '../export/exportPaths';
import { defaultProjectPath, folderOf, isProjectFile } from './projectPaths';
import { PathDialog } from './PathDialog';
import type { ProjectDialog } from './useProject';

interface ProjectDialogsProps {
  api: StudioApi;
  onError: (error: unknown) => void;
  dialog: ProjectDialog | null;
  error: string | null;
  /** The open clip and where its saves go by default, for suggested paths. */
  mediaPath: string | null;
  workFolder: string | null;
  projectPath: string | null;
  onSaveAs: (path: string) => void;
  onOpen: (path: string) => void;
  onRelink: (projectPath: string, folder: string) => void;
  onClose: () => void;
}

export function ProjectDialogs({ api, onError, dialog, error, mediaPath, workFolder, projectPath, onSaveAs, onOpen, onRelink, onClose }: ProjectDialogsProps) {
  switch (dialog?.kind) {
    case undefined:
      return null;
    case 'save-as':
      return (
        <PathDialog
          key="save"
          testId="save-dialog"
          title="Save project"
          label="Project file"
          initialPath={projectPath ?? (mediaPath && workFolder ? defaultProjectPath(mediaPath, workFolder) : '')}
          confirmLabel="Save"
          onConfirm={onSaveAs}
          onCancel={onClose}
          error={error}
        />
      );
    case 'open':
      return (
        <PathDialog
          key="open"
          testId="open-project-dialog"
          title="Open project"
          label="Project file (.sam2m.json)"
          initialPath={projectPath ?? (workFolder ? joinPath(workFolder, '') : '')}
          confirmLabel="Open"
          browse={{ api, pick: 'file', accept: isProjectFile, onError }}
          onConfirm={onOpen}
          onCancel={onClose}
          error={error}
        />
      );
    case 'relink':
      return (
        <PathDialog
          key="relink"
          testId="relink-dialog"
          title="Find moved media"
          label="Folder to search (the media is recognised by its size and content)"
          initialPath={folderOf(dialog.projectPath)}
          confirmLabel="Search and open"
          browse={{ api, pick: 'folder', accept: () => false, onError }}
          onConfirm={(folder) => onRelink(dialog.projectPath, folder)}
          onCancel={onClose}
          error={error}
        >
          <p className="dialog-message" data-testid="relink-message">
            {dialog.message}
            {!dialog.message.includes(dialog.mediaPath) && <span className="mono dim"> ({dialog.mediaPath})</span>}
          </p>
        </PathDialog>
      );
  }
}
