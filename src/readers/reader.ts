export interface Reader {
  id: number;
  nickname: string;
  banned: boolean;
  banReason: string | null;
  approvedComments: number;
  /** Replies and likes after this are unread; null before the reader first looked. */
  notificationsSeenAt: Date | null;
}

/** Mainland mobile numbers: 11 digits starting with 13–19. A leading +86 or 86 is accepted and dropped. */
export function normalizePhone(raw: string): string | undefined {
  const digits = raw.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : undefined;
}

/** Nicknames are 2–16 characters as a person counts them; the lexicon checks them too. */
export function nicknameLength(nickname: string): number {
  return [...new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(nickname)].length;
}
