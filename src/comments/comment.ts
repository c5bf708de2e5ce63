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
