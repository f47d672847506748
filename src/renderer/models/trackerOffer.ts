/** What the fallback notice offers in place of the classic tracker: the smallest SAM 2.1 model, one click away. */
import type { ModelStatus } from '../../shared/models';
import { canDownload, downloadSizeText } from './modelsView';

/**
 * Download sizes for a manifest that does not publish them (the manifest's download size wins), estimated: SAM 2.1 Tiny's 38.9 M parameters as float32
 * ONNX modules (about 156 MB), plus the official checkpoint its learnt constants are read from (the same
 * parameters again, about 156 MB).
 */
const DOWNLOAD_SIZES: Record<string, string> = { 'sam2.1-hiera-tiny': 'about 310 MB' };

export interface TrackerOffer {
  model: ModelStatus;
  /** null when not known beforehand; the download shows it as it starts. */
  size: string | null;
  /** Something is missing, so a download has work to do. */
  downloadable: boolean;
}

/** The manifest lists trackers smallest first: the first is the one a CPU runs at an editing pace. */
export function trackerOffer(models: readonly ModelStatus[]): TrackerOffer | null {
  const model = models.find((m) => m.family === 'sam2-tracker');
  if (!model) return null;
  const size = model.download ? downloadSizeText(model.download) : (DOWNLOAD_SIZES[model.id] ?? null);
  return { model, size, downloadable: canDownload(model) };
}
