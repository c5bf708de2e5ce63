import { can, type StaffUser } from '../../accounts/index.js';
import { type Article, mayUnsubmit, TRANSITIONS, type TransitionName } from '../../content/index.js';
import { am } from '../views/admin-messages.js';
import type { TransitionButton } from '../views/editor-model.js';

const LABELS: Record<TransitionName, string> = {
  submit: am.transitions.submit,
  unsubmit: am.transitions.unsubmit,
  approve: am.transitions.approve,
  reject: am.transitions.reject,
  withdraw: am.transitions.withdraw,
  republish: am.transitions.republish,
  reopen: am.transitions.reopen,
};

const REASONS: Partial<Record<TransitionName, TransitionButton['reason']>> = {
  reject: { title: am.transitions.rejectTitle, label: am.transitions.rejectLabel },
  withdraw: { title: am.transitions.withdrawTitle, label: am.transitions.withdrawLabel },
};

const PRIMARY: ReadonlySet<TransitionName> = new Set(['submit', 'approve', 'republish']);

/** With two review levels, the same button is 通过初审 or 通过终审 depending on how far the article got. */
export function approveLabel(reviewLevels: number, reviewLevel: number): string {
  if (reviewLevels < 2) return am.transitions.approve;
  return reviewLevel === 0 ? am.transitions.approveFirst : am.transitions.approveFinal;
}

/**
 * The review buttons this person may press for this article or 专题: the server's
 * own workflow table and permissions, so the page never offers a move the
 * API would refuse. A reviewer does not get 通过 for an article they wrote
 * or changed since it was submitted (`mayApprove` false).
 */
export function transitionButtons(article: Pick<Article, 'status' | 'createdBy' | 'reviewLevel'>, user: StaffUser, reviewLevels: number, mayApprove: boolean): TransitionButton[] {
  return TRANSITIONS.filter((t) => t.from.includes(article.status) && can(user.role, t.permission))
    .filter((t) => mayApprove || t.name !== 'approve')
    .filter((t) => t.name !== 'unsubmit' || mayUnsubmit(article, user))
    .map((t) => ({
      name: t.name,
      to: t.to,
      label: t.name === 'approve' ? approveLabel(reviewLevels, article.reviewLevel) : LABELS[t.name],
      primary: PRIMARY.has(t.name),
      reason: t.reasonRequired ? (REASONS[t.name] ?? { title: LABELS[t.name], label: am.transitions.reasonLabel }) : undefined,
    }));
}
