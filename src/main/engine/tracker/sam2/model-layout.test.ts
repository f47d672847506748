import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../../models/manifest';
import { JOINED_MEMORY_ATTENTION } from '../../../models/testing/sam2-memory-doubles';
import { CONSTANTS_ROLE } from './constants';
import { readSam2Layout } from './model-layout';
import { DEFAULT_CONSTANTS_FILE, withConstantsModule } from './open-sam2-tracker';

describe('readSam2Layout', () => {
  it('reads the image size and the split memory layout of the shipped SAM 2.1 models', async () => {
    const models = (await loadManifest()).models.filter((m) => m.family === 'sam2-tracker');
    expect(models.map(readSam2Layout)).toEqual(models.map(() => ({ imageSize: 1024, memoryLayout: 'split' })));
  });

  it('recognises the joined layout and names what is wrong otherwise', async () => {
    const tiny = (await loadManifest()).models[0];
    expect(readSam2Layout({ ...tiny, modules: { ...tiny.modules, memory_attention: JOINED_MEMORY_ATTENTION } }).memoryLayout).toBe('joined');
    const { mlp: _mlp, ...withoutMlp } = tiny.modules;
    expect(() => readSam2Layout({ ...tiny, modules: withoutMlp })).toThrow(`Model ${tiny.id} lacks SAM2 modules: mlp`);
    const odd = { ...JOINED_MEMORY_ATTENTION, inputs: { curr: JOINED_MEMORY_ATTENTION.inputs.curr } };
    expect(() => readSam2Layout({ ...tiny, modules: { ...tiny.modules, memory_attention: odd } })).toThrow('memory_attention inputs [curr] are neither');
  });
});

describe('withConstantsModule', () => {
  it('adds the constants graph beside the image encoder when the manifest lists none', async () => {
    const { [CONSTANTS_ROLE]: listed, ...modules } = (await loadManifest()).models[0].modules;
    expect(listed).toBeDefined();
    const full = withConstantsModule({ ...(await loadManifest()).models[0], modules });
    expect(full.modules[CONSTANTS_ROLE].file).toBe(DEFAULT_CONSTANTS_FILE);
    expect(full.modules[CONSTANTS_ROLE].url).toBe(`https://storage.googleapis.com/ailia-models/segment-anything-2.1/${DEFAULT_CONSTANTS_FILE}`);
    expect(withConstantsModule(full)).toBe(full);
  });
});
