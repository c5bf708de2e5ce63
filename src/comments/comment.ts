export type CommentStatus = 'pending' | 'published' | 'rejected' | 'deleted';
export type CommentOrder = 'newest' | 'liked';

export interface CommentView {
  id: number;
  articleId: number;
  parentId: number | null;
  readerId: number;
  nickname: string;
  replyToNickname: string | null;
  body: string;
  status: CommentStatus;
  flagged: boolean;
  ipRegion: string | null;
  likeCount: number;
  reportCount: number;
  createdAt: Date;
}

/** 300 characters as a person counts them: each Chinese character, letter or emoji is one. */
export const COMMENT_MAX_LENGTH = 300;

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

export function personLength(text: string): number {
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

/** What a screening of reader text decided; produced by the lexicon (text/lexicon). */
export interface ScreenVerdict {
  verdict: 'reject' | 'hold' | 'flag' | 'clean';
  /** The text with 'mask' hits replaced by ＊. */
  masked: string;
  hits: Array<{ term: string; action: string; start: number; end: number }>;
  rejectMessage?: string;
}

export type ScreenText = (text: string) => ScreenVerdict;
