import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempFolder } from '../media/test-media';
import { AutosaveStore, SaveScheduler } from './autosave';
import { sampleDocument } from './testing/sample-project';

describe('SaveScheduler', () => {
  it('saves once, a fixed delay after the first unsaved change, however many follow', async () => {
    vi.useFakeTimers();
    try {
      const save = vi.fn(async () => {});
      const scheduler = new SaveScheduler(3000, save, () => {});
      scheduler.changed();
      vi.advanceTimersByTime(2000);
      scheduler.changed();
      vi.advanceTimersByTime(999);
      expect(save).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      await scheduler.flush();
      expect(save).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(10_000);
      expect(save).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('flushes a waiting change at once, and cancel drops it', async () => {
    const save = vi.fn(async () => {});
    const scheduler = new SaveScheduler(60_000, save, () => {});
    scheduler.changed();
    await scheduler.flush();
    expect(save).toHaveBeenCalledTimes(1);
    await scheduler.flush();
    scheduler.changed();
    scheduler.cancel();
    await scheduler.flush();
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('reports a failed save and still saves the next change', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const scheduler = new SaveScheduler(
      60_000,
      async () => {
        if (++calls === 1) throw new Error('disk full');
      },
      (err) => errors.push(err),
    );
    scheduler.changed();
    await scheduler.flush();
    scheduler.changed();
    await scheduler.flush();
    expect(calls).toBe(2);
    expect(errors).toEqual([new Error('disk full')]);
  });
});

describe('AutosaveStore', () => {
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  beforeAll(async () => {
    folder = await tempFolder('autosave');
  });
  afterAll(() => folder.remove());

  it('lists readable autosaves and skips damaged ones', async () => {
    const store = new AutosaveStore(join(folder.dir, 'store'));
    expect(await store.list()).toEqual([]);
    await store.write('older', null, sampleDocument());
    await store.write('newer', '/p/shot.json', sampleDocument());
    await writeFile(join(store.dir, 'damaged.autosave.json'), '{"vers');
    const list = await store.list();
    expect(list.map((r) => r.id).sort()).toEqual(['newer', 'older']);
    expect(list.find((r) => r.id === 'newer')).toMatchObject({ projectPath: '/p/shot.json', mediaPath: '/footage/shot.mp4', objects: 2, promptFrames: 2 });
    expect((await store.read('newer')).doc).toEqual(sampleDocument());
    await expect(store.read('damaged')).rejects.toThrow(/damaged\.autosave\.json cannot be read: it is not valid JSON/);
  });
});
