export { type AuditActor, type AuditEntry, type AuditQuery, listAuditEntries, recordAudit } from './audit-log.js';
