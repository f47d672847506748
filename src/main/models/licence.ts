/**
 * Licences that restrict use (ModelSpec.requiresLicenceAcceptance, e.g. SAM2Matting's non-commercial
 * ones) are shown and accepted before a download starts: the UI asks, and the API refuses without it.
 */
import { licenceTerms } from '../../shared/licence';
import type { ModelSpec } from '../../shared/models';
import { ModelError } from '../../shared/model-error';

export { licenceTerms };

/**
 * Throws a ModelError('licence') unless the model needs no acceptance or `accepted` is its licence
 * (exactly the text shown, so an acceptance of an older licence does not carry over).
 */
export function requireLicenceAccepted(model: ModelSpec, accepted: unknown): void {
  if (!model.requiresLicenceAcceptance || accepted === model.licence) return;
  const where = model.licenceUrl ? ` (${model.licenceUrl})` : '';
  throw new ModelError(
    'licence',
    `${model.title} is licensed under ${model.licence}${where}: ${licenceTerms(model.licence)}. Accept its licence before downloading it: ` +
      `tick "I accept" in the Models panel, or pass the licence ("${model.licence}") as downloadModel's acceptedLicence.`,
  );
}
