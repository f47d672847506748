import { useEditor } from '../editor/store';
import { useShownFrame } from '../editor/FrameProvider';
import { MatteBadge } from '../matting/MatteBadge';
import { useComputingNotice } from '../prompts/useComputingNotice';
import { useStudio } from '../shell/StudioProvider';
import { useSpaceKey } from '../tools/useKeyboard';
import { Viewer } from './Viewer';
import { ViewerToolbar } from './ViewerToolbar';

/** The viewer with its toolbar and notices: the frame under the playhead, its masks and the prompts on it. */
export function ViewerPane() {
  const { api, media, objects, playback } = useStudio();
  const { content, picture, difference, shownMatte, target, promptEditor, blocked, canPrompt, addToPrompts } = useShownFrame();
  const frame = useEditor((s) => s.frame);
  const computing = useComputingNotice(api, media?.mediaId ?? null, frame, promptEditor.busy);
  const space = useSpaceKey(() => media && playback.toggle());
  const selectedColor = objects.selectedId === null ? '#ffffff' : objects.colorOf(objects.selectedId);
  return (
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
  );
}
