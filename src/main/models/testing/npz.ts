/**
 * Test support: reads the float32 arrays of a NumPy .npz (a zip of .npy files: magic, version, a
 * header dict, then the raw array), as the shared twins store their reference cases.
 */
import type { FloatTensor } from '../checkpoint/torch-checkpoint';
import { parseNpy } from '../../../testing/npy';
import { ZipReader } from '../checkpoint/zip-reader';

export async function readNpz(path: string): Promise<Map<string, FloatTensor>> {
  const zip = await ZipReader.open(path);
  try {
    const arrays = new Map<string, FloatTensor>();
    for (const entry of zip.entries.values()) arrays.set(entry.name.replace(/\.npy$/, ''), parseNpy(await zip.read(entry), `${path}: ${entry.name}`));
    return arrays;
  } finally {
    await zip.close();
  }
}
