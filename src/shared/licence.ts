/** Words about model licences that both the main process and the UI show. */

/** What a licence allows, in a few words: "non-commercial use only" for the Creative Commons NC ones. */
export function licenceTerms(licence: string): string {
  return /\bNC\b|non-?commercial/i.test(licence) ? 'non-commercial use only' : 'use restricted by its terms';
}
