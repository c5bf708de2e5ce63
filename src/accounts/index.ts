export {
  API_TOKEN_MAX_DAYS,
  type ApiToken,
  createApiToken,
  expiryInDays,
  findStaffByApiToken,
  listApiTokens,
  revokeApiToken,
} from './api-tokens.js';
export { can, STAFF_ACTIONS, type StaffAction } from './permissions.js';
export { hashPassword, passwordProblem, verifyPassword } from './password.js';
export { type SignInInput, signInStaff } from './sign-in.js';
export { checkAsSignInAttempt, SIGN_IN_POLICY } from './sign-in-limits.js';
export { isValidUsername, STAFF_ROLES, type StaffRole, type StaffUser } from './staff.js';
export {
  createStaffSession,
  endAllStaffSessions,
  endStaffSession,
  findStaffSession,
  STAFF_SESSION_DAYS,
  type StaffSession,
} from './staff-session.js';
export { disableTotp, enableTotp } from './second-factor.js';
export { currentTotp, newTotpSecret, totpUri } from './totp.js';
export {
  findStaffCredentials,
  findStaffUser,
  findStaffUserByUsername,
  insertStaffUser,
  listStaffUsers,
  updateStaffUser,
} from './user-repo.js';
export {
  changeStaffPassword,
  createStaffAccount,
  type CreateStaffInput,
  hashNewPassword,
  type NewPassword,
  type StaffAccountChanges,
  updateStaffAccount,
} from './manage-staff.js';
