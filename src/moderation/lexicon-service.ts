import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { compileLexicon, type Lexicon, loadDefaultLexicon, screenText } from '../text/index.js';
import { listLexiconEntries, saveLexiconEntries } from './lexicon-store.js';
import type { ScreenText } from './screen.js';

/** Other instances' edits reach this one within a minute; this instance's own edits at once. */
const RELOAD_MS = 60_000;

/**
 * The site's lexicon, compiled once into an automaton and kept. An empty
 * table gets the default lexicon on first use, so a new site is protected
 * from the start and admins can edit every entry.
 */
export class LexiconService {
  private compiled: { lexicon: Promise<Lexicon>; at: number } | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async lexicon(): Promise<Lexicon> {
    const now = this.clock().getTime();
    if (!this.compiled || now - this.compiled.at > RELOAD_MS) {
      const lexicon = this.load();
      this.compiled = { lexicon, at: now };
      lexicon.catch(() => (this.compiled = undefined));
    }
    return this.compiled.lexicon;
  }

  async screener(): Promise<ScreenText> {
    const lexicon = await this.lexicon();
    return (text) => screenText(lexicon, text);
  }

  /** After admins change entries. */
  invalidate(): void {
    this.compiled = undefined;
  }

  private async load(): Promise<Lexicon> {
    let entries = await listLexiconEntries(this.db);
    if (entries.length === 0) {
      await saveLexiconEntries(this.db, loadDefaultLexicon(), this.clock());
      entries = await listLexiconEntries(this.db);
    }
    return compileLexicon(entries);
  }
}
