import type { AuditEntry } from '../../audit/index.js';
import { csvDocument } from '../../lib/csv.js';
import type { AuditNames } from './audit-rows.js';
import { toAuditRow } from './audit-rows.js';

const HEADER = ['时间', '操作人', '操作', '对象', 'IP', 'IP属地', '详情'];

/**
 * The audit log as CSV (see csvDocument), in the words of the audit page:
 * who by name, what by title, the action and the changed fields in Chinese.
 * The JSON API keeps the codes for programs.
 */
export function auditCsv(entries: AuditEntry[], names: AuditNames): string {
  return csvDocument(
    HEADER,
    entries.map((entry) => {
      const row = toAuditRow(entry, names);
      return [row.time.text, row.actor, row.action, row.target.text, entry.actor.ip ?? '', entry.actor.ipRegion ?? '', row.details.join('；')];
    }),
  );
}
