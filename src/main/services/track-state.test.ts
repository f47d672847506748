import { describe, expect, it } from 'vitest';
import { frameStatus, keyframeSpan, planRetrack, staleAfterPromptChange, type FrameStatus, type TrackDirection, type TrackFacts } from './track-state';

/** A track drawn as text, one character a frame: K keyframe, # fresh, > stale forward, < stale backward, . untracked. */
function facts(track: string): TrackFacts {
  const stale = new Map<number, TrackDirection>();
  [...track].forEach((c, f) => {
    if (c === '>') stale.set(f, 'forward');
    if (c === '<') stale.set(f, 'backward');
  });
  return { frameCount: track.length, isKey: (f) => track[f] === 'K', hasMask: (f) => track[f] !== undefined && track[f] !== '.', stale };
}

const statuses = (track: string): FrameStatus[] => [...track].map((_, f) => frameStatus(facts(track), f));

/** The stale map drawn over the track's frames. */
function drawStale(track: string, stale: Map<number, TrackDirection>): string {
  return [...track].map((c, f) => (stale.has(f) ? (stale.get(f) === 'forward' ? '>' : '<') : c)).join('');
}

describe('staleAfterPromptChange', () => {
  it('makes a correction reach both ways up to the neighbouring keyframes', () => {
    const after = 'K#####K#K##K###';
    expect(drawStale(after, staleAfterPromptChange(facts(after), 8, true))).toBe('K#####K<K>>K###');
    const last = 'K#####K####K##K';
    expect(drawStale(last, staleAfterPromptChange(facts(last), 14, true))).toBe('K#####K####K<<K');
  });

  it('changes nothing else for prompts on an untracked frame', () => {
    expect(staleAfterPromptChange(facts('K###...K..'), 7, false).size).toBe(0);
  });

  it('leaves the masks of removed prompts stale, re-tracked from a keyframe before, else after, else nowhere', () => {
    // Frame 4 lost its prompts and kept its mask.
    expect(drawStale('K#######', staleAfterPromptChange(facts('K#######'), 4, false))).toBe('K>>>>>>>');
    expect(drawStale('#####K##', staleAfterPromptChange(facts('#####K##'), 2, false))).toBe('<<<<<K##');
    expect(staleAfterPromptChange(facts('#######'), 3, false).size).toBe(0);
  });
});

describe('keyframeSpan', () => {
  it('runs from the keyframe before to the keyframe after, both excluded', () => {
    const { isKey, frameCount } = facts('..K....K...');
    expect(keyframeSpan(4, isKey, frameCount)).toEqual({ start: 3, end: 6 });
    expect(keyframeSpan(2, isKey, frameCount)).toEqual({ start: 0, end: 6 });
    expect(keyframeSpan(9, isKey, frameCount)).toEqual({ start: 8, end: 10 });
  });
});

describe('planRetrack', () => {
  const whole = (track: string) => ({ start: 0, end: track.length - 1 });

  it('tracks forward only what is stale forward or untracked, each run from the anchor before it', () => {
    const track = 'K<<<K>>>K##..';
    expect(planRetrack(statuses(track), { direction: 'forward', range: whole(track), untracked: true })).toEqual([
      { anchor: 4, direction: 'forward', from: 5, to: 7 },
      { anchor: 10, direction: 'forward', from: 11, to: 12 },
    ]);
  });

  it('tracks backward from a keyframe the stale frames before it', () => {
    const track = 'K<<<K>>>K##..';
    expect(planRetrack(statuses(track), { direction: 'backward', range: whole(track), untracked: true })).toEqual([{ anchor: 4, direction: 'backward', from: 1, to: 3 }]);
  });

  it('both ways: forward first, then backward over what forward could not reach', () => {
    const track = '..K<<K>>';
    expect(planRetrack(statuses(track), { direction: 'both', range: whole(track), untracked: true })).toEqual([
      { anchor: 5, direction: 'forward', from: 6, to: 7 },
      { anchor: 2, direction: 'backward', from: 0, to: 1 },
      { anchor: 5, direction: 'backward', from: 3, to: 4 },
    ]);
  });

  it('re-tracks only stale frames when asked, and needs its anchors inside the range', () => {
    const track = 'K<<K>>..';
    expect(planRetrack(statuses(track), { direction: 'both', range: whole(track), untracked: false })).toEqual([
      { anchor: 3, direction: 'forward', from: 4, to: 5 },
      { anchor: 3, direction: 'backward', from: 1, to: 2 },
    ]);
    expect(planRetrack(statuses(track), { direction: 'both', range: { start: 4, end: 7 }, untracked: true })).toEqual([]);
  });
});
