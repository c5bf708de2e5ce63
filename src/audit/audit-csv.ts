import { formatChinaDateTime } from '../lib/china-time.js';
import { csvDocument } from '../lib/csv.js';
import type { AuditEntry } from './audit-log.js';

const HEADER = ['时间', '操作人', '操作', '对象类型', '对象', 'IP', 'IP属地', '详情'];

/** The audit log as CSV (see csvDocument). */
export function auditCsv(entries: AuditEntry[]): string {
  return csvDocument(
    HEADER,
    entries.map((e) => [formatChinaDateTime(e.createdAt), e.actor.name, e.action, e.targetType ?? '', e.targetId ?? '', e.actor.ip ?? '', e.actor.ipRegion ?? '', JSON.stringify(e.details)]),
  );
}
