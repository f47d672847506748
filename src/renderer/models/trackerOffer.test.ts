import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../shared/models';
import { trackerOffer } from './trackerOffer';

const model = (id: string, family: ModelStatus['family'], state: ModelStatus['state']): ModelStatus => ({ id, title: id, family, state, reason: null, licence: 'Apache-2.0' });

describe('trackerOffer', () => {
  it('offers the first tracker of the manifest (the smallest) with its estimated size', () => {
    const offer = trackerOffer([
      model('vitmatte', 'matting-head', 'missing'),
      model('sam2.1-hiera-tiny', 'sam2-tracker', 'missing'),
      model('sam2.1-hiera-small', 'sam2-tracker', 'missing'),
    ]);
    expect(offer?.model.id).toBe('sam2.1-hiera-tiny');
    expect(offer?.size).toBe('about 310 MB');
    expect(offer?.downloadable).toBe(true);
  });

  it('says when the offered model is already there, and has no size for a model it does not know', () => {
    expect(trackerOffer([model('sam2.1-hiera-tiny', 'sam2-tracker', 'installed')])?.downloadable).toBe(false);
    expect(trackerOffer([model('other', 'sam2-tracker', 'missing')])?.size).toBeNull();
    expect(trackerOffer([model('vitmatte', 'matting-head', 'missing')])).toBeNull();
  });

  it("takes the manifest's download size where it gives one", () => {
    const tiny = { ...model('sam2.1-hiera-tiny', 'sam2-tracker', 'missing'), download: { bytes: 1_800_000_000, approximate: true } };
    expect(trackerOffer([tiny])?.size).toBe('about 1.8 GB');
    expect(trackerOffer([{ ...tiny, download: { bytes: 155_000_000, approximate: false } }])?.size).toBe('155.0 MB');
  });
});
