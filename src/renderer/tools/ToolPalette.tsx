import type { ChangeEvent, ReactNode, Ref } from 'react';
import { BoxIcon, BrushIcon, HandIcon, MaskIcon, PointIcon } from '../shell/icons';
import { useEditor } from '../editor/store';
import type { Tool } from './tools';

interface ToolPaletteProps {
  onImportMask: () => void;
  onMaskFile: (file: File) => void;
  disabled: boolean;
  fileInputRef: Ref<HTMLInputElement>;
}

function ToolButton(props: { testId: string; title: string; active?: boolean; disabled: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      className={`tool${props.active ? ' active' : ''}`}
      data-testid={props.testId}
      title={props.title}
      aria-label={props.title}
      aria-pressed={props.active}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

const TOOLS: ReadonlyArray<{ tool: Tool; testId: string; title: string; icon: ReactNode }> = [
  { tool: 'point', testId: 'tool-point', title: 'Point (P): click to add, Alt/Shift+click to exclude', icon: <PointIcon /> },
  { tool: 'box', testId: 'tool-box', title: 'Box (B): drag around the object', icon: <BoxIcon /> },
  { tool: 'brush', testId: 'tool-brush', title: 'Brush (R): paint to add, Alt to subtract, [ ] radius', icon: <BrushIcon /> },
];

/** The vertical tool strip; the file input is the mask import's, clicked by the button or M. */
export function ToolPalette({ onImportMask, onMaskFile, disabled, fileInputRef }: ToolPaletteProps) {
  const tool = useEditor((s) => s.tool);
  const onTool = useEditor((s) => s.setTool);
  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Clearing lets the same file be imported again on another frame.
    e.target.value = '';
    if (file) onMaskFile(file);
  };
  return (
    <nav className="tool-palette" aria-label="Tools">
      {TOOLS.map((t) => (
        <ToolButton key={t.tool} testId={t.testId} title={t.title} active={tool === t.tool} disabled={disabled} onClick={() => onTool(t.tool)}>
          {t.icon}
        </ToolButton>
      ))}
      <ToolButton testId="tool-mask" title="Import mask (M): a matte image for this frame" disabled={disabled} onClick={onImportMask}>
        <MaskIcon />
      </ToolButton>
      <input ref={fileInputRef} type="file" accept="image/*" hidden data-testid="mask-file" onChange={onFile} />
      <div className="tool-separator" />
      <ToolButton testId="tool-hand" title="Hand (H or V; Space or middle button pans from any tool)" active={tool === 'hand'} disabled={false} onClick={() => onTool('hand')}>
        <HandIcon />
      </ToolButton>
    </nav>
  );
}
