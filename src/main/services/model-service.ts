/**
 * The model manager behind the API: lists the manifest's models with their state in the models folder,
 * downloads them as cancellable jobs, imports local files, removes models, and says what runs where.
 */
import { StudioError } from '../../shared/errors';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { EngineInfo, JobEvent } from '../../shared/api';
import type { ExecutionProvider, ModelManifest, ModelSpec, ModelStatus } from '../../shared/models';
import { describeEngine } from '../engine/engine';
import { choosePaperHeads, paperHeadInfo, type PaperHeadsChoice } from '../engine/matting/sam2matting/pairing';
import { HEADS_ROLE, type OpenedPaperHeads } from '../engine/matting/sam2matting/paper-head';
import type { HeadModels } from '../engine/matting/head-registry';
import { MATTING_MODULE } from '../engine/matting/onnx-head';
import type { HeadInfo } from '../../shared/api';
import { WorkerRunner } from '../inference/worker-runner';
import { downloadModelFiles } from '../models/download-model';
import { importFiles, planImport } from '../models/import-model';
import { filesSignature, inspectModel, statModules } from '../models/inspect';
import { loadManifest, modelDir, resolveModelsDir } from '../models/manifest';
import { requireLicenceAccepted } from '../models/licence';
import { ModelError } from '../../shared/model-error';
import { PinStore } from '../models/pins';
import { resolveVariants } from '../models/variants';
import type { JobRunner } from './jobs';

export interface ModelServiceOptions {
  jobs: JobRunner;
  emit: (event: JobEvent) => void;
  /** The models folder; the default app folder when omitted. */
  modelsDir?: string;
  /** The shipped manifest when omitted. */
  manifestPath?: string;
}

export interface OpenRunnerOptions {
  /** Module roles to open; all when omitted. */
  roles?: string[];
  /** Adds modules the manifest does not list (e.g. a constants graph beside the model's files). */
  extend?: (model: ModelSpec) => ModelSpec;
}

type Operation = 'download' | 'import' | 'remove';

export class ModelService {
  readonly modelsDir: string;
  private readonly pins: PinStore;
  private manifest: Promise<ModelManifest> | null = null;
  /** Status per model for the file signature it was computed on: checking loads every graph. */
  private readonly checked = new Map<string, { signature: string; status: ModelStatus }>();
  private readonly busy = new Map<string, Operation>();
  /** Runners opened through this service: what each module runs on, while they are open. */
  private readonly runners = new Map<WorkerRunner, string>();
  private engine: Promise<EngineInfo> | null = null;

  constructor(private readonly options: ModelServiceOptions) {
    this.modelsDir = resolveModelsDir(options.modelsDir);
    this.pins = new PinStore(this.modelsDir);
  }

  async listModels(): Promise<ModelStatus[]> {
    const manifest = await this.loadManifest();
    const statuses: ModelStatus[] = [];
    for (const model of manifest.models) statuses.push(await this.describe(model));
    return statuses;
  }

  /** Computed once and again only after a download, import or removal; providers are always current. */
  async engineInfo(): Promise<EngineInfo> {
    if (!this.engine) {
      const pending = Promise.all([this.loadManifest(), this.listModels()]).then(([manifest, models]) => describeEngine(this.modelsDir, { manifest, models }));
      // A failure is not cached: the next call tries again.
      pending.catch(() => this.engine === pending && (this.engine = null));
      this.engine = pending;
    }
    const info = await this.engine;
    return { ...info, providers: Object.assign({}, ...this.openRunners().map(([runner]) => runner.providers)) };
  }

  /**
   * Starts a 'download' job for every missing file of the model. A model whose licence must be
   * accepted first (requiresLicenceAcceptance) downloads only when `acceptedLicence` is that licence.
   */
  async downloadModel(modelId: string, acceptedLicence?: string): Promise<{ jobId: string }> {
    const model = await this.model(modelId);
    requireLicenceAccepted(model, acceptedLicence);
    const dir = modelDir(this.modelsDir, model.id);
    const files = (await statModules(model, dir)).filter((f) => f.sizeBytes === null).map((f) => model.modules[f.role]);
    if (files.length === 0) throw new StudioError('bad-request', `${model.title} already has all its files in ${dir}; remove it first to download it again.`);
    this.claim(model, 'download');
    try {
      const jobId = this.options.jobs.start('download', `model:${model.id}`, async (signal, id) => {
        try {
          const onProgress = (done: number, total: number) => this.options.emit({ jobId: id, kind: 'download', type: 'progress', done, total });
          await downloadModelFiles({ model, dir, files, pins: this.pins, signal, onProgress });
          const status = await this.status(model);
          if (status.state !== 'installed') throw new StudioError('model-invalid', `Downloaded ${model.title}, but it cannot be used: ${status.reason}`);
        } finally {
          this.release(model.id);
        }
      });
      return { jobId };
    } catch (err) {
      this.release(model.id);
      throw err;
    }
  }

  /** Copies the model's files from a local file or folder, checking each; nothing changes unless all pass. */
  async importModel(modelId: string, path: string): Promise<ModelStatus> {
    if (typeof path !== 'string' || !path.trim()) throw new StudioError('bad-request', 'Give the path of a model file or of the folder that holds its files.');
    const model = await this.model(modelId);
    this.claim(model, 'import');
    try {
      const source = resolve(path.trim());
      const items = await planImport(model, source);
      const digests = await importFiles(model, items, this.modelsDir, modelDir(this.modelsDir, model.id), await this.pins.read());
      const pinnedAt = new Date().toISOString();
      for (const item of items) {
        await this.pins.pin(model.id, item.spec.file, { ...digests.get(item.spec.file)!, pinnedAt, source: item.from });
      }
      return await this.describe(model);
    } finally {
      this.release(model.id);
    }
  }

  /** Deletes the model's folder (partial downloads included) and its pins. */
  async removeModel(modelId: string): Promise<void> {
    const model = await this.model(modelId);
    this.claim(model, 'remove');
    try {
      await rm(modelDir(this.modelsDir, model.id), { recursive: true, force: true });
      await this.pins.unpinModel(model.id);
    } finally {
      this.release(model.id);
    }
  }

  /**
   * Opens the model's modules in a worker on the manifest's providers, once its files are checked
   * against their pins. Its providers show in the engine info and the list until it closes.
   */
  async openRunner(modelId: string, options: OpenRunnerOptions = {}): Promise<WorkerRunner> {
    const model = await resolveVariants(await this.model(modelId), modelDir(this.modelsDir, modelId));
    const status = await this.status(model);
    if (status.state !== 'installed') throw new ModelError(status.state === 'missing' ? 'missing' : 'mismatch', `${model.title} cannot run: ${status.reason}`);
    const { executionProviders } = await this.loadManifest();
    const runner = await WorkerRunner.open({
      model: options.extend ? options.extend(model) : model,
      dir: modelDir(this.modelsDir, model.id),
      providers: executionProviders,
      roles: options.roles,
    });
    this.runners.set(runner, model.id);
    return runner;
  }

  /** ONNX matting heads through this manager: looked up in its manifest, their module opened like any runner (pins checked, in a worker). */
  readonly headModels: HeadModels = {
    manifest: () => this.loadManifest(),
    openRunner: (model) => this.openRunner(model.id, { roles: [MATTING_MODULE] }),
  };

  /**
   * The installed SAM2Matting heads that pair with the SAM 2.1 model `trackerModelId` (their checkpoints'
   * tracker fingerprints equal), or why there are none: not installed, or trained on another tracker.
   */
  async paperHeadsFor(trackerModelId: string): Promise<PaperHeadsChoice> {
    return choosePaperHeads(await this.loadManifest(), await this.listModels(), trackerModelId, this.modelsDir, await this.pins.read());
  }

  /** The Matte panel's entry for the paper's head on a clip tracked by `trackerModelId` (null: the classic tracker, for `noTracker`). */
  async paperHeadInfo(trackerModelId: string | null, noTracker?: string): Promise<HeadInfo> {
    return paperHeadInfo(await this.loadManifest(), await this.listModels(), trackerModelId, this.modelsDir, await this.pins.read(), noTracker);
  }

  /**
   * Opens the heads that pair with `trackerModelId` in a worker, like the tracker's modules (pins
   * checked, providers with reasons); a ModelError saying why when none pair.
   */
  async openPaperHeads(trackerModelId: string): Promise<OpenedPaperHeads> {
    const choice = await this.paperHeadsFor(trackerModelId);
    if (!choice.ok) throw new ModelError('pairing', choice.reason);
    return { runner: await this.openRunner(choice.heads.id, { roles: [HEADS_ROLE] }), title: choice.heads.title };
  }

  /** The model's state, with each module as its folder holds it (the first of its variants present). */
  private async status(manifestModel: ModelSpec): Promise<ModelStatus> {
    const dir = modelDir(this.modelsDir, manifestModel.id);
    const model = await resolveVariants(manifestModel, dir);
    const files = await statModules(model, dir);
    const signature = filesSignature(files);
    const cached = this.checked.get(model.id);
    if (cached?.signature === signature) return cached.status;
    const status = await inspectModel(model, dir, files, this.pins);
    this.checked.set(model.id, { signature, status });
    return status;
  }

  private openRunners(): Array<[WorkerRunner, string]> {
    for (const runner of this.runners.keys()) if (runner.isClosed) this.runners.delete(runner);
    return [...this.runners];
  }

  /** The model's state, with what a download fetches and what each module runs on. */
  private async describe(model: ModelSpec): Promise<ModelStatus> {
    const status = this.withProviders(await this.status(model));
    return model.sizeBytes ? { ...status, download: { bytes: model.sizeBytes, approximate: model.sizeApproximate ?? false } } : status;
  }

  /** Adds the provider each module runs on, from the open runners of the model. */
  private withProviders(status: ModelStatus): ModelStatus {
    const runners = this.openRunners()
      .filter(([, id]) => id === status.id)
      .map(([runner]) => runner);
    if (runners.length === 0 || !status.modules) return status;
    const modules = status.modules.map((m) => {
      const runner = runners.find((r) => r.providers[m.role]);
      if (!runner) return m;
      const fallbackReasons = (runner.fallbackReasons[m.role] ?? []).map((f) => `${f.provider}: ${f.reason}`);
      return { ...m, provider: runner.providers[m.role] as ExecutionProvider, fallbackReasons };
    });
    return { ...status, modules };
  }

  private loadManifest(): Promise<ModelManifest> {
    if (!this.manifest) {
      const pending = loadManifest(this.options.manifestPath);
      pending.catch(() => this.manifest === pending && (this.manifest = null));
      this.manifest = pending;
    }
    return this.manifest;
  }

  private async model(modelId: string): Promise<ModelSpec> {
    const manifest = await this.loadManifest();
    const model = manifest.models.find((m) => m.id === modelId);
    if (!model) throw new StudioError('not-found', `No model "${String(modelId)}" in the manifest (known: ${manifest.models.map((m) => m.id).join(', ')}).`);
    return model;
  }

  /** One operation per model at a time: a removal during a download would leave a half model. */
  private claim(model: ModelSpec, operation: Operation): void {
    const running = this.busy.get(model.id);
    if (running) throw new StudioError('busy', `Cannot ${operation} ${model.title} while its ${running} is running; wait or cancel it.`);
    this.busy.set(model.id, operation);
  }

  /** Ends an operation; what it changed shows in the next engine info. */
  private release(modelId: string): void {
    this.busy.delete(modelId);
    this.engine = null;
  }
}
