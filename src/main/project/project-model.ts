/** The truth of a shot, in memory: what a project file holds and what an autosave restores. */
import type { OverlayMode, ProjectSettings } from '../../shared/api';
import type { MatteControls } from '../../shared/matte-controls';
import type { ObjectId, Prompt } from '../../shared/prompts';

export interface ObjectMeta {
  name: string;
  color: string;
  hidden: boolean;
  locked: boolean;
  /** How the viewer draws the object; kept with the project like its colour. */
  overlay: OverlayMode;
  opacity: number;
  matte: MatteControls;
}

export interface ProjectObject extends ObjectMeta {
  objectId: ObjectId;
  /** Prompts per frame (keyframes); masks are always recomputed from them. */
  prompts: Map<number, Prompt[]>;
}

/** Where the media was, and how to recognise it if it moved. */
export interface MediaReference {
  /** Absolute path when saved. */
  path: string;
  /** Path from the project's folder, so a project moved with its media still finds it. */
  relativePath: string | null;
  /** Bytes and content hash (see media-fingerprint.ts); null in projects migrated from version 1. */
  size: number | null;
  hash: string | null;
}

export interface ProjectDocument {
  media: MediaReference;
  /** The tracker that made the masks, for the record (another tracker re-derives them from the prompts). */
  tracker: string | null;
  settings: ProjectSettings;
  nextObjectId: ObjectId;
  objects: ProjectObject[];
}

export function copyObject(object: ProjectObject): ProjectObject {
  return { ...object, prompts: new Map(object.prompts) };
}

export function objectMeta({ name, color, hidden, locked, overlay, opacity, matte }: ObjectMeta): ObjectMeta {
  return { name, color, hidden, locked, overlay, opacity, matte: { ...matte } };
}
