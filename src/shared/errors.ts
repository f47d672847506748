/**
 * Errors as they cross a transport: a code the renderer can act on (relink a clip, open the models),
 * a message for people, and details for the code that acts. Main's error classes extend StudioError,
 * so each carries its code from where it is thrown.
 */
import { isAbortError } from './common/abort';

export type ErrorCode =
  /** Arguments that do not fit the API's schema, or values the service refuses as they stand. */
  | 'bad-request'
  /** A method the API does not have. */
  | 'unknown-method'
  /** A clip, object, recovery or model the request names is not there (any more). */
  | 'not-found'
  /** Something already running stands in the way (a job of the same kind on the clip). */
  | 'busy'
  /** The media file or folder is not where it was: details.mediaPath, and details.projectPath when a project can be relinked. */
  | 'media-missing'
  /** The media is there but ffmpeg cannot read or decode it. */
  | 'media-unreadable'
  /** Writing an export failed (the disk, ffmpeg). */
  | 'export-failed'
  /** A project or autosave file cannot be read or understood. */
  | 'project-invalid'
  /** A project cannot be saved where asked. */
  | 'project-unwritable'
  /** A model's file is not installed. details.kind: the ModelError kind. */
  | 'model-missing'
  /** A model, its manifest or checkpoint cannot be used as it is (damaged, mismatched, unpaired, licence not accepted). details.kind as above. */
  | 'model-invalid'
  | 'cancelled'
  /** A message between the app and its inference worker did not fit their protocol (a bug, not the user's input). */
  | 'worker-protocol'
  /** A failure nothing classified; the message still says what happened. */
  | 'internal';

/** Every code once (a Record, so the compiler says when one is missing): what a client recognises. */
const KNOWN_CODES: Record<ErrorCode, true> = {
  'bad-request': true,
  'unknown-method': true,
  'not-found': true,
  busy: true,
  'media-missing': true,
  'media-unreadable': true,
  'export-failed': true,
  'project-invalid': true,
  'project-unwritable': true,
  'model-missing': true,
  'model-invalid': true,
  cancelled: true,
  'worker-protocol': true,
  internal: true,
};

/** Plain values only: they travel through structured clone (Electron) and the host's wire format. */
export type ErrorDetails = Record<string, string | number | boolean | null>;

/** What a transport carries of an error. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export class StudioError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'StudioError';
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(KNOWN_CODES, value);
}

/** Any thrown value as a transport carries it: its own code where it has one, 'cancelled' for an abort, else 'internal'. */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof StudioError) return { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
  if (isAbortError(err)) return { code: 'cancelled', message: (err as Error).message };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/** The error a client throws for a failed call; an unknown code (a newer host) reads as 'internal'. */
export function fromErrorInfo(info: ErrorInfo): StudioError {
  return new StudioError(isErrorCode(info.code) ? info.code : 'internal', String(info.message), info.details);
}
