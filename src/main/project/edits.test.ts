import { describe, expect, it } from 'vitest';
import { NEUTRAL_MATTE } from '../../shared/matte-controls';
import type { Prompt } from '../../shared/prompts';
import { defaultSettings } from './settings';
import { describeEdit } from './edits';
import type { ObjectMeta } from './project-model';

const point: Prompt = { kind: 'point', x: 1, y: 2, positive: true };
const negative: Prompt = { kind: 'point', x: 1, y: 2, positive: false };
const stroke: Prompt = { kind: 'stroke', points: [1, 1, 2, 2], radius: 4, mode: 'subtract' };
const mask: Prompt = { kind: 'mask', width: 1, height: 1, data: new Uint8Array([255]) };
const meta: ObjectMeta = { name: 'Object 2', color: '#ff0000', hidden: false, locked: false, overlay: 'both', opacity: 0.5, matte: NEUTRAL_MATTE };

describe('describeEdit', () => {
  it.each([
    [[], [point], 'Add point on frame 12'],
    [[point], [point, negative], 'Add negative point on frame 12'],
    [[point], [point, stroke], 'Eraser stroke on frame 12'],
    [[], [mask], 'Import mask on frame 12'],
    [[point, negative], [point], 'Remove prompt on frame 12'],
    [[point], [negative], 'Change prompts on frame 12'],
    [[point, stroke], [], 'Delete keyframe 12'],
  ] as [Prompt[], Prompt[], string][])('names a prompt edit %#', (before, after, label) => {
    expect(describeEdit({ kind: 'prompts', objectId: 1, frame: 12, before, after })).toBe(label);
  });

  it('names object edits by the name the object had', () => {
    const edit = (after: Partial<typeof meta>) => describeEdit({ kind: 'update-object', objectId: 2, before: meta, after: { ...meta, ...after } });
    expect(edit({ name: 'Hero' })).toBe('Rename Object 2');
    expect(edit({ hidden: true })).toBe('Hide Object 2');
    expect(edit({ locked: true })).toBe('Lock Object 2');
    expect(edit({ color: '#00ff00' })).toBe('Change colour of Object 2');
    expect(edit({ name: 'Hero', locked: true })).toBe('Edit Object 2');
    expect(edit({ overlay: 'outline' })).toBe('Draw Object 2 as outline');
    expect(edit({ opacity: 0.3 })).toBe('Set overlay opacity of Object 2 to 30%');
    expect(edit({ opacity: 0.3, matte: { ...NEUTRAL_MATTE, grow: 4 } })).toBe('Edit Object 2');
    expect(edit({ matte: { ...NEUTRAL_MATTE, grow: 4 } })).toBe('Set shrink / grow of Object 2 to +4 px');
    expect(edit({ matte: { ...NEUTRAL_MATTE, shiftEdge: -0.3 } })).toBe('Set shift edge of Object 2 to −30 %');
    expect(edit({ matte: { ...NEUTRAL_MATTE, temporalStability: 0.05 } })).toBe('Set chatter reduction of Object 2 to 0.05');
    expect(edit({ matte: { ...NEUTRAL_MATTE, grow: 1, feather: 2 } })).toBe('Edit Object 2');
    const object = { objectId: 2, ...meta, prompts: new Map() };
    expect(describeEdit({ kind: 'remove-object', object })).toBe('Delete Object 2');
    expect(describeEdit({ kind: 'create-object', object })).toBe('Add Object 2');
  });

  it('names settings edits', () => {
    const before = defaultSettings();
    expect(describeEdit({ kind: 'settings', before, after: { ...before, inPoint: 4 } })).toBe('Set in point to frame 4');
    expect(describeEdit({ kind: 'settings', before: { ...before, outPoint: 9 }, after: before })).toBe('Clear out point');
    expect(describeEdit({ kind: 'settings', before, after: { ...before, exclusive: true } })).toBe('Give each pixel to one object');
    expect(describeEdit({ kind: 'settings', before, after: { ...before, quality: 'final', head: 'x' } })).toBe('Change settings');
  });
});
