/**
 * A clip's undoable edits as commands: each holds its Edit (project/edits.ts: the state before and after) and
 * enters either state, forward on apply (the first time and on redo), back on invert (undo).
 *
 * Undo puts back exactly the derived frames an edit changed (masks are a cache of prompts, and recomputing
 * them could differ: a correction's mask depends on the mask it corrected). With keepFrames a command keeps
 * the derived frames of the state it leaves, and puts them back when it enters that state again.
 */
import type { ProjectSettings } from '../../../shared/api';
import type { TrackResult } from '../../../shared/engine';
import type { ObjectId } from '../../../shared/prompts';
import { wholeClip, type FrameRange } from '../../../shared/common/frame-range';
import { describeEdit, type Edit } from '../../project/edits';
import { copyObject } from '../../project/project-model';
import { keyframeSpan } from '../track-state';
import { storePrompts, type DerivedFrames, type ObjectTracks } from './object-tracks';

/** What an edit changes: the clip's objects and its settings. */
export interface EditScope {
  readonly tracks: ObjectTracks;
  settings: ProjectSettings;
}

type EditState = 'before' | 'after';

/** The derived frames over `span` as the edit found them (before) and as its undo found them (after). */
type KeptFrames = { span: FrameRange } & Partial<Record<EditState, DerivedFrames>>;

export abstract class EditCommand<E extends Edit = Edit> {
  readonly label: string;
  protected kept: KeptFrames | undefined;

  constructor(readonly edit: E) {
    this.label = describeEdit(edit);
  }

  /** The object and frame an undo or redo of it shows. */
  abstract readonly target: { objectId?: ObjectId; frame?: number };

  apply(scope: EditScope, keepFrames: boolean): Promise<TrackResult | null> {
    return this.enter(scope, 'after', keepFrames);
  }

  async invert(scope: EditScope, keepFrames: boolean): Promise<void> {
    await this.enter(scope, 'before', keepFrames);
  }

  get keepsFrames(): boolean {
    return this.kept !== undefined;
  }

  /** An old edit lets its frames go: undoing it applies its prompts again and leaves the frames they influence stale. */
  forgetFrames(): void {
    this.kept = undefined;
  }

  protected abstract enter(scope: EditScope, state: EditState, keepFrames: boolean): Promise<TrackResult | null>;

  protected keep(span: FrameRange, state: EditState, frames: DerivedFrames): void {
    this.kept = { ...this.kept, span, [state]: frames };
  }
}

const other = (state: EditState): EditState => (state === 'after' ? 'before' : 'after');

export class PromptsCommand extends EditCommand<Extract<Edit, { kind: 'prompts' }>> {
  get target() {
    return { objectId: this.edit.objectId, frame: this.edit.frame };
  }

  protected async enter({ tracks }: EditScope, state: EditState, keepFrames: boolean): Promise<TrackResult | null> {
    tracks.revision++;
    const { objectId, frame, color } = this.edit;
    const object = tracks.get(objectId);
    const span = this.kept?.span ?? keyframeSpan(frame, (f) => object.prompts.has(f), tracks.frameCount);
    const left = keepFrames ? tracks.saveFrames(objectId, span) : undefined;
    const saved = this.kept?.[state];
    let result: TrackResult | null = null;
    if (saved) {
      tracks.restoreFrames(objectId, saved);
      storePrompts(object, frame, this.edit[state]);
    } else result = await tracks.setPrompts(object, frame, this.edit[state]);
    if (left) this.keep(span, other(state), left);
    if (color) object.color = color[state];
    return result;
  }
}

/** Creating an object, or removing one: the object is there in one state and gone in the other. */
export class ObjectCommand extends EditCommand<Extract<Edit, { kind: 'create-object' | 'remove-object' }>> {
  get target() {
    return { objectId: this.edit.object.objectId };
  }

  protected async enter({ tracks }: EditScope, state: EditState, keepFrames: boolean): Promise<null> {
    tracks.revision++;
    const { objectId } = this.edit.object;
    const present: EditState = this.edit.kind === 'create-object' ? 'after' : 'before';
    if (state === present) {
      const saved = this.kept?.[state];
      // Without its kept frames (an old edit) the object's masks are derived again from its prompts.
      if (saved) tracks.restore(copyObject(this.edit.object), saved);
      else await tracks.add(copyObject(this.edit.object));
    } else {
      const span = wholeClip(tracks.frameCount);
      if (keepFrames) this.keep(span, other(state), tracks.saveFrames(objectId, span));
      tracks.remove(objectId);
    }
    return null;
  }
}

export class ObjectMetaCommand extends EditCommand<Extract<Edit, { kind: 'update-object' }>> {
  get target() {
    return { objectId: this.edit.objectId };
  }

  protected async enter({ tracks }: EditScope, state: EditState): Promise<null> {
    Object.assign(tracks.get(this.edit.objectId), this.edit[state]);
    return null;
  }
}

export class SettingsCommand extends EditCommand<Extract<Edit, { kind: 'settings' }>> {
  readonly target = {};

  protected async enter(scope: EditScope, state: EditState): Promise<null> {
    scope.settings = this.edit[state];
    return null;
  }
}
