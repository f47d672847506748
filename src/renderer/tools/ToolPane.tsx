import { useShownFrame } from '../editor/FrameProvider';
import { ToolPalette } from './ToolPalette';

/** The tools, left of the viewer; a mask file imported becomes a prompt on the frame shown. */
export function ToolPane() {
  const { fileInput, importMask, canPrompt } = useShownFrame();
  return <ToolPalette onImportMask={() => fileInput.current?.click()} onMaskFile={importMask} disabled={!canPrompt} fileInputRef={fileInput} />;
}
