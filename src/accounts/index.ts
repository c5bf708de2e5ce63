export type { StaffRole, StaffUser } from './staff.js';
export { findStaffUser, findStaffUserByUsername, insertStaffUser, listStaffDisplayNames } from './user-repo.js';
export { createStaffSession, findStaffBySessionToken, STAFF_SESSION_DAYS } from './staff-session.js';
