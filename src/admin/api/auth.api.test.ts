import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createStaffAccount, currentTotp, findStaffCredentials, SIGN_IN_POLICY, type StaffRole, updateStaffUser } from '../../accounts/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { buildArticle, buildCategory, signedInStaff, staffWithToken, uniqueSuffix } from '../../test-support/factories.js';
import { ipv6Network } from '../../test-support/ipv6-network.js';
import { buildTestApp } from '../../test-support/test-app.js';

type Headers = Record<string, string>;
type Probe = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: (ids: Ids) => string; payload?: (ids: Ids) => object };
interface Ids {
  articleId: number;
  categoryId: number;
  userId: number;
}

/** One request per permission, chosen so that "allowed" answers 2xx and "not allowed" answers 403. */
const ACTIONS: Record<string, Probe> = {
  'list articles': { method: 'GET', url: () => '/api/admin/articles' },
  'read an article': { method: 'GET', url: (ids) => `/api/admin/articles/${ids.articleId}` },
  'create an article': {
    method: 'POST',
    url: () => '/api/admin/articles',
    payload: (ids) => ({ categoryId: ids.categoryId, title: '权限测试', bodyHtml: '<p>x</p>', origin: 'original' }),
  },
  'edit an article': { method: 'PATCH', url: (ids) => `/api/admin/articles/${ids.articleId}`, payload: () => ({ summary: '改摘要' }) },
  'read settings': { method: 'GET', url: () => '/api/admin/settings' },
  'change settings': { method: 'PATCH', url: () => '/api/admin/settings', payload: () => ({ tagline: '新口号' }) },
  'create a category': { method: 'POST', url: () => '/api/admin/categories', payload: () => ({ slug: `c-${uniqueSuffix()}`, name: '新栏目' }) },
  'rename a category': { method: 'PATCH', url: (ids) => `/api/admin/categories/${ids.categoryId}`, payload: () => ({ name: '改名' }) },
  'list staff': { method: 'GET', url: () => '/api/admin/users' },
  'create staff': {
    method: 'POST',
    url: () => '/api/admin/users',
    payload: () => ({ username: `n${uniqueSuffix()}`, password: 'a-long-password', role: 'editor' }),
  },
  'change staff': { method: 'PATCH', url: (ids) => `/api/admin/users/${ids.userId}`, payload: () => ({ displayName: '新名字' }) },
  'read the audit log': { method: 'GET', url: () => '/api/admin/audit' },
  'export the audit log': { method: 'GET', url: () => '/api/admin/audit.csv' },
};

const ALLOWED: Record<StaffRole, string[]> = {
  admin: Object.keys(ACTIONS),
  editor: ['list articles', 'read an article', 'create an article', 'edit an article', 'read settings'],
  reviewer: ['list articles', 'read an article', 'create an article', 'edit an article', 'read settings'],
};

describeEachDatabase('staff authentication and permissions', (t) => {
  let app: FastifyInstance;
  let ids: Ids;
  before(async () => {
    app = await buildTestApp(t.db);
    const category = await buildCategory(t.db);
    const article = await buildArticle(t.db, { categoryId: category.id, status: 'draft' });
    const other = await staffWithToken(t.db, 'editor');
    ids = { articleId: article.id, categoryId: category.id, userId: other.user.id };
  });
  after(() => app.close());

  for (const role of ['admin', 'editor', 'reviewer'] as StaffRole[]) {
    it(`lets a ${role} do exactly what the role allows, and answers 403 to the rest`, async () => {
      const { headers } = await staffWithToken(t.db, role);
      for (const [name, probe] of Object.entries(ACTIONS)) {
        const res = await app.inject({ method: probe.method, url: probe.url(ids), headers, ...(probe.payload ? { payload: probe.payload(ids) } : {}) });
        const allowed = ALLOWED[role].includes(name);
        if (allowed) assert.ok(res.statusCode < 300, `${role} may ${name}: ${res.statusCode} ${res.body}`);
        else assert.equal(res.statusCode, 403, `${role} may not ${name}: ${res.body}`);
      }
    });
  }

  it('answers 401 without credentials and with an unknown token', async () => {
    assert.equal((await app.inject('/api/admin/articles')).statusCode, 401);
    const res = await app.inject({ url: '/api/admin/articles', headers: { authorization: 'Bearer bendi_nope' } });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().message, '请先登录。');
  });

  it('sets an HttpOnly, SameSite session cookie, Secure behind HTTPS', async () => {
    const password = 'correct horse battery';
    const user = await createStaffAccount(t.db, { username: `c${uniqueSuffix()}`, password, role: 'editor' }, new Date());
    const plain = await app.inject({ method: 'POST', url: '/api/admin/session', payload: { username: user.username, password } });
    const cookie = String(plain.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/);
    const proxied = await buildTestApp(t.db, { trustProxy: ['127.0.0.1'] });
    try {
      const secure = await proxied.inject({
        method: 'POST',
        url: '/api/admin/session',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { username: user.username, password },
      });
      assert.match(String(secure.headers['set-cookie']), /Secure/);
    } finally {
      await proxied.close();
    }
  });

  it('refuses a state-changing request made with the cookie but without the CSRF token', async () => {
    const { headers } = await signedInStaff(app, t.db, 'editor');
    const payload = { summary: '跨站请求' };
    const url = `/api/admin/articles/${ids.articleId}`;
    const withoutToken = await app.inject({ method: 'PATCH', url, headers: { cookie: headers.cookie! }, payload });
    assert.equal(withoutToken.statusCode, 403);
    assert.equal(withoutToken.json().error, 'auth.csrf');
    const wrongToken = await app.inject({ method: 'PATCH', url, headers: { ...headers, 'x-csrf-token': 'forged' }, payload });
    assert.equal(wrongToken.statusCode, 403);
    assert.equal((await app.inject({ method: 'PATCH', url, headers, payload })).statusCode, 200);
    assert.equal((await app.inject({ url, headers: { cookie: headers.cookie! } })).statusCode, 200, 'reading needs no token');
  });

  it(`locks an account after ${SIGN_IN_POLICY.accountFailures} wrong passwords, with a clear message, even for the right one`, async () => {
    const password = 'correct horse battery';
    const user = await createStaffAccount(t.db, { username: `l${uniqueSuffix()}`, password, role: 'editor' }, new Date());
    const attempt = (p: string) => app.inject({ method: 'POST', url: '/api/admin/session', payload: { username: user.username, password: p } });
    for (let i = 0; i < SIGN_IN_POLICY.accountFailures; i++) {
      const res = await attempt('wrong password');
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().message, '用户名或密码不正确。');
    }
    const locked = await attempt(password);
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.json().error, 'auth.locked');
    assert.match(locked.json().message, /账号已临时锁定.*15 分钟/);
    assert.ok(Number(locked.headers['retry-after']) > 800);
    await updateStaffUser(t.db, user.id, { lockedUntil: null });
    assert.equal((await attempt(password)).statusCode, 200, 'the lock ends');
  });

  it('blocks an address after many failures across accounts', async () => {
    const probe = await buildTestApp(t.db);
    try {
      const from = { remoteAddress: `198.51.100.${Math.floor(Math.random() * 200) + 1}` };
      let last = 0;
      for (let i = 0; i <= SIGN_IN_POLICY.addressFailures; i++) {
        const res = await probe.inject({ method: 'POST', url: '/api/admin/session', ...from, payload: { username: `nobody${i}`, password: 'x' } });
        last = res.statusCode;
      }
      assert.equal(last, 429);
    } finally {
      await probe.close();
    }
  });

  let addressSerial = 0;
  /** An address no other test has used, so each burst meets only its own limits. */
  const freshAddress = () => `192.0.2.${++addressSerial}`;
  const signInFrom = (remoteAddress: string, username: string, password: string, totpCode?: string) =>
    app.inject({ method: 'POST', url: '/api/admin/session', remoteAddress, payload: { username, password, ...(totpCode ? { totpCode } : {}) } });

  it(`checks at most ${SIGN_IN_POLICY.accountFailures} passwords of a burst of 30 parallel guesses, then locks, and the right password waits too`, async () => {
    const password = 'correct horse battery';
    const user = await createStaffAccount(t.db, { username: `b${uniqueSuffix()}`, password, role: 'editor' }, new Date());
    const burst = await Promise.all(Array.from({ length: 30 }, () => signInFrom(freshAddress(), user.username, 'wrong password')));
    assert.equal(burst.filter((r) => r.statusCode === 401).length, SIGN_IN_POLICY.accountFailures, 'one password check per allowed failure');
    assert.ok(burst.filter((r) => r.statusCode !== 401).every((r) => r.statusCode === 429 && r.json().error === 'auth.locked'));
    const credentials = await findStaffCredentials(t.db, user.username);
    assert.ok(credentials?.lockedUntil && credentials.lockedUntil > new Date(), 'the account is locked');

    const mixed = await Promise.all(Array.from({ length: 12 }, (_, i) => signInFrom(freshAddress(), user.username, i % 3 === 0 ? password : 'wrong password')));
    assert.ok(mixed.every((r) => r.statusCode === 429 && r.json().error === 'auth.locked'), 'nobody signs in while locked');
  });

  it(`blocks an address, or one IPv6 /64, after exactly ${SIGN_IN_POLICY.addressFailures} failures of a parallel burst across usernames`, async () => {
    const address = freshAddress();
    for (const from of [() => address, ipv6Network()]) {
      const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => signInFrom(from(), `burst${i}-${uniqueSuffix()}`, 'x')));
      assert.equal(burst.filter((r) => r.statusCode === 401).length, SIGN_IN_POLICY.addressFailures, from());
      assert.ok(burst.filter((r) => r.statusCode !== 401).every((r) => r.statusCode === 429 && r.json().error === 'auth.too_many_attempts'));
    }
  });

  it('asks for the second factor when TOTP is on, and accepts the current code', async () => {
    const password = 'correct horse battery';
    const user = await createStaffAccount(t.db, { username: `t${uniqueSuffix()}`, password, role: 'admin' }, new Date());
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await updateStaffUser(t.db, user.id, { totpSecret: secret });
    const signIn = (totpCode?: string) =>
      app.inject({ method: 'POST', url: '/api/admin/session', payload: { username: user.username, password, ...(totpCode ? { totpCode } : {}) } });
    for (let i = 0; i <= SIGN_IN_POLICY.accountFailures; i++) {
      assert.equal((await signIn()).json().error, 'auth.totp_required', 'the right password without its code is no failure');
    }
    assert.equal((await signIn('000000')).json().error, 'auth.bad_totp');
    assert.equal((await signIn(currentTotp(secret, new Date()))).statusCode, 200);
  });

  it('keeps a lock that a wrong guess set while the right password without its code was being checked', async () => {
    const password = 'correct horse battery';
    for (let round = 0; round < 5; round++) {
      const user = await createStaffAccount(t.db, { username: `t${uniqueSuffix()}`, password, role: 'admin' }, new Date());
      await updateStaffUser(t.db, user.id, { totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', failedSignIns: SIGN_IN_POLICY.accountFailures - 2 });
      const signIn = (pass: string) => app.inject({ method: 'POST', url: '/api/admin/session', payload: { username: user.username, password: pass } });
      const [right, guess] = await Promise.all([signIn(password), signIn('wrong password')]);
      assert.deepEqual([right.json().error, guess.json().error], ['auth.totp_required', 'auth.bad_credentials']);
      // Which attempt reached the limit depends on which was claimed last (attempt rows are numbered in claim order).
      const attempts = await t.db.selectFrom('sign_in_attempts').select(['id', 'succeeded']).where('username', '=', user.username).orderBy('id').execute();
      const guessLocked = attempts.at(-1)?.succeeded === 0;
      const credentials = await findStaffCredentials(t.db, user.username);
      const locked = Boolean(credentials?.lockedUntil && credentials.lockedUntil > new Date());
      assert.equal(locked, guessLocked, guessLocked ? "the guess's lock stays" : 'the right password takes back only its own lock');
    }
  });

  it('takes each TOTP code once, even from two sign-ins racing with it', async () => {
    const password = 'correct horse battery';
    const user = await createStaffAccount(t.db, { username: `r${uniqueSuffix()}`, password, role: 'admin' }, new Date());
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await updateStaffUser(t.db, user.id, { totpSecret: secret });
    const signIn = (totpCode: string) => app.inject({ method: 'POST', url: '/api/admin/session', payload: { username: user.username, password, totpCode } });
    const code = currentTotp(secret, new Date());
    const race = await Promise.all([signIn(code), signIn(code)]);
    assert.deepEqual(race.map((r) => r.statusCode).sort(), [200, 401]);
    assert.equal(race.find((r) => r.statusCode === 401)!.json().error, 'auth.bad_totp');
    assert.equal((await signIn(code)).json().error, 'auth.bad_totp', 'replayed later');
    assert.equal((await signIn(currentTotp(secret, new Date(Date.now() + 30_000)))).statusCode, 200, 'a newer code works');
  });

  it('sets up the second factor without keeping the secret on the server, and turns it off with a code', async () => {
    const { user, headers } = await signedInStaff(app, t.db, 'editor');
    const { secret } = (await app.inject({ method: 'POST', url: '/api/admin/me/totp', headers })).json();
    const wrong = await app.inject({ method: 'POST', url: '/api/admin/me/totp/confirm', headers, payload: { secret, code: '000000' } });
    assert.equal(wrong.json().error, 'auth.bad_totp');
    const code = currentTotp(secret, new Date());
    const confirmed = await app.inject({ method: 'POST', url: '/api/admin/me/totp/confirm', headers, payload: { secret, code } });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    const password = 'correct horse battery';
    const signIn = (totpCode?: string) =>
      app.inject({ method: 'POST', url: '/api/admin/session', payload: { username: user.username, password, ...(totpCode ? { totpCode } : {}) } });
    assert.equal((await signIn()).json().error, 'auth.totp_required');
    assert.equal((await signIn(code)).json().error, 'auth.bad_totp', 'the confirming code is spent');
    const disable = (totpCode: string) => app.inject({ method: 'POST', url: '/api/admin/me/totp/disable', headers, payload: { code: totpCode } });
    assert.equal((await disable(code)).json().error, 'auth.bad_totp', 'a spent code cannot turn the second factor off');
    // The next period's code is accepted already, for phones whose clocks run ahead.
    assert.equal((await disable(currentTotp(secret, new Date(Date.now() + 30_000)))).statusCode, 200);
    assert.equal((await app.inject({ method: 'POST', url: '/api/admin/session', payload: { username: user.username, password } })).statusCode, 200);
  });

  it('replaces a second factor that is on only with a code from the current one too, counted like a sign-in attempt', async () => {
    const { user, headers } = await signedInStaff(app, t.db, 'editor');
    const current = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await updateStaffUser(t.db, user.id, { totpSecret: current });
    const { secret } = (await app.inject({ method: 'POST', url: '/api/admin/me/totp', headers })).json();
    const confirm = (currentCode?: string) =>
      app.inject({ method: 'POST', url: '/api/admin/me/totp/confirm', headers, payload: { secret, code: currentTotp(secret, new Date()), ...(currentCode ? { currentCode } : {}) } });
    const storedSecret = async () => (await findStaffCredentials(t.db, user.username))?.totpSecret;
    const page = await app.inject({ url: '/admin/account', headers: { cookie: headers.cookie! } });
    assert.match(page.body, /data-url="\/api\/admin\/me\/totp\/confirm"((?!<\/form>)[\s\S])*name="currentCode"/, 'the account page asks for it with the new code');

    const without = await confirm();
    assert.equal(without.statusCode, 400);
    assert.deepEqual([without.json().error, without.json().field], ['auth.current_totp_required', 'currentCode']);
    const wrong = await confirm(currentTotp(secret, new Date()));
    assert.deepEqual([wrong.json().error, wrong.json().field], ['auth.bad_totp', 'currentCode'], "the new factor's code is not the current one's");
    assert.equal(await storedSecret(), current, 'the current factor stays');

    const replaced = await confirm(currentTotp(current, new Date()));
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.equal(await storedSecret(), secret);
    assert.equal((await findStaffCredentials(t.db, user.username))?.failedSignIns, 1, 'the one wrong current code counted, the right one did not');
  });

  it(`checks at most ${SIGN_IN_POLICY.accountFailures} current codes of a parallel burst to replace the second factor`, async () => {
    const { user, headers } = await signedInStaff(app, t.db, 'editor');
    const current = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await updateStaffUser(t.db, user.id, { totpSecret: current });
    const { secret } = (await app.inject({ method: 'POST', url: '/api/admin/me/totp', headers })).json();
    const code = currentTotp(current, new Date());
    const guesses = Array.from({ length: 30 }, (_, i) => String((Number(code) + 1 + i * 7919) % 1_000_000).padStart(6, '0'));
    const burst = await Promise.all(
      guesses.map((currentCode) => app.inject({ method: 'POST', url: '/api/admin/me/totp/confirm', headers, payload: { secret, code: currentTotp(secret, new Date()), currentCode } })),
    );
    assert.equal(burst.filter((r) => r.statusCode === 400).length, SIGN_IN_POLICY.accountFailures);
    assert.ok(burst.filter((r) => r.statusCode !== 400).every((r) => r.statusCode === 429 && r.json().error === 'auth.locked'));
    assert.equal((await findStaffCredentials(t.db, user.username))?.totpSecret, current);
  });

  it('lets staff change their own password with the current one, signing them out everywhere', async () => {
    const { user, headers } = await signedInStaff(app, t.db, 'reviewer');
    const change = (currentPassword: string) =>
      app.inject({ method: 'POST', url: '/api/admin/me/password', headers, payload: { currentPassword, newPassword: 'a brand new password' } });
    assert.equal((await change('not my password')).statusCode, 403);
    assert.equal((await change('correct horse battery')).statusCode, 204);
    assert.equal((await app.inject({ url: '/api/admin/session', headers })).statusCode, 401, 'the old session ended');
    const signIn = await app.inject({ method: 'POST', url: '/api/admin/session', payload: { username: user.username, password: 'a brand new password' } });
    assert.equal(signIn.statusCode, 200);
  });

  it(`checks at most ${SIGN_IN_POLICY.accountFailures} current passwords of a parallel burst of guesses for a password change, then locks the account`, async () => {
    const { user, headers } = await signedInStaff(app, t.db, 'editor');
    const change = (currentPassword: string) =>
      app.inject({ method: 'POST', url: '/api/admin/me/password', headers, payload: { currentPassword, newPassword: 'a brand new password' } });
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => change(`guess number ${i}`)));
    assert.equal(burst.filter((r) => r.statusCode === 403).length, SIGN_IN_POLICY.accountFailures, 'one password check per allowed failure');
    const refused = burst.filter((r) => r.statusCode !== 403);
    assert.ok(refused.every((r) => r.statusCode === 429 && r.json().error === 'auth.locked' && Number(r.headers['retry-after']) > 800));
    assert.match(refused[0]!.json().message, /输错次数过多.*账号已临时锁定.*15 分钟/);
    assert.equal((await change('correct horse battery')).statusCode, 429, 'the right password waits too');
    assert.equal((await signInFrom(freshAddress(), user.username, 'correct horse battery')).json().error, 'auth.locked', 'and so does signing in');
  });

  it('takes a right code to turn the second factor off as no failure, even the one that would have reached the limit', async () => {
    const { user, headers } = await signedInStaff(app, t.db, 'editor');
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await updateStaffUser(t.db, user.id, { totpSecret: secret, failedSignIns: SIGN_IN_POLICY.accountFailures - 1 });
    const disabled = await app.inject({ method: 'POST', url: '/api/admin/me/totp/disable', headers, payload: { code: currentTotp(secret, new Date()) } });
    assert.equal(disabled.statusCode, 200, disabled.body);
    const credentials = await findStaffCredentials(t.db, user.username);
    assert.deepEqual([credentials?.failedSignIns, credentials?.lockedUntil], [SIGN_IN_POLICY.accountFailures - 1, null]);
  });

  it(`checks at most ${SIGN_IN_POLICY.accountFailures} codes of a parallel burst to turn the second factor off, then locks the account`, async () => {
    const { user, headers } = await signedInStaff(app, t.db, 'editor');
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await updateStaffUser(t.db, user.id, { totpSecret: secret });
    const code = currentTotp(secret, new Date());
    const disable = (totpCode: string) => app.inject({ method: 'POST', url: '/api/admin/me/totp/disable', headers, payload: { code: totpCode } });
    const guesses = Array.from({ length: 30 }, (_, i) => String((Number(code) + 1 + i * 7919) % 1_000_000).padStart(6, '0'));
    const burst = await Promise.all(guesses.map(disable));
    assert.equal(burst.filter((r) => r.statusCode === 400).length, SIGN_IN_POLICY.accountFailures, 'one code check per allowed failure');
    assert.ok(burst.filter((r) => r.statusCode !== 400).every((r) => r.statusCode === 429 && r.json().error === 'auth.locked' && Number(r.headers['retry-after']) > 800));
    assert.equal((await disable(code)).statusCode, 429, 'the right code waits too');
    assert.ok((await findStaffCredentials(t.db, user.username))?.totpSecret, 'the second factor stays on');
  });

  it('takes no form-encoded bodies, so a cross-site form cannot sign a browser in to another account', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=someone&password=whatever',
    });
    assert.equal(res.statusCode, 415);
  });

  it('ends the session on sign-out', async () => {
    const { headers } = await signedInStaff(app, t.db, 'editor');
    assert.equal((await app.inject({ url: '/api/admin/session', headers })).statusCode, 200);
    assert.equal((await app.inject({ method: 'DELETE', url: '/api/admin/session', headers })).statusCode, 204);
    assert.equal((await app.inject({ url: '/api/admin/session', headers })).statusCode, 401);
  });

  it('publishes the OpenAPI document generated from the route schemas', async () => {
    const doc = (await app.inject('/api/docs/json')).json();
    for (const path of ['/api/admin/articles', '/api/admin/articles/{id}/transitions', '/api/admin/settings', '/api/admin/categories', '/api/admin/users']) {
      assert.ok(doc.paths[path], path);
    }
    assert.ok(doc.paths['/api/admin/articles'].post.requestBody);
    const ui = await app.inject('/api/docs');
    assert.equal(ui.statusCode, 200);
    const assets = [...ui.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(assets.length > 0 && assets.every((a) => a.startsWith('/api/docs/static/')), 'Swagger UI loads nothing from a CDN');
  });
});
