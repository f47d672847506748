import { describe, expect, it } from 'vitest';
import { channelsToSequence, sequenceToChannels } from './image-features';

describe('feature layouts', () => {
  it('moves channels last and back', () => {
    const nchw = Float32Array.of(1, 2, 3, 10, 20, 30); // C = 2, n = 3
    const seq = channelsToSequence(nchw, 2);
    expect(Array.from(seq)).toEqual([1, 10, 2, 20, 3, 30]);
    expect(sequenceToChannels(seq, 2)).toEqual(nchw);
  });
});
