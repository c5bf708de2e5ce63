/** How many host names a site answers to: domain, www, bare address, a staging name. */
const MAX_ADMITTED = 8;
/** Names seen but not admitted, remembered with their counts; the least recently seen is forgotten first. */
const MAX_WAITING = 256;

/**
 * Which origins the page cache keeps pages for, when the origin comes from
 * the Host header (no PUBLIC_URL), which anyone can set.
 *
 * Keeping every name would let made-up hosts push real pages out; keeping
 * the first few names seen would let someone who sends eight made-up hosts
 * right after a restart switch caching off for the real domain until the
 * next restart. So admission goes by use: a full set admits a new name only
 * when it has been asked for more often than the least-used admitted one,
 * which then waits in turn. The real domain, asked for by every reader,
 * gets in at its second request after a flood of one-off names and stays;
 * a junk name would need more requests than all of the site's readers.
 */
export class OriginAdmission {
  private readonly admitted = new Map<string, number>();
  private readonly waiting = new Map<string, number>();

  admits(origin: string): boolean {
    const admittedHits = this.admitted.get(origin);
    if (admittedHits !== undefined) {
      this.admitted.set(origin, admittedHits + 1);
      return true;
    }
    const hits = (this.waiting.get(origin) ?? 0) + 1;
    this.waiting.delete(origin);
    if (this.admitted.size < MAX_ADMITTED) {
      this.admitted.set(origin, hits);
      return true;
    }
    const [weakest, weakestHits] = this.leastUsed();
    if (hits > weakestHits) {
      this.admitted.delete(weakest);
      this.wait(weakest, weakestHits);
      this.admitted.set(origin, hits);
      return true;
    }
    this.wait(origin, hits);
    return false;
  }

  private leastUsed(): [string, number] {
    let least: [string, number] = ['', Infinity];
    for (const entry of this.admitted) if (entry[1] < least[1]) least = entry;
    return least;
  }

  private wait(origin: string, hits: number): void {
    this.waiting.set(origin, hits);
    if (this.waiting.size > MAX_WAITING) this.waiting.delete(this.waiting.keys().next().value!);
  }
}
