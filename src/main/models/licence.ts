/**
 * Licences that restrict use (ModelSpec.requiresLicenceAcceptance, e.g. SAM2Matting's non-commercial
 * ones) are shown and accepted before a download starts: the UI asks, and the API refuses without it.
 */
import type { ModelSpec } from '../../shared/models';
import { ModelError } from './model-error';

/** What the licence allows, in a few words. */
export function licenceTerms(licence: string): string {
  return /\bNC\b|non-?commercial/i.test(licence) ? 'non-commercial use only' : 'use restricted by its terms';
}

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
