import { describe, expect, it } from 'vitest';
import { readRetrackMode, writeRetrackMode } from './retrackMode';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

describe('retrack mode', () => {
  it('is auto until the editor chooses manual, and ignores values it does not know', () => {
    const storage = memoryStorage();
    expect(readRetrackMode(storage)).toBe('auto');
    writeRetrackMode(storage, 'manual');
    expect(readRetrackMode(storage)).toBe('manual');
    storage.setItem('sam2m.retrackMode', 'sometimes');
    expect(readRetrackMode(storage)).toBe('auto');
  });
});
