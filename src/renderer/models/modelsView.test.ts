import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../shared/models';
import { canDownload, canRemove, downloadSizeText, downloadText, fallbackText, formatBytes, percentOf, providerSummary } from './modelsView';

const status = (patch: Partial<ModelStatus> = {}): ModelStatus => ({
  id: 'm',
  title: 'M',
  family: 'sam2-tracker',
  state: 'installed',
  reason: null,
  sizeBytes: 300,
  modules: [
    { role: 'image_encoder', file: 'a.onnx', sizeBytes: 200, sha256: null },
    { role: 'mlp', file: 'b.onnx', sizeBytes: 100, sha256: null },
  ],
  ...patch,
});

describe('downloadSizeText', () => {
  it('says "about" for an estimate', () => {
    expect(downloadSizeText({ bytes: 310e6, approximate: true })).toBe('about 310 MB');
    expect(downloadSizeText({ bytes: 1.8e9, approximate: true })).toBe('about 1.8 GB');
    expect(downloadSizeText({ bytes: 104_000_000, approximate: false })).toBe('104.0 MB');
  });
});

describe('formatBytes', () => {
  it.each([
    [null, '—'],
    [0, '0 B'],
    [999, '999 B'],
    [1500, '1.50 KB'],
    [160_042, '160.0 KB'],
    [38_900_000, '38.9 MB'],
    [1_020_000_000, '1.02 GB'],
  ])('%s → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('download progress', () => {
  it('shows bytes of the total and a percentage, or bytes so far when the total is unknown', () => {
    expect(percentOf(50, 200)).toBe(25);
    expect(percentOf(5, 0)).toBe(0);
    expect(downloadText(80_000, 320_000)).toBe('80.0 KB of 320.0 KB (25%)');
    expect(downloadText(2_000_000, 0)).toBe('2.00 MB so far');
  });
});

describe('providerSummary', () => {
  it('says nothing while no module runs', () => {
    expect(providerSummary(status(), {})).toBeNull();
  });

  it('names one provider when every module runs on it', () => {
    const running = status({ modules: status().modules!.map((m) => ({ ...m, provider: 'cpu' as const })) });
    expect(providerSummary(running, {})).toBe('cpu');
  });

  it('lists modules when providers differ, taking the engine report by role for an installed model', () => {
    expect(providerSummary(status(), { image_encoder: 'cuda', mlp: 'cpu' })).toBe('image_encoder cuda · mlp cpu');
    expect(providerSummary(status({ state: 'missing' }), { image_encoder: 'cuda' })).toBeNull();
  });

  it('keeps fallback reasons per module for a tooltip', () => {
    const modules = [{ role: 'mlp', file: 'b.onnx', sizeBytes: 1, sha256: null, provider: 'cpu' as const, fallbackReasons: ['cuda: no libcudart'] }];
    expect(fallbackText(modules)).toBe('mlp: cuda: no libcudart');
  });
});

describe('actions', () => {
  it('offers download when a file is missing and removal when something is on disk', () => {
    expect(canDownload(status())).toBe(false);
    expect(canDownload(status({ state: 'missing', sizeBytes: 0 }))).toBe(true);
    expect(canDownload(status({ state: 'invalid', modules: [{ role: 'mlp', file: 'b', sizeBytes: null, sha256: null }] }))).toBe(true);
    expect(canRemove(status())).toBe(true);
    expect(canRemove(status({ sizeBytes: 0 }))).toBe(false);
  });
});
