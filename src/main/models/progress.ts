/** Download progress over several files, reported about a thousand times per job rather than per chunk. */

export class ByteProgress {
  private readonly sizes: Array<number | null>;
  private readonly received: number[];
  private lastStep = -1;

  /** `sizes`: each file's expected bytes where known (HEAD); `report` gets bytes done and total. */
  constructor(
    sizes: Array<number | null>,
    private readonly report: (done: number, total: number) => void,
  ) {
    this.sizes = [...sizes];
    this.received = sizes.map(() => 0);
  }

  /** File `index` has `received` bytes on disk, of `total` when its response says. */
  update(index: number, received: number, total: number | null): void {
    this.received[index] = received;
    if (total !== null) this.sizes[index] = total;
    const done = this.received.reduce((a, b) => a + b, 0);
    // An unknown size counts as what arrived so far, so the total never drops below done.
    const all = this.sizes.reduce<number>((sum, size, i) => sum + Math.max(size ?? 0, this.received[i]), 0);
    const step = all > 0 ? Math.floor((done / all) * 1000) : done >> 20;
    if (step === this.lastStep && done !== all) return;
    this.lastStep = step;
    this.report(done, all);
  }
}
