/**
 * Promises kept by key for `ttlMs` each, at most `maxEntries` of them: past that, the one used least
 * recently goes. A promise that rejects is dropped, so a failed load is tried again by the next caller
 * instead of failing every caller until it expires. For data read often and changing seldom, where a
 * caller sharing another's load is as good as loading it again.
 */
export class KeptPromises {
  private readonly entries = new Map<string, { value: Promise<unknown>; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The promise kept for `key`, or else `load()`'s, kept from now. A value `keeps` refuses is dropped once
   * loaded, as a failure is: callers that came while it loaded share it, the next one loads again.
   */
  get<T>(key: string, load: () => Promise<T>, keeps: (value: T) => boolean = () => true): Promise<T> {
    const now = this.now();
    const held = this.entries.get(key);
    if (held) {
      // Maps iterate in insertion order: taken out and put back, the entry becomes the last to go.
      this.entries.delete(key);
      if (held.expiresAt > now) {
        this.entries.set(key, held);
        return held.value as Promise<T>;
      }
    }
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const entry = { value: load(), expiresAt: now + this.ttlMs };
    this.entries.set(key, entry);
    const drop = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    entry.value.then((value) => keeps(value as T) || drop(), drop);
    return entry.value as Promise<T>;
  }

  /** Until when the promise kept for `key` is kept, if one is. */
  keptUntil(key: string): number | undefined {
    return this.entries.get(key)?.expiresAt;
  }

  clear(): void {
    this.entries.clear();
  }
}
