/**
 * `sam2matting models list|import`: the model manager without the UI, for scripts and render farms.
 *   models list [--models-dir DIR]
 *   models import PATH [--model ID] [--accept-licence LICENCE] [--models-dir DIR]
 * PATH is a folder of a model's files (a checkpoint beside them is converted) or one file of it. A model
 * whose licence restricts use is imported only with its licence accepted, as the Models panel asks.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { ModelSpec, ModelStatus } from '../shared/models';
import { licenceTerms } from '../main/models/licence';
import { loadManifest } from '../main/models/manifest';
import { moduleChoices } from '../main/models/variants';
import { JobRunner } from '../main/services/jobs';
import { ModelService } from '../main/services/model-service';
import { COMMON_HELP, EXIT, failure, parseCommandLine, UsageError } from './command-line';
import type { CommandOutput } from './matte-command';

export const MODELS_USAGE = `Usage: sam2matting models list [--models-dir DIR]
       sam2matting models import PATH [--model ID] [--accept-licence LICENCE] [--models-dir DIR]
  PATH: a folder holding a model's files (a .pt checkpoint beside them is converted), or one of its files;
  for a SAM2Matting model (--model sam2matting-sam2.1-tiny or -base-plus), its official .pt checkpoint,
  from which the heads graph is built (non-commercial licences: see models list).
  Without --model the model is the one whose file names PATH holds.
  --accept-licence: for a model whose licence restricts use (the SAM2Matting heads), that licence as
  models list names it, e.g. --accept-licence "CC BY-NC 4.0"; such a model is not imported without it.
  DIR defaults to SAM2M_MODELS_DIR, else the app's models folder.
${COMMON_HELP}`;

const consoleOutput: CommandOutput = { log: (l) => console.log(l), error: (l) => console.error(l) };

function describe(status: ModelStatus): string {
  const size = status.sizeBytes ? ` ${(status.sizeBytes / 1e6).toFixed(1)} MB` : '';
  const reason = status.reason ? `\n    ${status.reason.split('\n').join('\n    ')}` : '';
  return `${status.id.padEnd(32)} ${status.state.padEnd(9)}${size}  ${status.title} (${status.licence ?? 'licence unknown'})${reason}`;
}

/** The model most of whose module files (any variant) PATH holds. */
async function modelOfPath(models: ModelSpec[], path: string): Promise<ModelSpec> {
  const found = await stat(path).catch(() => null);
  if (!found) throw new UsageError(`${path}: no such file or folder`);
  const names = new Set(found.isDirectory() ? await readdir(path) : [basename(path)]);
  const score = (m: ModelSpec) => Object.values(m.modules).filter((spec) => moduleChoices(spec).some((c) => names.has(c.file))).length;
  const ranked = models.map((m) => ({ m, n: score(m) })).sort((a, b) => b.n - a.n);
  if (!ranked[0] || ranked[0].n === 0) throw new UsageError(`${path} holds no file of a known model; name the model with --model (${models.map((m) => m.id).join(', ')})`);
  return ranked[0].m;
}

/** As the Models panel asks before an import: a licence that restricts use is accepted by naming it, exactly as shown. */
function requireLicenceOption(model: ModelSpec, accepted: string | undefined): void {
  if (!model.requiresLicenceAcceptance || accepted === model.licence) return;
  const where = model.licenceUrl ? ` (${model.licenceUrl})` : '';
  const given = accepted === undefined ? '' : ` --accept-licence "${accepted}" is not its licence.`;
  throw new UsageError(
    `${model.title} is licensed under ${model.licence}${where}: ${licenceTerms(model.licence)}.${given} Accept its licence to import it: --accept-licence "${model.licence}".`,
  );
}

export async function runModelsCommand(argv: string[], out: CommandOutput = consoleOutput): Promise<number> {
  try {
    const { values, positionals } = parseCommandLine({
      args: argv,
      allowPositionals: true,
      options: { model: { type: 'string' }, 'accept-licence': { type: 'string' }, 'models-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      out.log(MODELS_USAGE);
      return EXIT.ok;
    }
    const [action, path, ...extra] = positionals;
    const service = new ModelService({ jobs: new JobRunner(() => {}), emit: () => {}, modelsDir: values['models-dir'] });
    if (action === 'list' && !path) {
      for (const status of await service.listModels()) out.log(describe(status));
      out.log(`Models folder: ${service.modelsDir}`);
      return EXIT.ok;
    }
    if (action !== 'import' || !path || extra.length > 0) throw new UsageError(action ? `models ${action}: unexpected arguments.` : 'Say list or import.');
    const source = resolve(path);
    const { models } = await loadManifest();
    const modelId = values.model ?? (await modelOfPath(models, source)).id;
    const spec = models.find((m) => m.id === modelId);
    if (spec) requireLicenceOption(spec, values['accept-licence']);
    const status = await service.importModel(modelId, source);
    out.log(describe(status));
    if (status.requiresLicenceAcceptance && status.licence) {
      out.log(`  Licence: ${status.licence}${status.licenceUrl ? ` (${status.licenceUrl})` : ''}: ${licenceTerms(status.licence)}. Its terms apply to this copy.`);
    }
    return status.state === 'installed' ? EXIT.ok : EXIT.failed;
  } catch (err) {
    const { code, line } = failure('sam2matting models', 'sam2matting models --help', err);
    out.error(line);
    return code;
  }
}
