import { useEditor } from '../editor/store';
import { ExportPanel } from '../export/ExportPanel';
import { MattingPanel } from '../matting/MattingPanel';
import { ObjectList } from '../objects/ObjectList';
import { outputFolder } from '../project/projectPaths';
import { inOutRange } from '../timeline/inOut';
import { useStudio } from './StudioProvider';

/** Right of the viewer: the objects, the matting settings of the clip and the selected object, and the export. */
export function SidePanel() {
  const { media, objects, exclusive, matting, heads, project, inOut, jobs, startExport, exportPanel } = useStudio();
  const frameCount = useEditor((s) => s.frameCount);
  const objectRemoved = useEditor((s) => s.objectRemoved);
  const mattesChanged = useEditor((s) => s.mattesChanged);
  return (
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
      {exportPanel.open && media && (
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
          onClose={() => exportPanel.setOpen(false)}
        />
      )}
    </aside>
  );
}
