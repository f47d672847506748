/**
 * Runs loads one at a time and, when requests pile up meanwhile, only the newest of them next.
 * Scrubbing the timeline asks for many frames; the host should decode the latest, not all.
 */
export class LatestRunner<T> {
  private pending: (() => Promise<T>) | null = null;
  private running = false;
  private disposed = false;

  constructor(
    private readonly onResult: (value: T) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  request(load: () => Promise<T>): void {
    this.pending = load;
    if (!this.running) void this.drain();
  }

  /** Stops delivering results; a load in flight finishes unheard. */
  dispose(): void {
    this.disposed = true;
    this.pending = null;
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.pending && !this.disposed) {
      const load = this.pending;
      this.pending = null;
      try {
        const value = await load();
        if (!this.disposed) this.onResult(value);
      } catch (error) {
        // An error superseded by a newer request is moot.
        if (!this.disposed && !this.pending) this.onError(error);
      }
    }
    this.running = false;
  }
}
