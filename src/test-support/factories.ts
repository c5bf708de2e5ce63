import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createApiToken, createStaffAccount, createStaffSession, insertStaffUser, type StaffRole, type StaffUser } from '../accounts/index.js';
import { type Article, type Category, createArticle, type CreateArticleInput, insertCategory } from '../content/index.js';
import type { Db } from '../db/database.js';

/** Unique enough for slugs and usernames within one test database. */
export const uniqueSuffix = () => randomBytes(4).toString('hex');

export async function buildCategory(db: Db, overrides: Partial<{ slug: string; name: string; parentId: number | null; position: number }> = {}): Promise<Category> {
  const suffix = uniqueSuffix();
  return insertCategory(
    db,
    { slug: `cat-${suffix}`, name: `栏目${suffix}`, parentId: null, position: 0, ...overrides },
    new Date(),
  );
}

export async function buildStaff(db: Db, role: StaffRole = 'editor', displayName = '测试编辑'): Promise<StaffUser> {
  return insertStaffUser(db, { username: `staff-${uniqueSuffix()}`, displayName, realName: displayName, role }, new Date());
}

/** A signed-in staff member's cookie header, as the newsroom sign-in will set it. */
export async function staffCookie(db: Db, role: StaffRole = 'reviewer'): Promise<string> {
  const user = await buildStaff(db, role);
  return `bendi_staff=${await createStaffSession(db, user.id, new Date())}`;
}

/** A published original article in a new category unless told otherwise. */
export async function buildArticle(db: Db, overrides: Partial<CreateArticleInput> = {}, now = new Date()): Promise<Article> {
  const categoryId = overrides.categoryId ?? (await buildCategory(db)).id;
  return createArticle(
    db,
    {
      categoryId,
      title: `测试文章 ${uniqueSuffix()}`,
      summary: '一篇测试文章的摘要。',
      bodyHtml: '<p>第一段正文。</p><p>第二段正文。</p>',
      origin: 'original',
      status: 'published',
      publishedAt: new Date(now.getTime() - 60_000),
      publisher: null,
      ...overrides,
    },
    now,
  );
}

/** A staff account with a password, signed in through the real API: its cookie and CSRF token. */
export async function signedInStaff(
  app: FastifyInstance,
  db: Db,
  role: StaffRole,
): Promise<{ user: StaffUser; headers: Record<string, string> }> {
  const password = 'correct horse battery';
  const user = await createStaffAccount(db, { username: `u${uniqueSuffix()}`, password, role, displayName: `${role}员` }, new Date());
  const res = await app.inject({ method: 'POST', url: '/api/admin/session', payload: { username: user.username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { user, headers: { cookie, 'x-csrf-token': res.json().csrfToken } };
}

/** A staff account and a bearer token for it, as `npx bendi token create` makes one. */
export async function staffWithToken(db: Db, role: StaffRole): Promise<{ user: StaffUser; headers: Record<string, string> }> {
  const user = await buildStaff(db, role);
  return { user, headers: { authorization: `Bearer ${(await createApiToken(db, user.id, 'test', new Date())).token}` } };
}
