/**
 * OpenEXR layer names from object names. An object's channels are "<layer>.A" (and .R .G .B), and
 * compositors such as Nuke read the part before the dot as the layer, so a layer name must not hold
 * a dot. Names become ASCII letters, digits and underscores starting with a letter (accents dropped,
 * anything else an underscore), short enough for OpenEXR's 31-byte channel names, none of the layer
 * names Nuke keeps for itself, and unique ignoring case: the later of two alike gets _2, _3, ...
 */
const MAX_LENGTH = 31 - '.R'.length;
const NUKE_LAYERS = new Set(['rgba', 'rgb', 'alpha', 'depth', 'motion', 'forward', 'backward', 'mask']);

export function exrLayerNames(objects: ReadonlyArray<{ objectId: number; name: string }>): string[] {
  const taken = new Set<string>();
  return objects.map(({ objectId, name }) => {
    const base = layerName(name, objectId);
    let unique = base;
    for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${base.slice(0, MAX_LENGTH - `_${n}`.length)}_${n}`;
    taken.add(unique.toLowerCase());
    return unique;
  });
}

function layerName(name: string, objectId: number): string {
  let ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // accents, split off by NFKD
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!ascii) ascii = `object_${objectId}`;
  else if (!/^[A-Za-z]/.test(ascii)) ascii = `object_${ascii}`;
  if (NUKE_LAYERS.has(ascii.toLowerCase())) ascii = `${ascii}_layer`;
  return ascii.slice(0, MAX_LENGTH);
}
