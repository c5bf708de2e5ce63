export const STAFF_ROLES = ['admin', 'editor', 'reviewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  realName: string;
  role: StaffRole;
  disabled: boolean;
  totpEnabled: boolean;
}

/** Usernames are lowercase ASCII so they can be typed on any keyboard and read aloud over the phone. */
export function isValidUsername(username: string): boolean {
  return /^[a-z][a-z0-9_.-]{1,31}$/.test(username);
}
