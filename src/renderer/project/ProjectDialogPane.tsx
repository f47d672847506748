import { splitPath } from '../export/exportPaths';
import { useStudio } from '../shell/StudioProvider';
import { ProjectDialogs } from './ProjectDialogs';
import { UnsavedDialog } from './UnsavedDialog';

/** The project's dialogs: save as, open, relink, and the question before unsaved work is left. */
export function ProjectDialogPane() {
  const { api, report, media, project, unsaved } = useStudio();
  const info = media?.info ?? null;
  return (
    <>
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
    </>
  );
}
