import type { Db } from '../db/database.js';
import type { AuditLogTable } from '../db/schema.js';
import type { Selectable } from 'kysely';
import { toDate } from '../lib/db-values.js';

/**
 * Who did something, from where: kept with every audit entry. bendi never
 * deletes entries (网络安全法 art. 21 asks for at least six months of logs).
 */
export interface AuditActor {
  id: number | null;
  name: string;
  ip: string | null;
  ipRegion: string | null;
}

export interface AuditEntry {
  id: number;
  actor: AuditActor;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

export async function recordAudit(
  db: Db,
  entry: { actor: AuditActor; action: string; targetType?: string; targetId?: string | number; details?: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actor.id,
      actor_name: entry.actor.name,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId === undefined ? null : String(entry.targetId),
      ip: entry.actor.ip,
      ip_region: entry.actor.ipRegion,
      details: JSON.stringify(entry.details ?? {}),
      created_at: now.toISOString(),
    })
    .execute();
}

function toAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    actor: { id: row.actor_id, name: row.actor_name, ip: row.ip, ipRegion: row.ip_region },
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
    createdAt: toDate(row.created_at),
  };
}

export interface AuditQuery {
  action?: string;
  targetType?: string;
  targetId?: string;
  since?: Date;
  until?: Date;
  limit: number;
  offset?: number;
}

/** Newest first. */
export async function listAuditEntries(db: Db, query: AuditQuery): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (query.action) q = q.where('action', '=', query.action);
  if (query.targetType) q = q.where('target_type', '=', query.targetType);
  if (query.targetId) q = q.where('target_id', '=', query.targetId);
  if (query.since) q = q.where('created_at', '>=', query.since.toISOString());
  if (query.until) q = q.where('created_at', '<', query.until.toISOString());
  const rows = await q.orderBy('id', 'desc').limit(query.limit).offset(query.offset ?? 0).execute();
  return rows.map(toAuditEntry);
}
