import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApiToken } from '../../accounts/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { signedInStaff } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';
import { errorMessages } from '../../messages/error-messages.js';

type Headers = Record<string, string>;

describeEachDatabase('staff accounts through the admin API', (t) => {
  let app: FastifyInstance;

  before(async () => {
    app = await buildTestApp(t.db);
  });
  after(() => app.close());

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const tokenFor = async (userId: number) => (await createApiToken(t.db, userId, '脚本', new Date())).token;
  const works = async (token: string) => (await api('GET', '/api/admin/session', { authorization: `Bearer ${token}` })).statusCode === 200;

  it('ends every session and token of someone whose password changes, by themselves or by an admin, or who is disabled', async () => {
    const admin = await signedInStaff(app, t.db, 'admin');
    const own = await signedInStaff(app, t.db, 'editor');
    const ownToken = await tokenFor(own.user.id);
    const changed = await api('POST', '/api/admin/me/password', own.headers, { currentPassword: 'correct horse battery', newPassword: 'a brand new password' });
    assert.equal(changed.statusCode, 204, changed.body);
    assert.equal(await works(ownToken), false, 'own password change');

    const reset = await signedInStaff(app, t.db, 'reviewer');
    const resetToken = await tokenFor(reset.user.id);
    assert.equal((await api('PATCH', `/api/admin/users/${reset.user.id}`, admin.headers, { password: 'another new password' })).statusCode, 200);
    assert.equal(await works(resetToken), false, 'password reset by an admin');
    assert.equal((await api('GET', '/api/admin/session', reset.headers)).statusCode, 401);

    const disabled = await signedInStaff(app, t.db, 'editor');
    const disabledToken = await tokenFor(disabled.user.id);
    assert.equal((await api('PATCH', `/api/admin/users/${disabled.user.id}`, admin.headers, { disabled: true })).statusCode, 200);
    assert.equal((await api('PATCH', `/api/admin/users/${disabled.user.id}`, admin.headers, { disabled: false })).statusCode, 200);
    assert.equal(await works(disabledToken), false, 'a disabled account’s token stays dead when it is enabled again');
    assert.equal((await api('GET', '/api/admin/session', disabled.headers)).statusCode, 401);
  });

  it('refuses to demote or disable the last active admin (409), in Chinese', async () => {
    // This suite's database: the admin above is the only one so far.
    const { user, headers } = await signedInStaff(app, t.db, 'admin');
    const [first] = (await api('GET', '/api/admin/users', headers)).json().users.filter((u: { role: string; id: number }) => u.role === 'admin' && u.id !== user.id);
    assert.equal((await api('PATCH', `/api/admin/users/${first.id}`, headers, { role: 'editor' })).statusCode, 200, 'another admin is left');
    for (const change of [{ role: 'reviewer' }, { disabled: true }]) {
      const res = await api('PATCH', `/api/admin/users/${user.id}`, headers, change);
      assert.equal(res.statusCode, 409, JSON.stringify(change));
      assert.equal(res.json().error, 'users.last_admin');
      assert.equal(res.json().message, errorMessages['users.last_admin']);
    }
    assert.equal((await api('PATCH', `/api/admin/users/${user.id}`, headers, { displayName: '唯一的管理员' })).statusCode, 200, 'other changes go through');
  });
});
