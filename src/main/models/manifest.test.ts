import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../../testing/paths';
import { CONSTANTS_ROLE, constantsModuleSpec } from './sam2-constants';
import { DEFAULT_CONSTANTS_FILE } from '../engine/tracker/sam2/open-sam2-tracker';
import { defaultManifestPath, defaultModelsDir, loadManifest, modelDir, resolveModelsDir } from './manifest';
import { parseManifest } from './manifest-schema';
import { ModelError } from '../../shared/model-error';
import { moduleChoices } from './variants';

const AILIA_BASE = 'https://storage.googleapis.com/ailia-models/segment-anything-2.1/';

describe('shipped manifest', () => {
  it("is found from source and lists the four SAM 2.1 sizes, ViTMatte small and the paper's heads for Tiny and Base+", async () => {
    expect(defaultManifestPath()).toBe(join(repoRoot, 'resources', 'models', 'manifest.json'));
    const manifest = await loadManifest();
    expect(manifest.executionProviders).toEqual(['cuda', 'dml', 'coreml', 'cpu']);
    expect(manifest.models.map((m) => [m.id, m.family, m.licence])).toEqual([
      ['sam2.1-hiera-tiny', 'sam2-tracker', 'Apache-2.0'],
      ['sam2.1-hiera-small', 'sam2-tracker', 'Apache-2.0'],
      ['sam2.1-hiera-base-plus', 'sam2-tracker', 'Apache-2.0'],
      ['sam2.1-hiera-large', 'sam2-tracker', 'Apache-2.0'],
      ['vitmatte-small-composition-1k', 'matting-head', 'MIT'],
      ['sam2matting-sam2.1-tiny', 'sam2matting-heads', 'CC BY-NC 4.0'],
      ['sam2matting-sam2.1-base-plus', 'sam2matting-heads', 'CC BY-NC-SA 4.0'],
    ]);
  });

  it('gives every SAM 2.1 size the seven ailia modules, downloadable from the ailia bucket, and the constants from its checkpoint', async () => {
    const sam = (await loadManifest()).models.filter((m) => m.family === 'sam2-tracker');
    const sizes = [
      ['hiera_t', 'tiny'],
      ['hiera_s', 'small'],
      ['hiera_b+', 'base_plus'],
      ['hiera_l', 'large'],
    ];
    for (const [model, [size, checkpoint]] of sam.map((m, i) => [m, sizes[i]] as const)) {
      const { [CONSTANTS_ROLE]: constants, ...ailia } = model.modules;
      expect(Object.keys(ailia)).toEqual(['image_encoder', 'prompt_encoder', 'mask_decoder', 'memory_attention', 'memory_encoder', 'mlp', 'obj_ptr_tpos_proj']);
      // The export's own files first, then ailia's renamed or re-traced ones.
      const files = (role: string) => moduleChoices(model.modules[role]).map((m) => m.file);
      expect(files('memory_attention')).toEqual([`memory_attention_${size}_2.1.onnx`, `memory_attention_${size}_2.1.opt.onnx`, `memory_attention_6d_${size}_2.1.onnx`]);
      expect(files('prompt_encoder')).toEqual([`prompt_encoder_with_mask_${size}_2.1.onnx`, `prompt_encoder_${size}_2.1.onnx`]);
      for (const module of Object.values(ailia).flatMap(moduleChoices)) {
        expect(module.file).toContain(`_${size}_2.1`);
        expect(module.url).toBe(AILIA_BASE + module.file);
        expect(module.sha256).toBeNull();
      }
      const url = `https://dl.fbaipublicfiles.com/segment_anything_2/092824/sam2.1_hiera_${checkpoint}.pt`;
      expect(constants).toEqual({ ...constantsModuleSpec(DEFAULT_CONSTANTS_FILE, url), source: { checkpoint: url } });
    }
  });

  it('says roughly what each model downloads', async () => {
    const sizes = (await loadManifest()).models.map((m) => [m.id, m.sizeBytes, m.sizeApproximate]);
    expect(sizes).toEqual([
      ['sam2.1-hiera-tiny', 310e6, true],
      ['sam2.1-hiera-small', 370e6, true],
      ['sam2.1-hiera-base-plus', 650e6, true],
      ['sam2.1-hiera-large', 1800e6, true],
      ['vitmatte-small-composition-1k', 104e6, true],
      ['sam2matting-sam2.1-tiny', 215_569_778, false],
      ['sam2matting-sam2.1-base-plus', 383_180_506, false],
    ]);
  });

  it('builds the SAM2Matting heads from the official checkpoints, pinned by revision and hash, licence to be accepted', async () => {
    const heads = (await loadManifest()).models.filter((m) => m.family === 'sam2matting-heads');
    const base = 'https://huggingface.co/FudanCVL/SAM2Matting/resolve/4315db9c60d27fde396b09765748a0ca6c97bed5/checkpoints/';
    expect(heads.map((m) => [m.id, m.tracker, m.requiresLicenceAcceptance, m.licenceUrl, m.modules.heads.source])).toEqual([
      [
        'sam2matting-sam2.1-tiny',
        'sam2.1-hiera-tiny',
        true,
        'https://creativecommons.org/licenses/by-nc/4.0/',
        { checkpoint: `${base}SAM2Matting-SAM2.1Tiny.pt`, build: 'sam2matting-heads', sha256: '5b9321e3b51bc20f5b84c208746cc083dd3053dd701590f2e88dc8640afcc39d' },
      ],
      [
        'sam2matting-sam2.1-base-plus',
        'sam2.1-hiera-base-plus',
        true,
        'https://creativecommons.org/licenses/by-nc-sa/4.0/',
        { checkpoint: `${base}SAM2Matting-SAM2.1Base%2B.pt`, build: 'sam2matting-heads', sha256: '1f0eb2eda3e8bc9101eafc0b30b8b8fcae1ff83d8fd3adc18e2f3b410fdaae60' },
      ],
    ]);
    for (const model of heads) {
      expect(Object.keys(model.modules)).toEqual(['heads']);
      expect(model.modules.heads.file).toBe('sam2matting_heads.onnx');
      expect(Object.keys(model.modules.heads.inputs)).toEqual(['backbone_fpn_0', 'backbone_fpn_1', 'backbone_fpn_2', 'image', 'mask']);
      expect(Object.keys(model.modules.heads.outputs)).toEqual(['unknown_region_logits', 'trimap', 'alpha']);
    }
  });

  it('gives all SAM 2.1 sizes the same tensor layout (only the files differ)', async () => {
    const [tiny, ...others] = (await loadManifest()).models.filter((m) => m.family === 'sam2-tracker');
    const layout = (modules: typeof tiny.modules) => Object.fromEntries(Object.entries(modules).map(([role, m]) => [role, { inputs: m.inputs, outputs: m.outputs }]));
    for (const model of others) expect(layout(model.modules)).toEqual(layout(tiny.modules));
  });

  it('maps the ViTMatte head to pixel_values (RGB + trimap) → alphas', async () => {
    const vitmatte = (await loadManifest()).models.find((m) => m.family === 'matting-head')!;
    expect(vitmatte.modules.matting.inputs.image_trimap).toEqual({ name: 'pixel_values', type: 'float32', dims: ['B', 4, 'H', 'W'] });
    expect(vitmatte.modules.matting.outputs.alpha).toEqual({ name: 'alphas', type: 'float32', dims: ['B', 1, 'H', 'W'] });
  });
});

describe('parseManifest', () => {
  const valid = () => ({
    version: 1,
    executionProviders: ['cuda', 'cpu'],
    models: [
      {
        id: 'm',
        family: 'sam2-tracker',
        title: 'M',
        licence: 'Apache-2.0',
        modules: {
          image_encoder: {
            file: 'enc.onnx',
            url: 'https://example.org/enc.onnx',
            sha256: null,
            inputs: { image: { name: 'input_image', type: 'float32', dims: [1, 3, 'H', 'W'] } },
            outputs: { features: { name: 'f', type: 'float32', dims: [1, 8] } },
          },
        },
      },
    ],
  });
  type Manifest = ReturnType<typeof valid>;
  const encoder = (m: Manifest) => m.models[0].modules.image_encoder as Record<string, unknown>;

  it('accepts a valid manifest and returns only known fields', () => {
    expect(parseManifest(valid())).toEqual(valid());
    const sized = valid();
    Object.assign(sized.models[0], { sizeBytes: 310_000_000, sizeApproximate: true });
    expect(parseManifest(sized)).toEqual(sized);
  });

  it.each<[string, (m: Manifest) => void, string]>([
    ['an unsupported version', (m) => (m.version = 2), 'manifest.version must be 1, found 2'],
    ['an unknown provider', (m) => (m.executionProviders[1] = 'tensorrt'), 'manifest.executionProviders[1] must be one of cuda, dml, coreml, cpu, found "tensorrt"'],
    ['a provider twice', (m) => m.executionProviders.push('cpu'), 'manifest.executionProviders lists the provider "cpu" twice'],
    ['no models', (m) => (m.models = []), 'manifest.models must have at least 1 entry'],
    ['a missing title', (m) => delete (m.models[0] as Partial<Manifest['models'][0]>).title, 'manifest.models[0] lacks the field "title"'],
    ['a misspelt field', (m) => (encoder(m).sha265 = null), 'manifest.models["m"].modules.image_encoder.sha265 is not a known field'],
    ['an unknown family', (m) => (m.models[0].family = 'detector'), 'manifest.models["m"].family must be one of sam2-tracker, matting-head, sam2matting-heads'],
    ['heads without the tracker they pair with', (m) => (m.models[0].family = 'sam2matting-heads'), 'manifest.models["m"] lacks the field "tracker"'],
    [
      'heads pairing with no tracker of the manifest',
      (m) => Object.assign(m.models[0], { tracker: 'sam9' }),
      'manifest.models["m"].tracker must name a sam2-tracker model of the manifest, found "sam9"',
    ],
    [
      'a licence acceptance said in words',
      (m) => Object.assign(m.models[0], { requiresLicenceAcceptance: 'yes' }),
      'manifest.models["m"].requiresLicenceAcceptance must be true or false',
    ],
    [
      'an unknown build',
      (m) => Object.assign(encoder(m), { source: { checkpoint: 'https://example.org/x.pt', build: 'onnx' } }),
      'manifest.models["m"].modules.image_encoder.source.build must be one of sam2-constants, sam2matting-heads',
    ],
    [
      'a short checkpoint hash',
      (m) => Object.assign(encoder(m), { source: { checkpoint: 'https://example.org/x.pt', sha256: 'abc' } }),
      'manifest.models["m"].modules.image_encoder.source.sha256 must be 64 hex digits',
    ],
    ['a file with a path', (m) => (encoder(m).file = '../enc.onnx'), 'manifest.models["m"].modules.image_encoder.file must be a plain file name'],
    ['a plain http url', (m) => (encoder(m).url = 'http://example.org/enc.onnx'), 'manifest.models["m"].modules.image_encoder.url must be an https URL'],
    ['an http url to another machine than this one', (m) => (encoder(m).url = 'http://127.0.0.1.example.org/enc.onnx'), 'must be an https URL (or http on 127.0.0.1'],
    ['a short sha256', (m) => (encoder(m).sha256 = 'abc'), 'manifest.models["m"].modules.image_encoder.sha256 must be null or 64 hex digits, found "abc"'],
    [
      'an unknown dtype',
      (m) => (m.models[0].modules.image_encoder.inputs.image.type = 'float64'),
      'manifest.models["m"].modules.image_encoder.inputs.image.type must be one of float32',
    ],
    [
      'a negative dim',
      (m) => (m.models[0].modules.image_encoder.inputs.image.dims[0] = -1),
      'manifest.models["m"].modules.image_encoder.inputs.image.dims[0] must be a positive integer or a dim name, found -1',
    ],
    ['no outputs', (m) => (encoder(m).outputs = {}), 'manifest.models["m"].modules.image_encoder.outputs must list at least one output'],
    ['a duplicate id', (m) => m.models.push(m.models[0]), 'manifest.models lists the model id "m" twice'],
    ['a size in megabytes', (m) => Object.assign(m.models[0], { sizeBytes: 1.5 }), 'manifest.models["m"].sizeBytes must be a positive integer, found 1.5'],
    ['a size said approximate in words', (m) => Object.assign(m.models[0], { sizeApproximate: 'yes' }), 'manifest.models["m"].sizeApproximate must be true or false, found "yes"'],
  ])('rejects %s, naming the field', (_, spoil, message) => {
    const manifest = valid();
    spoil(manifest);
    expect(() => parseManifest(manifest, 'test.json')).toThrow(message);
    expect(() => parseManifest(manifest, 'test.json')).toThrow(/^test\.json: /);
  });

  it("takes a derived module's url from its checkpoint source, and refuses a second, different url", () => {
    const manifest = valid();
    const checkpoint = 'https://example.org/sam2.1_hiera_tiny.pt';
    encoder(manifest).source = { checkpoint };
    delete encoder(manifest).url;
    expect(parseManifest(manifest).models[0].modules.image_encoder).toMatchObject({ url: checkpoint, source: { checkpoint } });
    encoder(manifest).url = checkpoint;
    expect(parseManifest(manifest).models[0].modules.image_encoder.url).toBe(checkpoint);
    encoder(manifest).url = 'https://example.org/other.pt';
    expect(() => parseManifest(manifest)).toThrow(`manifest.models["m"].modules.image_encoder.url must be the checkpoint's URL "${checkpoint}" or absent`);
    delete encoder(manifest).url;
    encoder(manifest).source = { checkpoint: 'ftp://example.org/x.pt' };
    expect(() => parseManifest(manifest)).toThrow('manifest.models["m"].modules.image_encoder.source.checkpoint must be an https URL');
    encoder(manifest).source = { url: checkpoint };
    expect(() => parseManifest(manifest)).toThrow('manifest.models["m"].modules.image_encoder.source lacks the field "checkpoint"');
    delete encoder(manifest).source;
    expect(() => parseManifest(manifest)).toThrow('manifest.models["m"].modules.image_encoder lacks the field "url"');
  });

  it('accepts plain http only to this machine (a local mirror)', () => {
    const manifest = valid();
    encoder(manifest).url = 'http://127.0.0.1:8123/enc.onnx';
    expect(parseManifest(manifest).models[0].modules.image_encoder.url).toBe('http://127.0.0.1:8123/enc.onnx');
  });

  it('rejects JSON that is not an object', () => {
    expect(() => parseManifest([1])).toThrow('manifest must be an object, found [1]');
  });
});

describe('loadManifest', () => {
  it('names the file when it is missing or not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sam2m-manifest-'));
    const missing = join(dir, 'nope.json');
    await expect(loadManifest(missing)).rejects.toThrow(`Cannot read the model manifest ${missing}`);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "version": 1,');
    const err = await loadManifest(broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).kind).toBe('manifest');
    expect((err as ModelError).message).toContain(`The model manifest ${broken} is not valid JSON`);
  });
});

describe('models folder', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('prefers the parameter, then SAM2M_MODELS_DIR, then the app data folder', () => {
    vi.stubEnv('SAM2M_MODELS_DIR', '/env/models');
    expect(resolveModelsDir('/param/models')).toBe(resolve('/param/models'));
    expect(resolveModelsDir()).toBe(resolve('/env/models'));
    vi.stubEnv('SAM2M_MODELS_DIR', '');
    expect(resolveModelsDir()).toBe(resolve(defaultModelsDir()));
  });

  it('follows each platform convention for per-user data', () => {
    expect(defaultModelsDir('win32', { APPDATA: 'C:/Users/a/AppData/Roaming' }, 'C:/Users/a')).toBe(join('C:/Users/a/AppData/Roaming', 'sam2matting-studio', 'models'));
    expect(defaultModelsDir('darwin', {}, '/Users/a')).toBe('/Users/a/Library/Application Support/sam2matting-studio/models');
    expect(defaultModelsDir('linux', {}, '/home/a')).toBe('/home/a/.local/share/sam2matting-studio/models');
    expect(defaultModelsDir('linux', { XDG_DATA_HOME: '/data' }, '/home/a')).toBe('/data/sam2matting-studio/models');
  });

  it('keeps each model in a folder named after its id', () => {
    expect(modelDir('/models', 'sam2.1-hiera-tiny')).toBe(join('/models', 'sam2.1-hiera-tiny'));
  });
});
