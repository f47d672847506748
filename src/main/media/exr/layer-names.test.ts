import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../testing/fuzz/random';
import { exrLayerNames } from './layer-names';
import { encodeExr } from './write-exr';

const named = (...names: string[]) => names.map((name, i) => ({ objectId: i + 1, name }));
const VALID = /^[A-Za-z][A-Za-z0-9_]{0,28}$/;

describe('exrLayerNames', () => {
  it('turns object names into layer names a compositor reads', () => {
    expect(exrLayerNames(named('Hair', 'Hair & face', 'left.hand', 'Zoë 2', '  spaced  out ', '日本語', '', '2nd take', 'rgba', 'Alpha', 'ﬁne'))).toEqual([
      'Hair',
      'Hair_face',
      'left_hand',
      'Zoe_2',
      'spaced_out',
      'object_6',
      'object_7',
      'object_2nd_take',
      'rgba_layer',
      'Alpha_layer',
      'fine',
    ]);
  });

  it('never gives two objects one name, ignoring case, however long', () => {
    expect(exrLayerNames(named('Car', 'car', 'CAR', 'car_2', 'Car.', 'Car!'))).toEqual(['Car', 'car_2', 'CAR_3', 'car_2_2', 'Car_4', 'Car_5']);
    const long = 'x'.repeat(40);
    expect(exrLayerNames(named(long, long))).toEqual(['x'.repeat(29), `${'x'.repeat(27)}_2`]);
  });

  it('fuzz: any names give valid, unique, stable layers that an EXR file takes', async () => {
    const random = seededRandom(15);
    const pieces = [
      'a',
      'Z',
      '9',
      '_',
      '.',
      ' ',
      '-',
      '/',
      '\\',
      ':',
      '\0',
      '\n',
      'é',
      'ß',
      'Ω',
      '猫',
      '😀',
      '\u0301',
      '\uFEFF',
      '\uD800',
      'rgba',
      'Alpha',
      'A',
      'depth',
      'object_1',
      'x'.repeat(30),
    ];
    for (let round = 0; round < 300; round++) {
      const names = Array.from({ length: random.int(1, 12) }, () => Array.from({ length: random.int(0, 6) }, () => random.pick(pieces)).join(''));
      const objects = named(...names);
      const layers = exrLayerNames(objects);
      expect(layers).toEqual(exrLayerNames(objects));
      for (const layer of layers) {
        expect(layer).toMatch(VALID);
        expect(['rgba', 'rgb', 'alpha', 'depth', 'motion', 'forward', 'backward', 'mask']).not.toContain(layer.toLowerCase());
      }
      expect(new Set(layers.map((l) => l.toLowerCase())).size).toBe(layers.length);
      const channels = layers.flatMap((l) => ['A', 'R'].map((c) => ({ name: `${l}.${c}`, data: new Uint16Array(1) })));
      await expect(encodeExr({ width: 1, height: 1, channels, attributes: [] }, 'none')).resolves.toBeInstanceOf(Buffer);
    }
  });
});
