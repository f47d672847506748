import { describe, expect, it } from 'vitest';
import type { FrameStat } from '../../shared/api';
import { NO_IN_OUT, type InOut } from './inOut';
import type { Shuttle } from './shuttle';
import { runTimelineCommand, type TimelineCommand } from './timelineCommands';

const drifted = (frame: number): FrameStat => ({
  frame,
  present: true,
  source: 'propagated',
  score: 0.2,
  objectScore: null,
  area: 0.1,
  cx: 0.5,
  cy: 0.5,
  doubt: 0.9,
  drifted: true,
  reason: 'score',
});

/** Runs a command at a frame and records what it asked for. */
function run(command: TimelineCommand, frame: number, inOut: InOut = NO_IN_OUT) {
  const seen: { frame?: number; shuttle?: Shuttle['direction']; inOut?: InOut } = {};
  runTimelineCommand(command, {
    frame,
    setFrame: (f) => (seen.frame = f),
    shuttle: (d) => (seen.shuttle = d),
    inOut,
    setInOut: (p) => (seen.inOut = p),
    stats: [drifted(4), drifted(12)],
  });
  return seen;
}

describe('runTimelineCommand', () => {
  it('shuttles with J/K/L', () => {
    expect(run('playReverse', 3)).toEqual({ shuttle: -1 });
    expect(run('stop', 3)).toEqual({ shuttle: 0 });
    expect(run('playForward', 3)).toEqual({ shuttle: 1 });
  });

  it('marks and clears in/out points at the current frame', () => {
    expect(run('markIn', 7).inOut).toEqual({ inPoint: 7, outPoint: null });
    expect(run('markOut', 9, { inPoint: 7, outPoint: null }).inOut).toEqual({ inPoint: 7, outPoint: 9 });
    expect(run('clearIn', 9, { inPoint: 7, outPoint: 9 }).inOut).toEqual({ inPoint: null, outPoint: 9 });
    expect(run('clearOut', 9, { inPoint: 7, outPoint: 9 }).inOut).toEqual({ inPoint: 7, outPoint: null });
  });

  it('goes to doubtful frames, and stays when there is none further', () => {
    expect(run('nextDoubtful', 5)).toEqual({ frame: 12 });
    expect(run('previousDoubtful', 5)).toEqual({ frame: 4 });
    expect(run('nextDoubtful', 12)).toEqual({});
  });
});
