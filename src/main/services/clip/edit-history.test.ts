import { describe, expect, it } from 'vitest';
import type { ProjectSettings } from '../../../shared/api';
import type { Edit } from '../../project/edits';
import { defaultSettings } from '../../project/settings';
import { EditCommand, type EditScope } from './edit-commands';
import { EditHistory } from './edit-history';
import type { ObjectTracks } from './object-tracks';

/** A settings change that, like a prompts edit, keeps frames whenever it is asked to; it logs how it was entered. */
class FramesKeepingEdit extends EditCommand<Extract<Edit, { kind: 'settings' }>> {
  readonly target = {};
  readonly log: string[] = [];

  constructor(quality: ProjectSettings['quality']) {
    super({ kind: 'settings', before: defaultSettings(), after: { ...defaultSettings(), quality } });
  }

  protected async enter(_scope: EditScope, state: 'before' | 'after', keepFrames: boolean): Promise<null> {
    this.log.push(`${state}${keepFrames ? ' keeping frames' : ''}`);
    if (keepFrames) this.keep({ start: 0, end: 0 }, state === 'after' ? 'before' : 'after', { tracker: { objectId: 1, range: { start: 0, end: 0 } }, stale: new Map() });
    return null;
  }
}

const scope: EditScope = { tracks: {} as ObjectTracks, settings: defaultSettings() };

async function applied(history: EditHistory, command: FramesKeepingEdit): Promise<FramesKeepingEdit> {
  await command.apply(scope, true);
  history.record(command);
  return command;
}

describe('EditHistory', () => {
  it('inverts on undo and applies on redo, keeping frames for recent edits', async () => {
    const history = new EditHistory();
    expect(await history.step(scope, 'undo')).toBeNull();
    const edit = await applied(history, new FramesKeepingEdit('final'));
    expect(history.state()).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Set quality to final', redoLabel: null });
    expect(await history.step(scope, 'undo')).toBe(edit);
    expect(await history.step(scope, 'redo')).toBe(edit);
    expect(edit.log).toEqual(['after keeping frames', 'before keeping frames', 'after keeping frames']);
    expect(await history.step(scope, 'redo')).toBeNull();
  });

  it('lets the frames of all but the latest 50 edits go; an older edit is undone without them', async () => {
    const history = new EditHistory();
    const edits: FramesKeepingEdit[] = [];
    for (let i = 0; i < 51; i++) edits.push(await applied(history, new FramesKeepingEdit(i % 2 ? 'final' : 'preview')));
    expect(edits[0].keepsFrames).toBe(false);
    expect(edits[1].keepsFrames).toBe(true);
    for (let i = 0; i < 51; i++) await history.step(scope, 'undo');
    expect(edits[0].log).toEqual(['after keeping frames', 'before']);
    expect(edits[1].log).toEqual(['after keeping frames', 'before keeping frames']);
  });
});
