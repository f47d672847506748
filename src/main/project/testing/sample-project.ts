/** A project document using every kind of field, for tests. */
import { NEUTRAL_MATTE } from '../../../shared/matte-controls';
import type { Prompt } from '../../../shared/prompts';
import type { ProjectDocument } from '../project-model';
import { defaultSettings } from '../settings';

export function sampleDocument(maskBytes: Uint8Array = stripeMask()): ProjectDocument {
  const prompts: Prompt[] = [
    { kind: 'point', x: 10.5, y: 20, positive: true },
    { kind: 'box', x0: 1, y0: 2, x1: 30, y1: 40 },
    { kind: 'stroke', points: [1, 1, 9, 9], radius: 6, mode: 'subtract' },
    { kind: 'mask', width: 320, height: maskBytes.length / 320, data: maskBytes },
  ];
  return {
    media: { path: '/footage/shot.mp4', relativePath: '../footage/shot.mp4', size: 1234, hash: 'sha256:abc' },
    tracker: 'Classic tracker',
    settings: { ...defaultSettings(), inPoint: 3, quality: 'final', exclusive: true },
    nextObjectId: 4,
    objects: [
      {
        objectId: 1,
        name: 'Hero',
        color: '#ff6b6b',
        hidden: false,
        locked: true,
        overlay: 'outline',
        opacity: 0.8,
        matte: { grow: -3, feather: 2.5, contrast: 0.4, shiftEdge: 0.2, decontamination: 0.75, temporalStability: 0.5 },
        prompts: new Map([
          [0, prompts],
          [30, [prompts[0]]],
        ]),
      },
      { objectId: 3, name: 'Dog', color: '#22aa88', hidden: true, locked: false, overlay: 'both', opacity: 0.5, matte: { ...NEUTRAL_MATTE }, prompts: new Map() },
    ],
  };
}

/** 320x180, a vertical band set: compresses well, as real masks do. */
export function stripeMask(): Uint8Array {
  return new Uint8Array(320 * 180).map((_, i) => (i % 320 > 100 && i % 320 < 200 ? 255 : 0));
}
