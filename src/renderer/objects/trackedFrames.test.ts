import { describe, expect, it } from 'vitest';
import type { ObjectSummary } from '../../shared/api';
import { NEUTRAL_MATTE } from '../../shared/matte-controls';
import { withTrackedFrame } from './trackedFrames';

const object: ObjectSummary = {
  objectId: 1,
  name: 'Cup',
  color: '#ffffff',
  hidden: false,
  locked: false,
  overlay: 'both',
  opacity: 0.5,
  promptFrames: [0],
  trackedFrames: [0, 1, 2],
  staleFrames: [1, 2],
  matte: NEUTRAL_MATTE,
};

describe('withTrackedFrame', () => {
  it('adds a newly tracked frame and makes a stale one fresh', () => {
    expect(withTrackedFrame(object, 3)).toMatchObject({ trackedFrames: [0, 1, 2, 3], staleFrames: [1, 2] });
    expect(withTrackedFrame(object, 2)).toMatchObject({ trackedFrames: [0, 1, 2], staleFrames: [1] });
    expect(withTrackedFrame(object, 0)).toBe(object);
  });
});
