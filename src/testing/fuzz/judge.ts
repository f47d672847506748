/**
 * Whether a failure is one an editor can act on: an Error with a message in words, not a
 * programming error that leaked out (TypeError, a stack overflow, an allocation failure).
 */
const LEAKED = [
  /Cannot read propert/i,
  /Cannot set propert/i,
  /is not a function/,
  /is not iterable/,
  /is not defined/,
  /undefined is not/,
  /Maximum call stack/,
  /Invalid array length/,
  /Invalid typed array length/,
  /Array buffer allocation failed/,
  /\[object Object\]/,
];

const PROGRAMMING_ERRORS = new Set(['TypeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'InternalError']);

/** Why this rejection is not a clear error, or null when it is. */
export function unclearFailure(err: unknown): string | null {
  if (!(err instanceof Error)) return `threw a non-Error: ${String(err)}`;
  if (PROGRAMMING_ERRORS.has(err.name)) return `${err.name}: ${err.message}`;
  const message = err.message.trim();
  if (message.length < 10) return `message too short: "${message}"`;
  if (message.length > 1000) return `message too long (${message.length} characters)`;
  const leaked = LEAKED.find((pattern) => pattern.test(message));
  return leaked ? `leaked internals: ${message}` : null;
}
