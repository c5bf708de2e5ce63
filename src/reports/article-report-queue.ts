import { recordAudit } from '../audit/index.js';
import { auditActor, type StaffActor } from '../content/index.js';
import type { Db } from '../db/database.js';
import { toDate } from '../lib/db-values.js';
import { notFound } from '../lib/errors.js';
import type { ReportReason } from './report.js';

export interface ArticleReport {
  id: number;
  articleId: number;
  articleTitle: string;
  reason: ReportReason;
  note: string | null;
  readerNickname: string | null;
  createdAt: Date;
}

/** Unresolved reports of articles, oldest first so none waits forever. */
export async function listOpenArticleReports(db: Db, limit: number, offset: number): Promise<ArticleReport[]> {
  const rows = await db
    .selectFrom('article_reports')
    .innerJoin('articles', 'articles.id', 'article_reports.article_id')
    .leftJoin('readers', 'readers.id', 'article_reports.reader_id')
    .select([
      'article_reports.id',
      'article_reports.article_id',
      'articles.title',
      'article_reports.reason',
      'article_reports.note',
      'readers.nickname',
      'article_reports.created_at',
    ])
    .where('article_reports.resolved_at', 'is', null)
    .orderBy('article_reports.id', 'asc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    articleTitle: r.title,
    reason: r.reason as ReportReason,
    note: r.note,
    readerNickname: r.nickname,
    createdAt: toDate(r.created_at),
  }));
}

/**
 * Marks one report handled, with its audit entry. Throws
 * NotFound('reports.not_found') for a report that does not exist or was
 * already handled (two staff marking it at once: the second is told).
 */
export async function resolveArticleReport(db: Db, input: { id: number; actor: StaffActor }, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('article_reports')
      .set({ resolved_at: now.toISOString(), resolved_by: input.actor.user.id })
      .where('id', '=', input.id)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw notFound('reports.not_found', { id: input.id });
    await recordAudit(trx, { actor: auditActor(input.actor), action: 'article_report.resolve', targetType: 'article_report', targetId: input.id }, now);
  });
}
