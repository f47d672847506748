/**
 * Child process for the recovery test: edits a clip in a StudioService with autosave on, waits
 * for its autosave, prints what it made, then stays alive until the test kills it.
 * Usage: tsx edit-then-die.ts CLIP AUTOSAVE_DIR
 */
import { StudioService } from '../../services/studio-service';

const [clip, autosaveDir] = process.argv.slice(2);
const service = new StudioService({ emit: () => {}, modelsDir: '/nonexistent/models', autosaveDir });
const { mediaId } = await service.openMedia(clip);
const { objectId } = await service.createObject(mediaId, 'Runner');
await service.setPrompts(mediaId, objectId, 0, [{ kind: 'point', x: 30, y: 20, positive: true }]);
await service.setPrompts(mediaId, objectId, 4, [{ kind: 'box', x0: 2, y0: 2, x1: 50, y1: 40 }]);
await service.updateObject(mediaId, objectId, { color: '#123456' });
// What the autosave timer does a few seconds after the first change.
await service.flushAutosaves();
const made = { mediaId, objects: await service.listObjects(mediaId), frame4: await service.getPrompts(mediaId, objectId, 4) };
process.stdout.write(`${JSON.stringify(made)}\n`);
setInterval(() => {}, 1000);
