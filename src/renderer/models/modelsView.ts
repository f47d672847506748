/** What the models panel shows about each model, in words and numbers. */
import type { DownloadSize, ModelStatus, ModuleFileStatus } from '../../shared/models';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Decimal units, as download sites and file managers print sizes. */
function scaled(bytes: number): { value: number; unit: number } {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return { value, unit };
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  const { value, unit } = scaled(bytes);
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${UNITS[unit]}`;
}

/** "about 310 MB" or "about 1.8 GB" for an estimate, as formatBytes for a known size. */
export function downloadSizeText({ bytes, approximate }: DownloadSize): string {
  if (!approximate) return formatBytes(bytes);
  const { value, unit } = scaled(bytes);
  return `about ${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

export function percentOf(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
}

export function downloadText(done: number, total: number): string {
  return total > 0 ? `${formatBytes(done)} of ${formatBytes(total)} (${percentOf(done, total)}%)` : `${formatBytes(done)} so far`;
}

export const STATE_LABEL: Record<ModelStatus['state'], string> = {
  installed: 'Installed',
  missing: 'Not installed',
  invalid: 'Needs attention',
};

/** The provider of each module that runs: the runner's own report, else the engine's (by role) for an installed model. */
export function moduleProviders(status: ModelStatus, engineProviders: Record<string, string>): Array<{ role: string; provider: string }> {
  return (status.modules ?? []).flatMap((m) => {
    const provider = m.provider ?? (status.state === 'installed' ? engineProviders[m.role] : undefined);
    return provider ? [{ role: m.role, provider }] : [];
  });
}

/** "cpu" when every running module shares it, else "image_encoder cuda · mlp cpu"; null when nothing runs. */
export function providerSummary(status: ModelStatus, engineProviders: Record<string, string>): string | null {
  const running = moduleProviders(status, engineProviders);
  if (running.length === 0) return null;
  const distinct = new Set(running.map((r) => r.provider));
  if (distinct.size === 1 && running.length === (status.modules?.length ?? 0)) return running[0].provider;
  return running.map((r) => `${r.role} ${r.provider}`).join(' · ');
}

/** Why modules fell back from faster providers, one line each, for a tooltip. */
export function fallbackText(modules: ModuleFileStatus[] | undefined): string {
  return (modules ?? []).flatMap((m) => (m.fallbackReasons ?? []).map((reason) => `${m.role}: ${reason}`)).join('\n');
}

/** Some file is missing: a download has something to fetch. */
export function canDownload(status: ModelStatus): boolean {
  return status.state === 'missing' || (status.modules ?? []).some((m) => m.sizeBytes === null);
}

/** Something is on disk to remove. */
export function canRemove(status: ModelStatus): boolean {
  return (status.sizeBytes ?? 0) > 0;
}
