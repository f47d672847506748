import { describe, expect, it } from 'vitest';
import type { ExportFacts } from '../../main/media/describe-export';
import { concatList, joinProblem, type Chunk } from './join-chunks';

const facts: ExportFacts = {
  codec: 'prores',
  profile: '4444',
  pixelFormat: 'yuva444p10le',
  width: 640,
  height: 360,
  fps: '30000/1001',
  frameCount: 4,
  timecode: '01:00:00;10',
  audioCodec: 'aac',
  colorSpace: 'bt709',
  colorPrimaries: 'bt709',
  colorTransfer: 'bt709',
};
const chunk = (path: string, patch: Partial<ExportFacts> = {}): Chunk => ({ path, facts: { ...facts, ...patch } });

describe('joinProblem', () => {
  it('accepts chunks that follow one another, across a drop-frame minute', () => {
    expect(joinProblem([chunk('a', { timecode: '00:00:59;28', frameCount: 2 }), chunk('b', { timecode: '00:01:00;02' })])).toBeNull();
    expect(joinProblem([chunk('a', { timecode: null }), chunk('b', { timecode: null })])).toBeNull();
  });

  it('says when chunks are out of order, and the order that joins', () => {
    const [a, b, c] = [chunk('a'), chunk('b', { timecode: '01:00:00;14' }), chunk('c', { timecode: '01:00:00;18' })];
    expect(joinProblem([b, c, a])).toBe('the chunks are out of order; in this order they join: a b c');
    expect(joinProblem([c, a])).toMatch(/^a \(timecode 01:00:00;10\) does not follow c: 12 frames overlap/);
  });

  it('says which chunk does not fit and why', () => {
    expect(joinProblem([chunk('a'), chunk('b', { timecode: '01:00:00;20' })])).toMatch(/b \(timecode 01:00:00;20\) does not follow a: 6 frames are missing/);
    expect(joinProblem([chunk('a'), chunk('a')])).toMatch(/a \(timecode 01:00:00;10\) does not follow a: 4 frames overlap\.$/);
    expect(joinProblem([chunk('a'), chunk('b', { width: 320, timecode: '01:00:00;14' })])).toMatch(/b has width 320, but a has 640/);
    expect(joinProblem([chunk('a'), chunk('b', { codec: 'h264' })])).toMatch(/b is h264, not a ProRes chunk/);
    expect(joinProblem([chunk('a'), chunk('b', { audioCodec: null, timecode: '01:00:00;14' })])).toMatch(/differ in having audio/);
    expect(joinProblem([chunk('a', { frameCount: 0 }), chunk('b')])).toMatch(/a holds no frames/);
  });
});

describe('concatList', () => {
  it('cuts each chunk to its frames and escapes quotes in paths', () => {
    expect(concatList([chunk("/renders/it's/a.mov")])).toBe("file '/renders/it'\\''s/a.mov'\ninpoint 0\noutpoint 0.133467\n");
  });
});
