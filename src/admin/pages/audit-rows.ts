import type { AuditEntry } from '../../audit/index.js';
import { type ArticleStatus, STATUS_NAMES } from '../../content/index.js';
import type { Db } from '../../db/database.js';
import { shownDateTime } from '../../lib/china-time.js';
import { am } from '../views/admin-messages.js';
import type { AuditRow } from '../views/audit.view.js';

const t = am.audit;

/** Who and what the entries of one page name: display names by account, titles by article. */
export interface AuditNames {
  staff: Map<number, string>;
  articles: Map<string, string>;
}

/** One query each for the accounts and the articles a page of entries names. */
export async function findAuditNames(db: Db, entries: AuditEntry[]): Promise<AuditNames> {
  const staffIds = [...new Set(entries.map((e) => e.actor.id).filter((id): id is number => id !== null))];
  const articleIds = [...new Set(entries.filter((e) => e.targetType === 'article' && e.targetId).map((e) => Number(e.targetId)))].filter(Number.isSafeInteger);
  const [staff, articles] = await Promise.all([
    staffIds.length ? db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', staffIds).execute() : [],
    articleIds.length ? db.selectFrom('articles').select(['id', 'title']).where('id', 'in', articleIds).execute() : [],
  ]);
  return { staff: new Map(staff.map((u) => [u.id, u.display_name])), articles: new Map(articles.map((a) => [String(a.id), a.title])) };
}

const isStatus = (value: unknown): value is ArticleStatus => typeof value === 'string' && value in STATUS_NAMES;

/** A value as a person reads it: statuses in Chinese, empty as 空, flags by name. */
function shown(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t.emptyValue;
  if (isStatus(value) && (key === 'from' || key === 'to' || key === 'status')) return STATUS_NAMES[value];
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (key === 'flags' && typeof value === 'string') return value.split(',').map((f) => t.flagNames[f] ?? f).join('、');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

const fieldName = (key: string) => t.fieldNames[key] ?? key;

/** The entry's details as lines: changed fields old → new, a move between statuses, the rest by Chinese name; nulls left out. */
export function describeDetails(details: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const changes = (details.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
  if (Array.isArray(details.fields)) {
    for (const key of details.fields as string[]) {
      const change = changes[key];
      lines.push(change ? `${fieldName(key)}：${shown(key, change.from)} → ${shown(key, change.to)}` : t.fieldChanged(fieldName(key)));
    }
  }
  if (isStatus(details.from) && isStatus(details.to)) lines.push(`${t.status}：${STATUS_NAMES[details.from]} → ${STATUS_NAMES[details.to]}`);
  for (const [key, value] of Object.entries(details)) {
    if (['fields', 'changes', 'from', 'to'].includes(key) || value === null || value === undefined) continue;
    lines.push(`${fieldName(key)}：${shown(key, value)}`);
  }
  return lines;
}

export function toAuditRow(entry: AuditEntry, names: AuditNames): AuditRow {
  const title = entry.targetType === 'article' && entry.targetId ? names.articles.get(entry.targetId) : undefined;
  const type = entry.targetType ? (t.targetTypes[entry.targetType] ?? entry.targetType) : '';
  return {
    id: entry.id,
    time: shownDateTime(entry.createdAt),
    actor: (entry.actor.id !== null && names.staff.get(entry.actor.id)) || entry.actor.name,
    where: [entry.actor.ip, entry.actor.ipRegion].filter(Boolean).join(' / '),
    action: t.actions[entry.action] ?? entry.action,
    target: title !== undefined ? { text: `《${title}》`, href: `/admin/articles/${entry.targetId}/edit` } : { text: [type, entry.targetId && `#${entry.targetId}`].filter(Boolean).join(' ') },
    details: describeDetails(entry.details),
  };
}
