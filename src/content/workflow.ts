import { can, type StaffAction, type StaffRole } from '../accounts/index.js';
import { conflict, invalid } from '../lib/errors.js';
import type { ArticleStatus } from './article.js';

export type TransitionName = 'submit' | 'unsubmit' | 'approve' | 'reject' | 'withdraw' | 'republish' | 'reopen';

export interface Transition {
  name: TransitionName;
  from: readonly ArticleStatus[];
  to: ArticleStatus;
  permission: StaffAction;
  reasonRequired: boolean;
  /** Puts the text before readers: the reviewer must name the version they read. */
  publishes: boolean;
}

/**
 * The editorial workflow (先审后发): draft → pending review → published, or
 * rejected with a reason; published → withdrawn (下架) with a reason →
 * published again. Anything else is illegal.
 */
export const TRANSITIONS: readonly Transition[] = [
  { name: 'submit', from: ['draft', 'rejected'], to: 'pending', permission: 'article.submit', reasonRequired: false, publishes: false },
  { name: 'unsubmit', from: ['pending'], to: 'draft', permission: 'article.submit', reasonRequired: false, publishes: false },
  { name: 'approve', from: ['pending'], to: 'published', permission: 'article.review', reasonRequired: false, publishes: true },
  { name: 'reject', from: ['pending'], to: 'rejected', permission: 'article.review', reasonRequired: true, publishes: false },
  { name: 'withdraw', from: ['published'], to: 'withdrawn', permission: 'article.withdraw', reasonRequired: true, publishes: false },
  { name: 'republish', from: ['withdrawn'], to: 'published', permission: 'article.withdraw', reasonRequired: false, publishes: true },
  { name: 'reopen', from: ['rejected', 'withdrawn'], to: 'draft', permission: 'article.edit', reasonRequired: false, publishes: false },
];

export function findTransition(from: ArticleStatus, to: ArticleStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.to === to && t.from.includes(from));
}

/**
 * What publishes the text must name the version read; any other move that
 * names one is held to it too. Throws Invalid('workflow.version_required') or
 * Conflict('workflow.stale_version').
 */
export function checkReadVersion(current: number, transition: Transition, version: number | undefined): void {
  if (version === undefined) {
    if (transition.publishes) throw invalid('workflow.version_required');
    return;
  }
  if (version !== current) throw conflict('workflow.stale_version', { version: current });
}

/** 撤回 takes back one's own submission; another person's only for a role that reviews (who would rather approve or reject it). */
export function mayUnsubmit(article: { createdBy: number | null }, user: { id: number; role: StaffRole }): boolean {
  return article.createdBy === user.id || can(user.role, 'article.review');
}

/** Editors may change an article only before it is published; reviewers and admins at any time. */
export function editableStatuses(canReview: boolean): readonly ArticleStatus[] {
  return canReview ? ['draft', 'pending', 'rejected', 'published', 'withdrawn'] : ['draft', 'pending', 'rejected'];
}

export const STATUS_NAMES: Record<ArticleStatus, string> = {
  draft: '草稿',
  pending: '待审核',
  published: '已发布',
  rejected: '已退回',
  withdrawn: '已下架',
};
