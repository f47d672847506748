/** Words for what made a matte, for the status bar and the viewer: the head and quality that ran, not the ones expected. */
import type { HeadInfo, Matte, ProjectSettings } from '../../shared/api';

export interface MattingLabel {
  /** Short: the head's title and the quality. */
  text: string;
  /** Longer, for a tooltip: the head's own name and the size matted at. */
  detail: string;
}

const titleOf = (head: string, heads: readonly HeadInfo[]) => heads.find((h) => h.id === head)?.title ?? head;

/** The matte on screen, as its source says it was made. */
export function matteLabel({ source, width, height }: Matte, heads: readonly HeadInfo[]): MattingLabel {
  const scaled = source.width !== width || source.height !== height;
  return {
    text: `${titleOf(source.head, heads)} · ${source.quality}`,
    detail: `The matte on screen: ${source.headName}, ${source.quality} quality, matted at ${source.width}×${source.height}${scaled ? ` and scaled to ${width}×${height}` : ''}.`,
  };
}

/** No matte on screen: the project's choice, which the next matte will use. */
export function chosenLabel({ head, quality }: Pick<ProjectSettings, 'head' | 'quality'>, heads: readonly HeadInfo[]): MattingLabel {
  return { text: `${titleOf(head, heads)} · ${quality}`, detail: `No matte on screen; the project's choice: ${titleOf(head, heads)}, ${quality} quality.` };
}
