/**
 * Decides whether a language server that stopped unexpectedly is restarted:
 * at most `maxRestarts` restarts within any `windowMs`, so that a server that
 * crashes on start-up does not restart forever.
 */
export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    readonly maxRestarts: number,
    readonly windowMs: number,
  ) {}

  /** Records a crash at `now` (ms) and tells whether the server may be restarted. */
  shouldRestart(now: number): boolean {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    return this.crashes.length <= this.maxRestarts;
  }

  /** Crashes within the window as of the last {@link shouldRestart}. */
  get recentCrashes(): number {
    return this.crashes.length;
  }

  /** Forgets past crashes, e.g. after the user restarted the server by hand. */
  reset(): void {
    this.crashes = [];
  }
}
