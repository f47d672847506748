import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionProvider, ModelManifest, ModelSpec, ModuleSpec } from '../../shared/models';
import { loadManifest, modelDir } from '../models/manifest';
import { ModelError } from '../../shared/model-error';
import { VERBOSE_ENV } from './providers';
import { checkModels } from '../models/check-models';
import { openModuleSession } from './sessions';
import {
  expectedFeature,
  expectedPosEnc,
  imageEncoderDouble,
  IOU_BASE,
  maskDecoderDouble,
  SMALL,
  SMALL_IMAGE_ENCODER_DIMS,
  SMALL_MASK_DECODER_DIMS,
  TOKEN_OFFSETS,
  withDims,
} from '../models/testing/sam2-doubles';

let modelsDir: string;
let tiny: ModelSpec;
let encoderSpec: ModuleSpec;
let decoderSpec: ModuleSpec;

/** A model of the two doubles, with the real tiny model's id, roles, names, dtypes and file names. */
function doublesModel(id = tiny.id): ModelSpec {
  return { ...tiny, id, modules: { image_encoder: encoderSpec, mask_decoder: decoderSpec } };
}

function manifestOf(...models: ModelSpec[]): ModelManifest {
  return { version: 1, executionProviders: ['cpu'], models };
}

async function installDoubles(id: string, encoder = imageEncoderDouble(encoderSpec), decoder = maskDecoderDouble(decoderSpec)): Promise<string> {
  const dir = modelDir(modelsDir, id);
  await mkdir(dir, { recursive: true });
  await encoder.write(join(dir, encoderSpec.file));
  await decoder.write(join(dir, decoderSpec.file));
  return dir;
}

const values = (t: Tensor | undefined) => Array.from(t!.data as Float32Array);

beforeAll(async () => {
  modelsDir = await mkdtemp(join(tmpdir(), 'sam2m-models-'));
  tiny = (await loadManifest()).models.find((m) => m.id === 'sam2.1-hiera-tiny')!;
  encoderSpec = withDims(tiny.modules.image_encoder, SMALL_IMAGE_ENCODER_DIMS);
  decoderSpec = withDims(tiny.modules.mask_decoder, SMALL_MASK_DECODER_DIMS);
  await installDoubles(tiny.id);
});

afterAll(() => rm(modelsDir, { recursive: true, force: true }));

describe('openModuleSession with valid doubles', () => {
  it('loads the image encoder on CPU and computes pooled features under the real output names', async () => {
    const { session, provider, fallbackReasons } = await openModuleSession(encoderSpec, modelDir(modelsDir, tiny.id), ['cpu']);
    expect(provider).toBe('cpu');
    expect(fallbackReasons).toEqual([]);
    expect(session.inputNames).toEqual(['input_image']);

    // Channel ch of pixel (y, x) = ch + y / 32: RGB mean of a grid cell = 1 + its mean row / 32.
    const { image, grid, channels, highRes0 } = SMALL;
    const pixels = Float32Array.from({ length: 3 * image * image }, (_, i) => {
      const [ch, y] = [Math.floor(i / (image * image)), Math.floor(i / image) % image];
      return ch + y / image;
    });
    const out = await session.run({ input_image: new Tensor('float32', pixels, [1, 3, image, image]) });
    const stride = image / grid;
    const pixFeat = values(out.backbone_fpn_2);
    for (let c = 0; c < channels; c++) {
      for (let row = 0; row < grid; row++) {
        const cellMean = 1 + (row * stride + (stride - 1) / 2) / image;
        expect(pixFeat[(c * grid + row) * grid]).toBeCloseTo(expectedFeature(cellMean, c), 5);
      }
    }
    expect(values(out.vision_features)).toEqual(pixFeat);
    expect(out.backbone_fpn_0.dims).toEqual([1, highRes0.channels, highRes0.size, highRes0.size]);
    expect(out.backbone_fpn_1.dims).toEqual([1, SMALL.highRes1.channels, SMALL.highRes1.size, SMALL.highRes1.size]);
    expect(new Set(values(out.vision_pos_enc_0))).toEqual(new Set([Math.fround(expectedPosEnc(0))]));
    expect(new Set(values(out.vision_pos_enc_2))).toEqual(new Set([Math.fround(expectedPosEnc(2))]));
    await session.release();
  });

  it('runs the mask decoder with any number of sparse tokens and checkable outputs', async () => {
    const { session } = await openModuleSession(decoderSpec, modelDir(modelsDir, tiny.id), ['cpu']);
    const { channels: C, grid, lowRes, maskTokens, highRes0, highRes1 } = SMALL;
    const plane = grid * grid;
    // Embedding (c, i, j) = i·grid + j − 10 (negative mean ⇒ object absent), dense prompt 0.5 everywhere.
    const embeddings = Float32Array.from({ length: C * plane }, (_, k) => (k % plane) - 10);
    const zeros = (...dims: number[]) => new Tensor('float32', new Float32Array(dims.reduce((a, b) => a * b)), dims);
    for (const tokens of [2, 3]) {
      const sparse = Float32Array.from({ length: tokens * C }, (_, k) => Math.floor(k / C));
      const out = await session.run({
        image_embeddings: new Tensor('float32', embeddings, [1, C, grid, grid]),
        image_pe: zeros(1, C, grid, grid),
        sparse_prompt_embeddings: new Tensor('float32', sparse, [1, tokens, C]),
        dense_prompt_embeddings: new Tensor('float32', new Float32Array(C * plane).fill(0.5), [1, C, grid, grid]),
        high_res_features1: zeros(1, highRes0.channels, highRes0.size, highRes0.size),
        high_res_features2: zeros(1, highRes1.channels, highRes1.size, highRes1.size),
      });
      const sparseMean = (tokens - 1) / 2;
      expect(out.masks.dims).toEqual([1, maskTokens, lowRes, lowRes]);
      const masks = values(out.masks);
      const scale = lowRes / grid;
      for (const [t, y, x] of [
        [0, 0, 0],
        [1, 5, 9],
        [3, 15, 15],
      ]) {
        const expected = Math.floor(y / scale) * grid + Math.floor(x / scale) - 10 + 0.5 + TOKEN_OFFSETS[t];
        expect(masks[(t * lowRes + y) * lowRes + x]).toBeCloseTo(expected, 5);
      }
      expect(values(out.object_score_logits)[0]).toBeCloseTo((plane - 1) / 2 - 10, 5);
      expect(values(out.iou_pred).map((v, t) => v - IOU_BASE[t])).toEqual(IOU_BASE.map(() => expect.closeTo(sparseMean, 5)));
      expect(out.sam_tokens_out.dims).toEqual([1, maskTokens, C]);
      expect(values(out.sam_tokens_out)[C + 2]).toBeCloseTo(sparseMean + TOKEN_OFFSETS[1], 5);
    }
    await session.release();
  });

  it('loads the rewrite of the file, or the file as it is when the rewrite cannot read it', async () => {
    const file = await readFile(join(modelDir(modelsDir, tiny.id), encoderSpec.file));
    const seen: number[] = [];
    const rewrite = (model: Uint8Array) => {
      seen.push(model.length);
      return model;
    };
    for (const r of [
      rewrite,
      () => {
        throw new Error('unreadable');
      },
    ]) {
      const { session } = await openModuleSession(encoderSpec, modelDir(modelsDir, tiny.id), ['cpu'], { rewrite: r });
      expect(session.inputNames).toEqual(['input_image']);
      await session.release();
    }
    expect(seen).toEqual([file.length]);
  });
});

describe('execution providers', () => {
  const dir = () => modelDir(modelsDir, tiny.id);

  it('tries them in manifest order and keeps a reason for each one that failed', async () => {
    const order: ExecutionProvider[] = ['cuda', 'dml', 'coreml', 'cpu'];
    const { session, provider, fallbackReasons } = await openModuleSession(encoderSpec, dir(), order);
    expect(fallbackReasons.map((f) => f.provider)).toEqual(order.slice(0, order.indexOf(provider)));
    for (const failure of fallbackReasons) expect(failure.reason).toMatch(/\S/);
    await session.release();
  });

  it('falls back to cpu when cuda cannot load here (no CUDA libraries in this checkout)', async ({ skip }) => {
    const { session, provider, fallbackReasons } = await openModuleSession(encoderSpec, dir(), ['cuda', 'cpu']);
    await session.release();
    if (provider === 'cuda') skip('CUDA loads on this machine');
    expect(provider).toBe('cpu');
    expect(fallbackReasons).toEqual([{ provider: 'cuda', reason: expect.stringMatching(/\S/) }]);
  });

  it('falls back past a provider this platform never has', async () => {
    const foreign: ExecutionProvider = process.platform === 'win32' ? 'coreml' : 'dml';
    const { session, provider, fallbackReasons } = await openModuleSession(encoderSpec, dir(), [foreign, 'cpu']);
    expect(provider).toBe('cpu');
    expect(fallbackReasons).toEqual([{ provider: foreign, reason: expect.stringContaining(foreign) }]);
    await session.release();
  });

  it('passes over the providers that are not there in silence, unless verbose', async ({ skip }) => {
    // In a child: ONNX Runtime's native log goes straight to the process's stderr.
    const open = (verbose: boolean) =>
      promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          `
          const { openModuleSession } = await import(${JSON.stringify(new URL('./sessions.ts', import.meta.url).href)});
          const opened = await openModuleSession(JSON.parse(process.argv[1]), process.argv[2], ['cuda', 'dml', 'coreml', 'cpu']);
          console.log(opened.provider);
          await opened.session.release();`,
          JSON.stringify(encoderSpec),
          dir(),
        ],
        { env: { ...process.env, [VERBOSE_ENV]: verbose ? '1' : '' } },
      );
    const quiet = await open(false);
    if (quiet.stdout.trim() !== 'cpu') skip(`${quiet.stdout.trim()} loads on this machine`);
    expect(quiet.stderr).toBe('');
    const verbose = await open(true);
    expect(verbose.stderr.trim().split('\n')).toEqual(['cuda', 'dml', 'coreml'].map((p) => expect.stringContaining(`image_encoder_hiera_t_2.1.onnx: not on ${p}: `)));
  });
});

describe('checkModels', () => {
  it('reports installed doubles, and a model without files as not downloaded, naming the folder', async () => {
    const statuses = await checkModels(manifestOf(doublesModel(), doublesModel('not-downloaded')), modelsDir);
    expect(statuses[0]).toEqual({ id: tiny.id, title: tiny.title, family: 'sam2-tracker', state: 'installed', reason: null });
    const folder = modelDir(modelsDir, 'not-downloaded');
    expect(statuses[1]).toMatchObject({ id: 'not-downloaded', state: 'missing' });
    expect(statuses[1].reason).toBe(`Not downloaded: none of its 2 files is in ${folder}`);
  });

  it('reports one missing module of an otherwise installed model', async () => {
    const dir = await installDoubles('half');
    await rm(join(dir, decoderSpec.file));
    const [status] = await checkModels(manifestOf(doublesModel('half')), modelsDir);
    expect(status).toMatchObject({ state: 'missing', reason: expect.stringContaining('1 of 2 files missing') });
    expect(status.reason).toContain('mask_decoder_hiera_t_2.1.onnx (mask_decoder)');
  });

  it('says which model, module and path when opening a missing file', async () => {
    const dir = modelDir(modelsDir, 'not-downloaded');
    const ref = { modelId: 'not-downloaded', module: 'image_encoder' };
    const err = await openModuleSession(encoderSpec, dir, ['cpu'], { ref }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({
      kind: 'missing',
      message: 'Model not-downloaded, module image_encoder (image_encoder_hiera_t_2.1.onnx): ' + `file not found, looked for ${join(dir, encoderSpec.file)}`,
    });
  });

  it('reports a wrong input name as invalid, naming expected and found tensors', async () => {
    const renamed = { ...encoderSpec, inputs: { image: { ...encoderSpec.inputs.image, name: 'image' } } };
    await installDoubles('renamed-input', imageEncoderDouble(renamed));
    const [status] = await checkModels(manifestOf(doublesModel('renamed-input')), modelsDir);
    expect(status.state).toBe('invalid');
    expect(status.reason).toContain(
      'Model renamed-input, module image_encoder (image_encoder_hiera_t_2.1.onnx): the graph does not match the manifest:\n' +
        '  input role "image": expected input_image float32 [1,3,32,32], ' +
        'but the graph has no input named input_image (graph inputs: image float32 [1,3,32,32])',
    );
    expect(status.reason).not.toContain('mask_decoder');
  });

  it('reports a wrong dtype as invalid, and openModuleSession refuses it as a mismatch', async () => {
    const sparse = { ...decoderSpec.inputs.sparse, type: 'float16' as const };
    const halfDecoder = maskDecoderDouble({ ...decoderSpec, inputs: { ...decoderSpec.inputs, sparse } });
    const dir = await installDoubles('float16-sparse', undefined, halfDecoder);
    const [status] = await checkModels(manifestOf(doublesModel('float16-sparse')), modelsDir);
    const line = 'input role "sparse": expected sparse_prompt_embeddings float32 [1,Ns,8], ' + 'found sparse_prompt_embeddings float16 [1,Ns,8]';
    expect(status).toMatchObject({ state: 'invalid', reason: expect.stringContaining(line) });
    await expect(openModuleSession(decoderSpec, dir, ['cpu'])).rejects.toMatchObject({
      kind: 'mismatch',
      message: expect.stringContaining(line),
    });
  });

  it.each([
    ['truncated', (valid: Buffer) => valid.subarray(0, Math.floor(valid.length / 2))],
    ['garbage', () => Buffer.from('this is not an ONNX model at all\n'.repeat(20))],
    ['empty', () => Buffer.alloc(0)],
  ])('reports a %s file as invalid with a clear error, without crashing', async (name, spoil) => {
    const dir = await installDoubles(`corrupt-${name}`);
    const path = join(dir, encoderSpec.file);
    await writeFile(path, spoil(await readFile(path)));
    const err = await openModuleSession(encoderSpec, dir, ['cuda', 'cpu']).catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'unloadable',
      message: expect.stringContaining(`image_encoder_hiera_t_2.1.onnx: cannot load ${path}:`),
    });
    expect((err as Error).message).toMatch(/\n {2}cpu: \S/);
    const [status] = await checkModels(manifestOf(doublesModel(`corrupt-${name}`)), modelsDir);
    expect(status).toMatchObject({
      state: 'invalid',
      reason: expect.stringContaining(`module image_encoder (image_encoder_hiera_t_2.1.onnx): cannot load ${path}`),
    });
    // The process is fine: the next session still opens and runs.
    const { session } = await openModuleSession(decoderSpec, dir, ['cpu']);
    await session.release();
  });
});

describe('SAM 2 doubles', () => {
  it('keep the manifest names and dtypes of every role', () => {
    for (const [small, real] of [
      [encoderSpec, tiny.modules.image_encoder],
      [decoderSpec, tiny.modules.mask_decoder],
    ]) {
      const typing = (m: ModuleSpec) => [m.inputs, m.outputs].map((ts) => Object.entries(ts).map(([role, t]) => [role, t.name, t.type, t.dims.length]));
      expect(typing(small)).toEqual(typing(real));
    }
  });
});
