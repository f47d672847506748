/**
 * Exclusive objects: each pixel belongs to the one object most likely there, SAM2's non-overlapping
 * constraint (sam2_base.py, _apply_non_overlapping_constraints) applied to the tracker's masks rather
 * than inside the tracker, so it works for any tracker and can be switched on and off at will.
 */
import type { PropagateRequest, TrackResult, Tracker } from '../../shared/engine';
import type { GrayImage } from '../../shared/media';
import type { ObjectId, Prompt } from '../../shared/prompts';

/**
 * masks[index] where it is the most likely of all, 0 elsewhere. Ties go to the earlier mask (SAM2's argmax
 * takes the first); masks of another size do not compete.
 */
export function exclusiveMask(masks: readonly GrayImage[], index: number): GrayImage {
  const own = masks[index];
  const data = own.data.slice();
  masks.forEach((other, k) => {
    if (k === index || other.width !== own.width || other.height !== own.height) return;
    const o = other.data;
    for (let i = 0; i < data.length; i++) if (o[i] > data[i] || (k < index && o[i] === data[i])) data[i] = 0;
  });
  return { width: own.width, height: own.height, data };
}

/**
 * A tracker whose results are exclusive while `competitors()` names the objects that share the frame
 * (in SAM2's order, by id), and as tracked while it returns null. Everything else passes through.
 */
export class ExclusiveMasks implements Tracker {
  constructor(
    private readonly inner: Tracker,
    private readonly competitors: () => ObjectId[] | null,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  async setPrompts(objectId: ObjectId, frame: number, prompts: Prompt[], signal?: AbortSignal): Promise<TrackResult | null> {
    const result = await this.inner.setPrompts(objectId, frame, prompts, signal);
    return result && this.exclusive(result);
  }

  propagate(request: PropagateRequest, signal?: AbortSignal): AsyncIterable<TrackResult> {
    return this.inner.propagate(request, signal);
  }

  getResult(objectId: ObjectId, frame: number): TrackResult | undefined {
    const result = this.inner.getResult(objectId, frame);
    return result && this.exclusive(result);
  }

  clearObject(objectId: ObjectId): void {
    this.inner.clearObject(objectId);
  }

  reset(): void {
    this.inner.reset();
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }

  /** The mask is worked out when first read: many callers only ask whether a frame has a result. */
  private exclusive(result: TrackResult): TrackResult {
    const ids = this.competitors();
    if (!ids || !result.present || !ids.includes(result.objectId)) return result;
    const inner = this.inner;
    let mask: GrayImage | undefined;
    return {
      ...result,
      get mask() {
        if (!mask) {
          const masks = ids.flatMap((id) => {
            const r = id === result.objectId ? result : inner.getResult(id, result.frame);
            return r?.present ? [r.mask] : [];
          });
          mask = exclusiveMask(masks, masks.indexOf(result.mask));
        }
        return mask;
      },
    };
  }
}
