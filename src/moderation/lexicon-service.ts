import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { type Lexicon, loadDefaultLexicon, screenText } from '../text/index.js';
import { compileLexiconOffLoop } from './compile-in-worker.js';
import { lexiconVersion, listLexiconEntries, saveLexiconEntries } from './lexicon-store.js';
import type { ScreenText } from './screen.js';

/** How often, at most, an instance asks whether the lexicon changed on another: asking is one small query. */
export const LEXICON_CHECK_MS = 10_000;

/**
 * The site's lexicon, compiled once into an automaton and kept until the
 * stored version (raised by every change, on any instance) differs from the
 * compiled one. An empty table gets the default lexicon on first use, so a
 * new site is protected from the start and admins can edit every entry.
 */
export class LexiconService {
  private compiled: { version: number; lexicon: Lexicon } | undefined;
  private checkedAt = -Infinity;
  private checking: Promise<Lexicon> | undefined;
  private checkingAgain: Promise<Lexicon> | undefined;

  /**
   * `onError` hears of a check that failed in the background (main.ts logs it); the lexicon
   * compiled before stays in use, and the next check tries again.
   */
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /**
   * The compiled lexicon. Only the first call waits for it. Once
   * LEXICON_CHECK_MS have passed since the last check, a call starts another
   * in the background and is answered at once: text is screened with the
   * lexicon compiled before until a changed one is ready.
   */
  async lexicon(): Promise<Lexicon> {
    if (!this.compiled) return this.checking ?? this.refresh();
    if (!this.checking && this.clock().getTime() - this.checkedAt >= LEXICON_CHECK_MS) this.refresh().catch(this.onError);
    return this.compiled.lexicon;
  }

  async screener(): Promise<ScreenText> {
    const lexicon = await this.lexicon();
    return (text) => screenText(lexicon, text);
  }

  /**
   * Checks the stored version now, compiling the entries when it changed, and
   * resolves with the lexicon as stored: after admins change entries on this
   * instance, so the change applies here at once. Calls made while a check
   * runs share one check after it, which sees their changes.
   */
  refresh(): Promise<Lexicon> {
    this.checkedAt = this.clock().getTime();
    if (!this.checking) {
      this.checking = this.check().finally(() => (this.checking = undefined));
      return this.checking;
    }
    this.checkingAgain ??= this.checking
      .catch(() => undefined)
      .then(() => {
        this.checkingAgain = undefined;
        return this.refresh();
      });
    return this.checkingAgain;
  }

  private async check(): Promise<Lexicon> {
    // The version is read before the entries: a change committed between the two reads is then
    // compiled under the older version, and compiled again at the next check rather than missed.
    let version = await lexiconVersion(this.db);
    if (this.compiled?.version === version) return this.compiled.lexicon;
    let entries = await listLexiconEntries(this.db);
    if (entries.length === 0) {
      await saveLexiconEntries(this.db, loadDefaultLexicon(), this.clock());
      version = await lexiconVersion(this.db);
      entries = await listLexiconEntries(this.db);
    }
    this.compiled = { version, lexicon: await compileLexiconOffLoop(entries) };
    return this.compiled.lexicon;
  }
}
