import type { StaffRole } from './staff.js';

/** Everything a staff member can be allowed to do; checked on the server for every request. */
export const STAFF_ACTIONS = [
  'article.view',
  'article.create',
  'article.edit',
  'article.submit',
  'article.review',
  'article.withdraw',
  'media.upload',
  'settings.manage',
  'categories.manage',
  'users.manage',
  'audit.view',
  'comments.moderate',
  'lexicon.manage',
  'stats.view',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

const EDITOR: StaffAction[] = ['article.view', 'article.create', 'article.edit', 'article.submit', 'media.upload'];
const REVIEWER: StaffAction[] = [...EDITOR, 'article.review', 'article.withdraw', 'comments.moderate', 'stats.view'];

/**
 * admin: everything, including users and site settings; editor: writes and
 * submits for review; reviewer: also approves, rejects, withdraws and edits,
 * moderates comments and sees the dashboard and governance report.
 */
const ROLE_ACTIONS: Record<StaffRole, ReadonlySet<StaffAction>> = {
  admin: new Set(STAFF_ACTIONS),
  editor: new Set(EDITOR),
  reviewer: new Set(REVIEWER),
};

export function can(role: StaffRole, action: StaffAction): boolean {
  return ROLE_ACTIONS[role].has(action);
}
