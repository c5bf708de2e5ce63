import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApiToken, findStaffByApiToken } from '../../accounts/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { signedInStaff, staffWithToken } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';
import { errorMessages } from '../../messages/error-messages.js';

type Headers = Record<string, string>;
type TokenJson = { id: number; name: string; createdAt: string; expiresAt: string | null; lastUsedAt: string | null };

describeEachDatabase('API tokens through the admin API', (t) => {
  let app: FastifyInstance;
  let admin: Headers;

  before(async () => {
    app = await buildTestApp(t.db);
    admin = (await signedInStaff(app, t.db, 'admin')).headers;
  });
  after(() => app.close());

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Headers, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const works = async (token: string) => (await api('GET', '/api/admin/articles', bearer(token))).statusCode === 200;
  const create = async (headers: Headers, payload: object) => {
    const res = await api('POST', '/api/admin/me/tokens', headers, payload);
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { token: string; apiToken: TokenJson };
  };

  it('lets staff create, list and revoke their own tokens, never showing the secret again, and audits it', async () => {
    const { user, headers } = await signedInStaff(app, t.db, 'editor');
    const { token, apiToken } = await create(headers, { name: '采集脚本' });
    assert.match(token, /^bendi_/);
    assert.equal(apiToken.expiresAt, null, 'lasts until revoked');
    assert.equal(apiToken.lastUsedAt, null);
    assert.ok(await works(token));

    const listed = await api('GET', '/api/admin/me/tokens', headers);
    assert.equal(listed.statusCode, 200);
    const [mine] = listed.json().tokens as TokenJson[];
    assert.equal(mine?.name, '采集脚本');
    assert.ok(mine.lastUsedAt, 'the use above is recorded');
    assert.ok(!listed.body.includes(token));

    assert.equal((await api('DELETE', `/api/admin/me/tokens/${apiToken.id}`, headers)).statusCode, 204);
    assert.equal(await works(token), false, 'revoked at once');
    assert.deepEqual((await api('GET', '/api/admin/me/tokens', headers)).json().tokens, []);
    const again = await api('DELETE', `/api/admin/me/tokens/${apiToken.id}`, headers);
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().message, errorMessages['tokens.not_found']);

    const entries = (await api('GET', `/api/admin/audit?targetType=user&targetId=${user.id}`, admin)).json().entries as Array<{ action: string; details: Record<string, unknown> }>;
    assert.deepEqual(entries.map((e) => e.action).slice(0, 2), ['token.revoke', 'token.create']);
    assert.deepEqual(entries[0]!.details, { tokenId: apiToken.id, name: '采集脚本' });
  });

  it('gives a token the life asked for, and refuses no days or more than ten years (400)', async () => {
    const { headers } = await signedInStaff(app, t.db, 'reviewer');
    const { token, apiToken } = await create(headers, { name: '一周', expiresInDays: 7 });
    const expiresAt = Date.parse(apiToken.expiresAt!);
    assert.ok(Math.abs(expiresAt - (Date.now() + 7 * 86_400_000)) < 60_000);
    assert.ok(await findStaffByApiToken(t.db, token, new Date(expiresAt - 1000)));
    assert.equal(await findStaffByApiToken(t.db, token, new Date(expiresAt)), undefined, 'expired');
    for (const expiresInDays of [0, 3651, 1.5]) {
      const res = await api('POST', '/api/admin/me/tokens', headers, { name: 'x', expiresInDays });
      assert.equal(res.statusCode, 400, `${expiresInDays} days`);
    }
  });

  it('lets only a signed-in person create a token: a token cannot mint another (403)', async () => {
    const { headers } = await staffWithToken(t.db, 'admin');
    const res = await api('POST', '/api/admin/me/tokens', headers, { name: '再造一个' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error, 'tokens.session_required');
  });

  it('records the last use at most once a minute', async () => {
    const { user } = await signedInStaff(app, t.db, 'editor');
    const { token } = await createApiToken(t.db, user.id, '计数', new Date());
    const lastUsed = async () => (await t.db.selectFrom('api_tokens').select('last_used_at').where('user_id', '=', user.id).executeTakeFirstOrThrow()).last_used_at;
    const start = new Date();
    await findStaffByApiToken(t.db, token, start);
    const first = await lastUsed();
    await findStaffByApiToken(t.db, token, new Date(start.getTime() + 30_000));
    assert.equal(String(await lastUsed()), String(first), 'not written again within the minute');
    await findStaffByApiToken(t.db, token, new Date(start.getTime() + 61_000));
    assert.equal(new Date(await lastUsed() as string).getTime(), start.getTime() + 61_000);
  });

  it('lets admins list and revoke anyone’s tokens; others may not, and nobody revokes another’s through /me', async () => {
    const owner = await signedInStaff(app, t.db, 'editor');
    const other = await signedInStaff(app, t.db, 'reviewer');
    const { token, apiToken } = await create(owner.headers, { name: '别人的' });
    assert.equal((await api('DELETE', `/api/admin/me/tokens/${apiToken.id}`, other.headers)).statusCode, 404);
    assert.equal((await api('GET', `/api/admin/users/${owner.user.id}/tokens`, other.headers)).statusCode, 403);
    assert.equal((await api('DELETE', `/api/admin/users/${owner.user.id}/tokens/${apiToken.id}`, other.headers)).statusCode, 403);
    assert.ok(await works(token));

    const listed = await api('GET', `/api/admin/users/${owner.user.id}/tokens`, admin);
    assert.deepEqual((listed.json().tokens as TokenJson[]).map((x) => x.id), [apiToken.id]);
    assert.equal((await api('DELETE', `/api/admin/users/${other.user.id}/tokens/${apiToken.id}`, admin)).statusCode, 404, 'the id must be that person’s');
    assert.equal((await api('DELETE', `/api/admin/users/${owner.user.id}/tokens/${apiToken.id}`, admin)).statusCode, 204);
    assert.equal(await works(token), false);
    assert.equal((await api('GET', '/api/admin/users/999999/tokens', admin)).statusCode, 404);
  });

  it('shows one’s own tokens on the account page, with a form to make one, and admins everyone’s on the users page', async () => {
    const owner = await signedInStaff(app, t.db, 'editor');
    const { apiToken } = await create(owner.headers, { name: '数据大屏', expiresInDays: 30 });
    const account = await app.inject({ url: '/admin/account', headers: owner.headers });
    assert.equal(account.statusCode, 200);
    assert.ok(account.body.includes('<td class="table__title">数据大屏</td>'));
    assert.match(account.body, /data-url="\/api\/admin\/me\/tokens\/\d+"/);
    assert.match(account.body, /<form data-token-create="true"/);
    assert.match(account.body, /从未使用/);

    const users = await app.inject({ url: '/admin/users', headers: admin });
    assert.equal(users.statusCode, 200);
    assert.ok(users.body.includes(`data-url="/api/admin/users/${owner.user.id}/tokens/${apiToken.id}"`));
  });

  it('lists the token routes in the OpenAPI document', async () => {
    const paths = Object.keys((await app.inject('/api/docs/json')).json().paths);
    for (const path of ['/api/admin/me/tokens', '/api/admin/me/tokens/{id}', '/api/admin/users/{id}/tokens', '/api/admin/users/{id}/tokens/{tokenId}']) {
      assert.ok(paths.includes(path), path);
    }
  });
});
