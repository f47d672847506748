import { describe, expect, it } from 'vitest';
import { channelsToSequence, sequenceToChannels } from './image-features';

describe('feature layouts', () => {
  it('moves channels last and back', () => {
    const nchw = Float32Array.of(1, 2, 3, 10, 20, 30); // C = 2, n = 3
    const seq = channelsToSequence(nchw, 2);
    expect(Array.from(seq)).toEqual([1, 10, 2, 20, 3, 30]);
    expect(sequenceToChannels(seq, 2)).toEqual(nchw);
  });

  it('transposes every shape, whatever the remainders of its bands and tiles', () => {
    for (const [channels, n] of [
      [7, 130],
      [256, 70],
      [1, 5],
      [5, 1],
    ]) {
      const nchw = Float32Array.from({ length: channels * n }, () => Math.random());
      const seq = channelsToSequence(nchw, channels);
      for (let c = 0; c < channels; c++) for (let i = 0; i < n; i++) expect(seq[i * channels + c]).toBe(nchw[c * n + i]);
      expect(sequenceToChannels(seq, channels)).toEqual(nchw);
    }
  });
});
