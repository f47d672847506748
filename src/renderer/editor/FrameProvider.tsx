import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Prompt } from '../../shared/prompts';
import { matteLabel, type MattingLabel } from '../matting/matteLabel';
import { editBlockedReason } from '../objects/visibility';
import { addPrompt } from '../prompts/promptEdits';
import { useStudio } from '../shell/StudioProvider';
import { maskFromRgba } from '../tools/maskImport';
import { readImageFile } from '../tools/readImageFile';
import { useViewerImage } from '../viewer/useViewerImage';
import { useFramePrompts } from './useEditing';

/** The playhead's frame: what the viewer shows of it and the selected object's prompts on it. */
function useFrameState() {
  const { api, objects, matting, playback, project, retrack, heads, report, promptsReload } = useStudio();
  const { content, picture, difference, showMask } = useViewerImage(api, objects, matting.settings?.quality ?? 'preview', playback.shuttle, report);
  const { target, promptEditor } = useFramePrompts(api, { objects, onEdited: project.markEdited, showMask, retrack, onError: report });
  useEffect(() => {
    promptsReload.current = promptEditor.reload;
  }, [promptsReload, promptEditor.reload]);

  const blocked = editBlockedReason(objects.selected);
  const addToPrompts = (prompt: Prompt) => promptEditor.edit((prompts) => addPrompt(prompts, prompt));
  const importMask = async (file: File) => {
    try {
      const image = await readImageFile(file);
      addToPrompts({ kind: 'mask', width: image.width, height: image.height, data: maskFromRgba(image.data, image.width, image.height) });
    } catch (error) {
      report(error);
    }
  };
  const fileInput = useRef<HTMLInputElement>(null);
  return {
    content,
    picture,
    difference,
    shownMatte: content?.matte ? matteLabel(content.matte, heads) : null,
    target,
    promptEditor,
    blocked,
    canPrompt: target !== null && blocked === null,
    addToPrompts,
    importMask,
    fileInput,
  };
}

export type ShownFrame = ReturnType<typeof useFrameState>;

/** What made the matte on screen, if one is: the status bar's part of the frame. */
export interface ShownMatte {
  label: MattingLabel | null;
  /** The head (EngineInfo.heads id) that made it. */
  head: string | undefined;
}

const FrameContext = createContext<ShownFrame | null>(null);
const ShownMatteContext = createContext<ShownMatte>({ label: null, head: undefined });

/**
 * Renders with the playhead: only the panes that show the frame read it (useShownFrame). The matte's label
 * changes far less often, so the status bar reads it alone (useShownMatte) and keeps still while playing.
 */
export function FrameProvider({ children }: { children: ReactNode }) {
  const frame = useFrameState();
  const { text, detail } = frame.shownMatte ?? {};
  const head = frame.content?.matte?.source.head;
  const matte = useMemo(() => ({ label: text !== undefined && detail !== undefined ? { text, detail } : null, head }), [text, detail, head]);
  return (
    <FrameContext.Provider value={frame}>
      <ShownMatteContext.Provider value={matte}>{children}</ShownMatteContext.Provider>
    </FrameContext.Provider>
  );
}

export const useShownMatte = (): ShownMatte => useContext(ShownMatteContext);

export function useShownFrame(): ShownFrame {
  const frame = useContext(FrameContext);
  if (!frame) throw new Error('useShownFrame outside a FrameProvider');
  return frame;
}
