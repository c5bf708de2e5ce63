import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ReaderTable } from '../db/schema.js';
import { toOptionalDate } from '../lib/db-values.js';
import type { Reader } from './reader.js';

function toReader(row: Selectable<ReaderTable>): Reader {
  return { id: row.id, nickname: row.nickname, banned: row.banned_at !== null, banReason: row.ban_reason, approvedComments: row.approved_comments, notificationsSeenAt: toOptionalDate(row.notifications_seen_at) };
}

export async function findReader(db: Db, by: { id: number } | { phone: string }): Promise<Reader | undefined> {
  const query = db.selectFrom('readers').selectAll();
  const row = await ('id' in by ? query.where('id', '=', by.id) : query.where('phone', '=', by.phone)).executeTakeFirst();
  return row && toReader(row);
}

export async function insertReader(db: Db, phone: string, nickname: string, now: Date): Promise<Reader> {
  const row = await db
    .insertInto('readers')
    .values({ phone, nickname, created_at: now.toISOString() })
    // Two first sign-ins of one number at once: the second finds the first's row.
    .onConflict((oc) => oc.column('phone').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toReader(row) : (await findReader(db, { phone }))!;
}

/** The reader has seen their replies and likes up to now (they opened 我的). */
export async function markNotificationsSeen(db: Db, readerId: number, now: Date): Promise<void> {
  await db.updateTable('readers').set({ notifications_seen_at: now.toISOString() }).where('id', '=', readerId).execute();
}
