/**
 * Which SAM2Matting heads may run with a SAM 2.1 tracker. The heads were trained on one tracker's
 * features: a SAM2Matting checkpoint holds that tracker's tensors, so its tracker fingerprint must equal
 * the one of the checkpoint the installed SAM 2.1 model was built from (both recorded when the
 * checkpoints were converted: fingerprint-record.ts). Anything else is refused, saying which models.
 */
import type { HeadInfo } from '../../../../shared/engine-info';
import type { ModelManifest, ModelSpec, ModelStatus } from '../../../../shared/models';
import { readFingerprintRecord, type FingerprintRecord } from '../../../models/fingerprint-record';
import { licenceTerms } from '../../../models/licence';
import { modelDir } from '../../../models/manifest';
import { pinKey, type Pins } from '../../../models/pins';
import { PAPER_HEAD_ID, PAPER_HEAD_TITLE } from './paper-head';

export type PaperHeadsChoice = { ok: true; heads: ModelSpec; tracker: ModelSpec } | { ok: false; reason: string };

const short = (fingerprint: string) => `${fingerprint.slice(0, 12)}…`;

/** The model's record, or why there is none to trust. */
async function recordOf(model: ModelSpec, modelsDir: string, pins: Pins): Promise<{ record: FingerprintRecord } | { problem: string }> {
  const dir = modelDir(modelsDir, model.id);
  let record: FingerprintRecord | null;
  try {
    record = await readFingerprintRecord(dir);
  } catch (err) {
    return { problem: (err as Error).message };
  }
  const again = `import its checkpoint again (Models panel, or npx sam2matting models import FILE_OR_FOLDER --model ${model.id})`;
  if (!record)
    return { problem: `${model.title} was installed without the fingerprint of its checkpoint's tracker (from ONNX files only, or before the app kept fingerprints): ${again}` };
  const pinned = pins[pinKey(model.id, record.file)]?.sha256;
  if (pinned && pinned !== record.fileSha256) return { problem: `${model.title}'s ${record.file} changed since its checkpoint's fingerprint was recorded: ${again}` };
  return { record };
}

/**
 * Whether `heads` belong with `tracker`; the reason names both models when they do not (or when it
 * cannot be told).
 */
export async function checkPairing(heads: ModelSpec, tracker: ModelSpec, modelsDir: string, pins: Pins): Promise<string | null> {
  const [h, t] = await Promise.all([recordOf(heads, modelsDir, pins), recordOf(tracker, modelsDir, pins)]);
  const cannot = `Cannot check that ${heads.title} belongs with ${tracker.title}`;
  if ('problem' in h) return `${cannot}: ${h.problem}.`;
  if ('problem' in t) return `${cannot}: ${t.problem}.`;
  if (h.record.fingerprint === t.record.fingerprint) return null;
  return (
    `${heads.title} does not belong with ${tracker.title}: the tracker tensors in its checkpoint (${h.record.checkpoint}, fingerprint ${short(h.record.fingerprint)}) ` +
    `differ from those of ${tracker.title}'s checkpoint (${t.record.checkpoint}, fingerprint ${short(t.record.fingerprint)}), so its heads were trained on another tracker's features. ` +
    `The app refuses this pairing: install the SAM 2.1 model its checkpoint was made with, or SAM2Matting heads made for ${tracker.title}.`
  );
}

/**
 * The installed heads that pair with the tracker model `trackerId` (those the manifest made for it
 * first), or why there are none. `statuses`: the models' states (only installed heads are considered).
 */
export async function choosePaperHeads(manifest: ModelManifest, statuses: ModelStatus[], trackerId: string, modelsDir: string, pins: Pins): Promise<PaperHeadsChoice> {
  const tracker = manifest.models.find((m) => m.id === trackerId && m.family === 'sam2-tracker');
  if (!tracker) return { ok: false, reason: `${PAPER_HEAD_TITLE} needs a SAM 2.1 tracker from the manifest; "${trackerId}" is none.` };
  const all = manifest.models.filter((m) => m.family === 'sam2matting-heads');
  const madeFor = all.filter((m) => m.tracker === trackerId);
  const ordered = [...madeFor, ...all.filter((m) => m.tracker !== trackerId)];
  const installed = ordered.filter((m) => statuses.find((s) => s.id === m.id)?.state === 'installed');
  if (installed.length === 0) {
    const suggestion = madeFor[0] ?? all[0];
    const broken = all.map((m) => statuses.find((s) => s.id === m.id)).find((s) => s?.state === 'invalid');
    return {
      ok: false,
      reason: broken
        ? `${PAPER_HEAD_TITLE}: ${broken.title} needs attention: ${broken.reason}`
        : `No SAM2Matting heads are installed${suggestion ? `: download or import ${suggestion.title} (${suggestion.id}, ${suggestion.licence}, ${licenceTerms(suggestion.licence)}) in the Models panel` : ''}.`,
    };
  }
  const reasons: string[] = [];
  for (const heads of installed) {
    const refused = await checkPairing(heads, tracker, modelsDir, pins);
    if (!refused) return { ok: true, heads, tracker };
    reasons.push(refused);
  }
  return { ok: false, reason: reasons[0] };
}

/** "SAM2Matting (paper) — CC BY-NC 4.0, non-commercial use only": the head's name with the licence(s) it runs under. */
export function paperHeadTitle(licences: string[]): string {
  const unique = [...new Set(licences)];
  return unique.length ? `${PAPER_HEAD_TITLE} — ${unique.join(' / ')}, ${licenceTerms(unique[0])}` : PAPER_HEAD_TITLE;
}

/** The Matte panel's entry for the paper's head, with the pairing for the tracker model that runs (null: none). */
export async function paperHeadInfo(
  manifest: ModelManifest,
  statuses: ModelStatus[],
  trackerId: string | null,
  modelsDir: string,
  pins: Pins,
  noTracker?: string,
): Promise<HeadInfo> {
  const allLicences = manifest.models.filter((m) => m.family === 'sam2matting-heads').map((m) => m.licence);
  const unavailable = (reason: string): HeadInfo => ({ id: PAPER_HEAD_ID, title: paperHeadTitle(allLicences), available: false, reason });
  if (trackerId === null) return unavailable(noTracker ?? `${PAPER_HEAD_TITLE} needs a SAM 2.1 tracker, and none is installed: it runs on the tracker's own features.`);
  const choice = await choosePaperHeads(manifest, statuses, trackerId, modelsDir, pins);
  return choice.ok ? { id: PAPER_HEAD_ID, title: paperHeadTitle([choice.heads.licence]), available: true, reason: null } : unavailable(choice.reason);
}
