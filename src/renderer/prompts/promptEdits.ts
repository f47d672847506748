/** Editing an object's prompt list on one frame. */
import type { Prompt } from '../../shared/prompts';

/** A frame holds one box and one imported mask per object: a new one replaces the old. */
const SINGLE_KINDS: ReadonlySet<Prompt['kind']> = new Set(['box', 'mask']);

export function addPrompt(prompts: readonly Prompt[], prompt: Prompt): Prompt[] {
  const kept = SINGLE_KINDS.has(prompt.kind) ? prompts.filter((p) => p.kind !== prompt.kind) : prompts;
  return [...kept, prompt];
}

export function removeLastPrompt(prompts: readonly Prompt[]): Prompt[] {
  return prompts.slice(0, -1);
}
