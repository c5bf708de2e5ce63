import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../../db/testing.js';
import { errorMessages } from '../../messages/error-messages.js';
import { ConsoleSmsProvider } from '../../readers/index.js';
import { SettingsSmsProvider } from '../../sms/index.js';
import { signedInStaff, uniqueSuffix } from '../../test-support/factories.js';
import { startStandIn, type StandInAnswer } from '../../test-support/stand-in-server.js';
import { buildTestApp } from '../../test-support/test-app.js';

type Headers = Record<string, string>;
const SECRET = 'very-secret-access-key-0123456789';

describeEachDatabase('SMS provider settings, and sign-in codes sent through them', (t) => {
  let app: FastifyInstance;
  let admin: Headers;
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  let next: StandInAnswer = { json: { Code: 'OK', Message: 'OK' } };
  const outbox = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-sms-')), 'outbox.jsonl');

  before(async () => {
    standIn = await startStandIn(() => next);
    app = await buildTestApp(t.db, { sms: new SettingsSmsProvider(t.db, new ConsoleSmsProvider(outbox), { timeoutMs: 1000 }) });
    admin = (await signedInStaff(app, t.db, 'admin')).headers;
  });
  after(async () => {
    await app.close();
    await standIn.close();
    fs.rmSync(path.dirname(outbox), { recursive: true, force: true });
  });

  const patch = (payload: object, headers = admin) => app.inject({ method: 'PATCH', url: '/api/admin/settings/sms', headers, payload });
  // A fresh number per request, each from its own address, so only the limits under test come into play.
  const requestCode = (phone: string) => app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone }, remoteAddress: `115.236.9.${Number.parseInt(uniqueSuffix(), 16) % 250}` });
  const phone = () => `139${String(Number.parseInt(uniqueSuffix(), 16) % 100_000_000).padStart(8, '0')}`;

  it('keeps the secret write-only: the API, the form and the audit log show only that it is set', async () => {
    const res = await patch({ provider: 'aliyun', accessKeyId: 'LTAI5tTest', accessKeySecret: SECRET, signName: '青溪生活网', templateCode: 'SMS_465', endpoint: standIn.url });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().accessKeySecretSet, true);
    assert.ok(!res.body.includes(SECRET));
    const read = await app.inject({ method: 'GET', url: '/api/admin/settings/sms', headers: admin });
    assert.deepEqual(Object.keys(read.json()).sort(), ['accessKeyId', 'accessKeySecretSet', 'endpoint', 'provider', 'region', 'sdkAppId', 'signName', 'templateCode']);
    for (const url of ['/admin/settings', '/api/admin/settings', '/api/admin/audit']) {
      const page = await app.inject({ method: 'GET', url, headers: admin });
      assert.equal(page.statusCode, 200, url);
      assert.ok(!page.body.includes(SECRET), `${url} shows the secret`);
    }
    assert.ok((await app.inject({ method: 'GET', url: '/admin/settings', headers: admin })).body.includes('已设置'), 'the form says the secret is set');
  });

  it('refuses a provider chosen without its keys, naming what is missing, and saves nothing', async () => {
    const res = await patch({ provider: 'tencent' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'sms.settings_incomplete');
    assert.equal(res.json().field, 'sdkAppId');
    assert.equal((await app.inject({ method: 'GET', url: '/api/admin/settings/sms', headers: admin })).json().provider, 'aliyun');
  });

  it('lets only staff who manage settings see or change them', async () => {
    const editor = (await signedInStaff(app, t.db, 'editor')).headers;
    assert.equal((await app.inject({ method: 'GET', url: '/api/admin/settings/sms', headers: editor })).statusCode, 403);
    assert.equal((await patch({ signName: '别的签名' }, editor)).statusCode, 403);
  });

  it('sends a reader’s code through the chosen provider', async () => {
    next = { json: { Code: 'OK', Message: 'OK' } };
    const number = phone();
    assert.equal((await requestCode(number)).statusCode, 202);
    const params = new URLSearchParams(standIn.received.at(-1)!.body);
    assert.equal(params.get('PhoneNumbers'), number);
    assert.match(params.get('TemplateParam')!, /^\{"code":"\d{6}"\}$/);
  });

  it('gives the quota back when the provider refuses, so the reader can ask again at once', async () => {
    next = { json: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发小时级流控Permits:5' } };
    const number = phone();
    const refused = await requestCode(number);
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error, 'sms.provider_rate_limited');
    assert.ok(refused.json().message.startsWith(errorMessages['sms.provider_rate_limited']));
    next = { json: { Code: 'isv.AMOUNT_NOT_ENOUGH', Message: '账户余额不足' } };
    const noBalance = await requestCode(number);
    assert.equal(noBalance.statusCode, 503, 'not readers.sms_too_soon: the refused send was not counted');
    assert.equal(noBalance.json().message, errorMessages['sms.no_balance']);
    next = { json: { Code: 'OK', Message: 'OK' } };
    assert.equal((await requestCode(number)).statusCode, 202);
  });

  it('keeps the code valid and counted after a time-out, since the message may still arrive', async () => {
    next = 'hang';
    const number = phone();
    const slow = await requestCode(number);
    assert.equal(slow.statusCode, 503);
    assert.equal(slow.json().error, 'sms.timeout');
    next = { json: { Code: 'OK', Message: 'OK' } };
    assert.equal((await requestCode(number)).json().error, 'readers.sms_too_soon');
  });

  it('writes to the console outbox again once switched back', async () => {
    assert.equal((await patch({ provider: 'console' })).statusCode, 200);
    const number = phone();
    assert.equal((await requestCode(number)).statusCode, 202);
    assert.match(fs.readFileSync(outbox, 'utf8'), new RegExp(`"phone":"${number}"`));
  });
});
