export type StaffRole = 'admin' | 'editor' | 'reviewer';

export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  realName: string;
  role: StaffRole;
  disabled: boolean;
}
