import type { StaffUser } from '../accounts/index.js';
import type { AuditActor } from '../audit/index.js';
import { lookupIpRegion } from '../geo/index.js';

/** A staff member acting from an address: what commands check and what the audit log records. */
export interface StaffActor {
  user: StaffUser;
  ip: string;
}

export function auditActor(actor: StaffActor): AuditActor {
  return { id: actor.user.id, name: actor.user.username, ip: actor.ip, ipRegion: lookupIpRegion(actor.ip) ?? null };
}
