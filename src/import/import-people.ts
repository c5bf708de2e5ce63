import { createHash } from 'node:crypto';
import { findStaffUserByUsername, insertStaffUser, isValidUsername } from '../accounts/index.js';
import type { Db } from '../db/database.js';
import { findMapped, recordMapped } from './import-map.js';
import type { WxrAuthor, WxrComment } from './wxr-records.js';

/** A bendi username from a WordPress login: lowercase, only the characters bendi allows, starting with a letter. */
export function usernameFrom(login: string): string {
  let name = login.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 28);
  if (name.length < 2) name = `wp-${createHash('sha256').update(login).digest('hex').slice(0, 8)}`;
  return name;
}

/**
 * The staff account a WordPress author becomes: an editor without a
 * password, so it cannot sign in until an admin sets one (articles keep
 * their author, and nobody gets an account they did not ask for). A login
 * taken by an existing account gets a suffix instead of being merged into it.
 * Returns the account's id, found in the map when imported before.
 */
export async function importAuthor(db: Db, source: string, author: WxrAuthor, now: Date): Promise<{ id: number; created: boolean }> {
  const mapped = await findMapped(db, source, 'author', author.login);
  if (mapped !== undefined) return { id: mapped, created: false };
  const base = usernameFrom(author.login);
  let username = base;
  for (let n = 2; (await findStaffUserByUsername(db, username)) || !isValidUsername(username); n++) username = `${base}-wp${n}`;
  const displayName = author.displayName.trim().slice(0, 50) || author.login;
  const user = await insertStaffUser(db, { username, displayName, realName: displayName, role: 'editor', passwordHash: null }, now);
  await recordMapped(db, source, 'author', author.login, user.id, now);
  return { id: user.id, created: true };
}

/** Nicknames are short on bendi's pages; a WordPress name can be a sentence. */
const MAX_NICKNAME_CHARS = 20;

/**
 * The reader a commenter becomes, one per e-mail address (or name, without
 * one). Readers sign in by SMS to their phone number; an imported one has
 * a marker in its place that no phone can receive, so it cannot sign in.
 */
export async function importCommenter(db: Db, source: string, comment: WxrComment, now: Date): Promise<number> {
  const key = comment.authorEmail.trim().toLowerCase() || `name:${comment.author.trim()}`;
  const mapped = await findMapped(db, source, 'commenter', key);
  if (mapped !== undefined) return mapped;
  const marker = `imported:${createHash('sha256').update(`${source}\n${key}`).digest('hex').slice(0, 24)}`;
  const nickname = [...(comment.author.trim() || '匿名')].slice(0, MAX_NICKNAME_CHARS).join('');
  const row = await db
    .insertInto('readers')
    .values({ phone: marker, nickname, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordMapped(db, source, 'commenter', key, row.id, now);
  return row.id;
}
