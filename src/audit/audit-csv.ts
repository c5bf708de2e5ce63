import { formatChinaDateTime } from '../lib/china-time.js';
import type { AuditEntry } from './audit-log.js';

const HEADER = ['时间', '操作人', '操作', '对象类型', '对象', 'IP', 'IP属地', '详情'];

/**
 * Quotes a CSV field, and defuses spreadsheet formulas: a cell starting with
 * = + - @ would be run by Excel or WPS when a staff member opens the export.
 */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The audit log as CSV with a byte-order mark, so Excel and WPS open the Chinese text correctly. */
export function auditCsv(entries: AuditEntry[]): string {
  const lines = entries.map((e) =>
    [
      formatChinaDateTime(e.createdAt),
      e.actor.name,
      e.action,
      e.targetType ?? '',
      e.targetId ?? '',
      e.actor.ip ?? '',
      e.actor.ipRegion ?? '',
      JSON.stringify(e.details),
    ]
      .map(field)
      .join(','),
  );
  return `\uFEFF${[HEADER.map(field).join(','), ...lines].join('\r\n')}\r\n`;
}
