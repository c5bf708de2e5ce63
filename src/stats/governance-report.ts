import type { Db } from '../db/database.js';
import { chinaMonthRange } from './china-days.js';
import { countModeration, type ModerationFigures } from './moderation-figures.js';

/** Article workflow actions the report counts, from the audit log. */
const ARTICLE_ACTIONS = ['article.approve', 'article.reject', 'article.withdraw'] as const;

export interface GovernanceReport {
  /** 'YYYY-MM', a Beijing calendar month. */
  month: string;
  moderation: ModerationFigures;
  articles: { approved: number; rejected: number; withdrawn: number };
  readersBanned: number;
}

/**
 * The monthly 内容安全 (content safety) report: what moderation and review
 * did in a Beijing calendar month, for the site's own records and for the
 * local cyberspace office when it asks. Lexicon hits are listed in full.
 */
export async function computeGovernanceReport(db: Db, month: string): Promise<GovernanceReport> {
  const range = chinaMonthRange(month);
  const [moderation, actions] = await Promise.all([
    countModeration(db, range, 1000),
    db
      .selectFrom('audit_log')
      .select(['action', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('action', 'in', [...ARTICLE_ACTIONS, 'reader.ban'])
      .where('created_at', '>=', range.since.toISOString())
      .where('created_at', '<', range.until.toISOString())
      .groupBy('action')
      .execute(),
  ]);
  const count = (action: string) => Number(actions.find((a) => a.action === action)?.n ?? 0);
  return {
    month,
    moderation,
    articles: { approved: count('article.approve'), rejected: count('article.reject'), withdrawn: count('article.withdraw') },
    readersBanned: count('reader.ban'),
  };
}
