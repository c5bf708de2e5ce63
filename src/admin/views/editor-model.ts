import type { ArticleOrigin, ArticleStatus } from '../../content/index.js';
import type { AdminChrome, PickedImage, SelectOption } from './admin-model.js';

/** The article's fields as the editor's inputs hold them: text, never null. */
export interface EditorArticle {
  /** Undefined until the first save of a new article. */
  id: number | undefined;
  /** The version on screen: review buttons send it, so an approval covers what was read. */
  version: number;
  status: ArticleStatus;
  statusName: string;
  /** Why it was sent back or withdrawn. */
  statusReason: string | null;
  /** "已通过 1 / 2 级审核" while a two-level review is under way. */
  reviewProgress: string | undefined;
  title: string;
  categoryId: number | null;
  summary: string;
  leadImage: PickedImage | undefined;
  leadImageAlt: string;
  editorNote: string;
  bodyHtml: string;
  author: string;
  credits: string;
  origin: ArticleOrigin;
  sourceName: string;
  sourceUrl: string;
  originalTitle: string;
  originalAuthor: string;
  responsibleEditor: string;
  /** Beijing time as 2026年12月01日 08:30, or ''. */
  scheduledAt: string;
  flags: { headline: boolean; recommended: boolean; pinned: boolean };
  /** 关键词, joined by TAG_SEPARATOR. */
  tags: string;
}

/** A review button, already filtered by the workflow's rules for this status and role. */
export interface TransitionButton {
  name: string;
  to: ArticleStatus;
  label: string;
  primary: boolean;
  /** Rejecting and withdrawing ask why. */
  reason?: { title: string; label: string };
}

export interface EditorPageProps {
  chrome: AdminChrome;
  article: EditorArticle;
  categories: SelectOption[];
  /** May this person change the fields now? Otherwise the page is read-only. */
  editable: boolean;
  /** Drafts save themselves; once under review or published, changes wait for 保存. */
  autosave: boolean;
  transitions: TransitionButton[];
  /** Chinese texts of the reprint warnings. */
  warnings: string[];
  /** What the last review step did, after the reload. */
  notice: string | undefined;
  /** Why this reviewer's approval is someone else's (they wrote or changed the article), or undefined. */
  approvalBarred: string | undefined;
}
