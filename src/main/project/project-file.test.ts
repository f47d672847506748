import { describe, expect, it } from 'vitest';
import { NEUTRAL_MATTE } from '../../shared/matte-controls';
import { parseProject, PROJECT_VERSION, serializeProject } from './project-file';
import { defaultSettings } from './settings';
import { sampleDocument, stripeMask } from './testing/sample-project';

function withField(mutate: (json: Record<string, any>) => void): string {
  const json = JSON.parse(serializeProject(sampleDocument(), '2026-01-01T00:00:00.000Z'));
  mutate(json);
  return JSON.stringify(json);
}

describe('project file', () => {
  it('round-trips every field, masks compressed', () => {
    const text = serializeProject(sampleDocument(), '2026-01-01T00:00:00.000Z');
    expect(JSON.parse(text)).toMatchObject({ format: 'sam2matting-project', version: PROJECT_VERSION });
    expect(text.length).toBeLessThan(stripeMask().length / 20);
    expect(parseProject(text)).toEqual(sampleDocument());
  });

  it('migrates a version 3 file: objects get the default overlay and may overlap, matte controls kept', () => {
    const v3 = JSON.parse(withField((j) => j.objects.forEach((o: Record<string, unknown>) => (delete o.overlay, delete o.opacity))));
    v3.version = 3;
    delete v3.settings.exclusive;
    const doc = parseProject(JSON.stringify(v3));
    expect(doc.objects.map((o) => [o.overlay, o.opacity])).toEqual([
      ['both', 0.5],
      ['both', 0.5],
    ]);
    expect(doc.settings).toEqual({ ...sampleDocument().settings, exclusive: false });
    expect(doc.objects.map((o) => o.matte)).toEqual(sampleDocument().objects.map((o) => o.matte));
  });

  it('migrates a version 2 file written before either: neutral matte controls, the default overlay, objects overlap', () => {
    const v2 = JSON.parse(serializeProject(sampleDocument(), '2026-01-01T00:00:00.000Z'));
    v2.version = 2;
    v2.settings.temporalStability = 0.25;
    delete v2.settings.exclusive;
    for (const object of v2.objects) (delete object.matte, delete object.overlay, delete object.opacity);
    const doc = parseProject(JSON.stringify(v2));
    expect(doc.settings).toEqual({ ...sampleDocument().settings, exclusive: false });
    expect(doc.objects.map((o) => [o.overlay, o.opacity, o.matte])).toEqual([
      ['both', 0.5, { ...NEUTRAL_MATTE, temporalStability: 0.25 }],
      ['both', 0.5, { ...NEUTRAL_MATTE, temporalStability: 0.25 }],
    ]);
  });

  it('migrates a version 2 file from an editor build through versions 3 and 4, keeping its overlays and exclusive setting', () => {
    const v2 = JSON.parse(serializeProject(sampleDocument(), '2026-01-01T00:00:00.000Z'));
    v2.version = 2;
    v2.settings.temporalStability = 0;
    for (const object of v2.objects) delete object.matte;
    const doc = parseProject(JSON.stringify(v2));
    expect(doc.settings.exclusive).toBe(true);
    expect(doc.objects.map((o) => [o.overlay, o.opacity, o.matte])).toEqual([
      ['outline', 0.8, NEUTRAL_MATTE],
      ['both', 0.5, NEUTRAL_MATTE],
    ]);
    v2.objects[0].overlay = 'glow';
    expect(() => parseProject(JSON.stringify(v2))).toThrow(/objects\[0\]\.overlay must be one of outline, fill, both/);
  });

  it('migrates a version 1 file', () => {
    const v1 = {
      version: 1,
      mediaPath: '/footage/old.mov',
      objects: [{ id: 2, name: 'Car', prompts: { '5': [{ kind: 'point', x: 1, y: 2, positive: false }], '9': [{ kind: 'mask', width: 2, height: 1, data: [0, 255] }] } }],
    };
    const doc = parseProject(JSON.stringify(v1));
    expect(doc.media).toEqual({ path: '/footage/old.mov', relativePath: null, size: null, hash: null });
    expect(doc.settings).toEqual(defaultSettings());
    expect(doc.nextObjectId).toBe(3);
    const [car] = doc.objects;
    expect(car).toMatchObject({ objectId: 2, name: 'Car', hidden: false, locked: false, overlay: 'both', opacity: 0.5, matte: NEUTRAL_MATTE });
    expect(car.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(car.prompts.get(5)).toEqual([{ kind: 'point', x: 1, y: 2, positive: false }]);
    expect(car.prompts.get(9)).toEqual([{ kind: 'mask', width: 2, height: 1, data: new Uint8Array([0, 255]) }]);
  });

  it("migrates a version 2 file: each object gets neutral matte controls and the project's temporal stability", () => {
    const v2 = JSON.parse(serializeProject(sampleDocument(), '2026-01-01T00:00:00.000Z'));
    v2.version = 2;
    v2.settings.temporalStability = 0.3;
    for (const object of v2.objects) delete object.matte;
    const doc = parseProject(JSON.stringify(v2));
    expect(doc.settings).toEqual(sampleDocument().settings);
    expect(doc.objects.map((o) => o.matte)).toEqual([
      { ...NEUTRAL_MATTE, temporalStability: 0.3 },
      { ...NEUTRAL_MATTE, temporalStability: 0.3 },
    ]);
    v2.settings.temporalStability = 2;
    expect(() => parseProject(JSON.stringify(v2))).toThrow(/settings\.temporalStability must be a number from 0 to 1/);
  });

  it.each([
    ['{"version": 2, "objects": [', /not valid JSON/],
    ['[1, 2]', /the file must be an object/],
    ['{"format": "photoshop", "version": 2}', /not a SAM2Matting project/],
    ['{"objects": []}', /version must be a whole number from 1 \(found nothing\)/],
    ['{"version": 7}', /newer SAM2Matting Studio \(project version 7; this one reads versions up to 4\)/],
    ['{"version": 1, "mediaPath": 5, "objects": []}', /mediaPath must be a non-empty string/],
    ['{"version": 1, "mediaPath": "/a", "objects": [{"id": 1, "name": "A", "prompts": {"x": []}}]}', /objects\[0\]\.prompts key "x"/],
    ['{"version": 1, "mediaPath": "/a", "objects": [{"id": 1, "name": "A", "prompts": {"0": [{"kind": "mask", "width": 1, "height": 1, "data": [300]}]}}]}', /0 to 255/],
    [withField((j) => (j.media.size = '12')), /media\.size must be a whole number/],
    [withField((j) => delete j.settings.quality), /settings\.quality must be one of preview, final \(found nothing\)/],
    [withField((j) => (j.settings.exclusive = 1)), /settings\.exclusive must be true or false/],
    [withField((j) => delete j.settings.exclusive), /settings\.exclusive must be true or false \(found nothing\)/],
    [withField((j) => (j.objects[0].matte.grow = 2.5)), /objects\[0\]\.matte\.grow must be a whole number from -40 to 40 \(found 2\.5\)/],
    [withField((j) => delete j.objects[1].matte.decontamination), /objects\[1\]\.matte\.decontamination must be a number from 0 to 1 \(found nothing\)/],
    [withField((j) => (j.objects[1].hidden = 'no')), /objects\[1\]\.hidden must be true or false/],
    [withField((j) => (j.objects[0].color = 'red')), /objects\[0\]\.color: Colour red/],
    [withField((j) => (j.objects[0].overlay = 'glow')), /objects\[0\]\.overlay must be one of outline, fill, both/],
    [withField((j) => (j.objects[1].opacity = -1)), /objects\[1\]\.opacity must be a number from 0 to 1/],
    [withField((j) => delete j.objects[0].overlay), /objects\[0\]\.overlay must be one of outline, fill, both \(found nothing\)/],
    [withField((j) => (j.objects[1].id = 1)), /objects\[1\]\.id 1 is used twice/],
    [withField((j) => (j.nextObjectId = 2)), /nextObjectId 2 must be above every object id/],
    [withField((j) => (j.objects[0].keyframes[1].frame = 0)), /keyframes\[1\]\.frame 0 appears twice/],
    [withField((j) => (j.objects[0].keyframes[0].prompts[0].x = 'left')), /keyframes\[0\]\.prompts: Prompt 1: point/],
    [withField((j) => (j.objects[0].keyframes[0].prompts[2].mode = 'smudge')), /Prompt 3: stroke mode/],
    [withField((j) => (j.objects[0].keyframes[0].prompts[3].deflated = 'bm90IGRlZmxhdGU=')), /prompts\[3\]\.deflated is not a deflated mask/],
    [withField((j) => (j.objects[0].keyframes[0].prompts[3].width = 10)), /mask has 57600 values, expected 10x180/],
  ])('refuses a malformed file clearly (%#)', (text, message) => {
    expect(() => parseProject(text)).toThrow(message);
  });
});
