/** Every undoable edit of a session, as data (what it was before and after), with its label in words. */
import type { ProjectSettings } from '../../shared/api';
import { formatMatteControl, MATTE_CONTROLS } from '../../shared/matte-controls';
import type { ObjectId, Prompt } from '../../shared/prompts';
import type { ObjectMeta, ProjectObject } from './project-model';

export type Edit =
  /** color: the object's first prompts also chose its colour (see colourAwayFrom); undone together. */
  | { kind: 'prompts'; objectId: ObjectId; frame: number; before: Prompt[]; after: Prompt[]; color?: { before: string; after: string } }
  | { kind: 'create-object'; object: ProjectObject }
  | { kind: 'remove-object'; object: ProjectObject }
  | { kind: 'update-object'; objectId: ObjectId; before: ObjectMeta; after: ObjectMeta }
  | { kind: 'settings'; before: ProjectSettings; after: ProjectSettings };

function addedPrompt(prompt: Prompt): string {
  switch (prompt.kind) {
    case 'point':
      return prompt.positive ? 'Add point' : 'Add negative point';
    case 'box':
      return 'Add box';
    case 'stroke':
      return prompt.mode === 'add' ? 'Brush stroke' : 'Eraser stroke';
    case 'mask':
      return 'Import mask';
  }
}

function promptsLabel(frame: number, before: Prompt[], after: Prompt[]): string {
  if (!after.length) return `Delete keyframe ${frame}`;
  if (after.length > before.length) return `${addedPrompt(after[after.length - 1])} on frame ${frame}`;
  if (after.length < before.length) return `Remove prompt on frame ${frame}`;
  return `Change prompts on frame ${frame}`;
}

function objectLabel(before: ObjectMeta, after: ObjectMeta): string {
  const changed = (['name', 'color', 'hidden', 'locked', 'overlay', 'opacity'] as const).filter((key) => before[key] !== after[key]);
  const controls = MATTE_CONTROLS.filter((spec) => before.matte[spec.key] !== after.matte[spec.key]);
  if (changed.length + controls.length !== 1) return `Edit ${before.name}`;
  if (controls.length) return `Set ${controls[0].label.toLowerCase()} of ${before.name} to ${formatMatteControl(controls[0], after.matte[controls[0].key])}`;
  switch (changed[0]) {
    case 'name':
      return `Rename ${before.name}`;
    case 'color':
      return `Change colour of ${before.name}`;
    case 'hidden':
      return `${after.hidden ? 'Hide' : 'Show'} ${before.name}`;
    case 'locked':
      return `${after.locked ? 'Lock' : 'Unlock'} ${before.name}`;
    case 'overlay':
      return `Draw ${before.name} as ${after.overlay === 'both' ? 'outline and fill' : after.overlay}`;
    case 'opacity':
      return `Set overlay opacity of ${before.name} to ${Math.round(after.opacity * 100)}%`;
  }
}

function settingsLabel(before: ProjectSettings, after: ProjectSettings): string {
  const changed = (Object.keys(after) as (keyof ProjectSettings)[]).filter((key) => before[key] !== after[key]);
  if (changed.length !== 1) return 'Change settings';
  switch (changed[0]) {
    case 'inPoint':
      return after.inPoint === null ? 'Clear in point' : `Set in point to frame ${after.inPoint}`;
    case 'outPoint':
      return after.outPoint === null ? 'Clear out point' : `Set out point to frame ${after.outPoint}`;
    case 'head':
      return `Use matting head ${after.head}`;
    case 'quality':
      return `Set quality to ${after.quality}`;
    case 'exclusive':
      return after.exclusive ? 'Give each pixel to one object' : 'Let objects overlap';
  }
}

export function describeEdit(edit: Edit): string {
  switch (edit.kind) {
    case 'prompts':
      return promptsLabel(edit.frame, edit.before, edit.after);
    case 'create-object':
      return `Add ${edit.object.name}`;
    case 'remove-object':
      return `Delete ${edit.object.name}`;
    case 'update-object':
      return objectLabel(edit.before, edit.after);
    case 'settings':
      return settingsLabel(edit.before, edit.after);
  }
}
