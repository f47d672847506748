/**
 * Which tracker a checkpoint holds. SAM2Matting's checkpoints carry the SAM 2.1 tracker their heads
 * were trained with; the heads only fit an image encoder and mask decoder whose features they saw,
 * so the app can check that the installed SAM 2.1 model is that tracker by comparing fingerprints.
 */
import { createHash } from 'node:crypto';
import { withCheckpoint, type CheckpointSource } from './torch-checkpoint';

/** The tracker's modules every SAM 2.1 and SAM2Matting checkpoint holds whole (SAM2Base's names). */
const TRACKER_MODULES = ['sam_mask_decoder.', 'sam_prompt_encoder.'];

/**
 * SHA-256 (hex) over the tracker's tensors in name order: for each, its name, storage type, dims and
 * elements (row-major, little-endian, as stored). Equal for byte-equal tensors however the files lay
 * out their storages; any changed value, shape or type changes it.
 */
export async function trackerFingerprint(source: CheckpointSource): Promise<string> {
  return (await fingerprintOf(source, true))!;
}

/** trackerFingerprint, or null for a checkpoint that holds no tracker tensors (e.g. only SAM2's constants). */
export function trackerFingerprintIfAny(source: CheckpointSource): Promise<string | null> {
  return fingerprintOf(source, false);
}

function fingerprintOf(source: CheckpointSource, required: boolean): Promise<string | null> {
  return withCheckpoint(source, async (checkpoint) => {
    const names = checkpoint.tensorNames().filter((name) => TRACKER_MODULES.some((m) => name.startsWith(m)));
    const absent = TRACKER_MODULES.filter((m) => !names.some((name) => name.startsWith(m)));
    if (absent.length === TRACKER_MODULES.length && !required) return null;
    if (absent.length > 0)
      throw new Error(`${checkpoint.label} holds no SAM 2 tracker tensors ${absent.map((m) => `${m}*`).join(', ')}: is it a SAM 2.1 or SAM2Matting checkpoint?`);
    const hash = createHash('sha256');
    for (const name of names.sort()) {
      const { type, dims, bytes } = await checkpoint.readBytes(name);
      // A JSON line with the byte count first, so no two different lists of tensors hash the same stream.
      hash.update(`${JSON.stringify([name, type, dims, bytes.length])}\n`);
      hash.update(bytes);
    }
    return hash.digest('hex');
  });
}
