/**
 * Exclusive objects: each pixel belongs to the one object most likely there, SAM2's non-overlapping
 * constraint (sam2_base.py, _apply_non_overlapping_constraints) applied to the tracker's masks rather
 * than inside the tracker, so it works for any tracker and can be switched on and off at will.
 */
import type { FrameRange } from '../../shared/common/frame-range';
import type { PropagateRequest, TrackResult, TrackSnapshot, Tracker } from '../../shared/engine';
import type { GrayImage } from '../../shared/media';
import type { ObjectId, Prompt } from '../../shared/prompts';
import type { FrameFeatures } from './tracker/sam2/image-features';
import type { FloatMap } from './tracker/sam2/logit-maps';

/** What heads on a tracker's own features (the paper's) read of it: the SAM 2.1 tracker has both. */
interface FeatureReads {
  imageFeatures(frame: number, signal?: AbortSignal): Promise<FrameFeatures>;
  lowResLogits(objectId: ObjectId, frame: number): FloatMap | undefined;
  encodeImage(input: Float32Array, signal?: AbortSignal): Promise<FrameFeatures>;
}

/** SAM2's _apply_non_overlapping_constraints: a losing object's logits are clamped to at most this. */
const LOSING_LOGIT = -10;

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
 * (in SAM2's order, by id), and as tracked while it returns null. Everything else passes through; where
 * the inner tracker offers its image features and low-res logits (SAM 2.1, for the paper's head), so does
 * this, the logits made exclusive as SAM2 makes its low-res masks.
 */
export class ExclusiveMasks implements Tracker {
  imageFeatures?: FeatureReads['imageFeatures'];
  lowResLogits?: FeatureReads['lowResLogits'];
  encodeImage?: FeatureReads['encodeImage'];

  constructor(
    private readonly inner: Tracker,
    private readonly competitors: () => ObjectId[] | null,
  ) {
    const reads = inner as Partial<FeatureReads>;
    if (typeof reads.imageFeatures === 'function' && typeof reads.lowResLogits === 'function' && typeof reads.encodeImage === 'function') {
      const { imageFeatures, lowResLogits, encodeImage } = reads as FeatureReads;
      this.imageFeatures = (frame, signal) => imageFeatures.call(inner, frame, signal);
      this.encodeImage = (input, signal) => encodeImage.call(inner, input, signal);
      this.lowResLogits = (objectId, frame) => this.exclusiveLogits(objectId, frame, (id) => lowResLogits.call(inner, id, frame));
    }
  }

  get name(): string {
    return this.inner.name;
  }

  hasImageFeatures(frame: number): boolean {
    return this.inner.hasImageFeatures?.(frame) ?? true;
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

  saveFrames(objectId: ObjectId, range: FrameRange): TrackSnapshot {
    return this.inner.saveFrames(objectId, range);
  }

  restoreFrames(snapshot: TrackSnapshot): void {
    this.inner.restoreFrames(snapshot);
  }

  reset(): void {
    this.inner.reset();
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }

  /**
   * SAM2's rule on the low-res logits: where another present object's logit is higher (or equal, and
   * it comes first), this object's is clamped to at most −10. Undefined when a competitor's logits are
   * gone from the tracker's cache: the reader then recovers them from the exclusive mask.
   */
  private exclusiveLogits(objectId: ObjectId, frame: number, logitsOf: (id: ObjectId) => FloatMap | undefined): FloatMap | undefined {
    const own = logitsOf(objectId);
    const ids = this.competitors();
    if (!own || !ids || !ids.includes(objectId)) return own;
    const present = ids.filter((id) => this.inner.getResult(id, frame)?.present);
    const index = present.indexOf(objectId);
    if (index < 0) return own;
    const maps = present.map((id) => (id === objectId ? own : logitsOf(id)));
    if (maps.some((m) => !m || m.width !== own.width || m.height !== own.height)) return undefined;
    const data = own.data.slice();
    maps.forEach((other, k) => {
      if (k === index) return;
      const o = other!.data;
      for (let i = 0; i < data.length; i++) if (o[i] > own.data[i] || (k < index && o[i] === own.data[i])) data[i] = Math.min(data[i], LOSING_LOGIT);
    });
    return { width: own.width, height: own.height, data };
  }

  /** The mask is worked out when first read: many callers only ask whether a frame has a result. */
  private exclusive(result: TrackResult): TrackResult {
    const ids = this.competitors();
    if (!ids || !result.present || !ids.includes(result.objectId)) return result;
    const inner = this.inner;
    let mask: GrayImage | undefined;
    // The result's other fields as they are, without reading its mask (a stored mask is unpacked when read);
    // its measure is the tracker's mask's, not this one's, so the drift strip measures this one when it reads it.
    const fields = Object.getOwnPropertyDescriptors(result) as Partial<PropertyDescriptorMap>;
    delete fields.mask;
    delete fields.coverage;
    return Object.defineProperties({} as TrackResult, {
      ...(fields as PropertyDescriptorMap),
      mask: {
        enumerable: true,
        get() {
          if (!mask) {
            const present = ids.flatMap((id) => {
              const r = id === result.objectId ? result : inner.getResult(id, result.frame);
              return r?.present ? [r] : [];
            });
            mask = exclusiveMask(
              present.map((r) => r.mask),
              present.findIndex((r) => r.objectId === result.objectId),
            );
          }
          return mask;
        },
      },
    });
  }
}
