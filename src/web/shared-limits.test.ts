// Several instances share one PostgreSQL database, and the limits count under advisory locks taken in that
// database (lockKeys), so a burst split over two instances is held as exactly as one sent to a single one.
// Each instance has a pool of its own, as separate processes would. Several instances on one SQLite file
// are not a layout bendi supports, so this runs on PostgreSQL only.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../db/database.js';
import { createScratchPostgresDatabase } from '../db/scratch-database.js';
import { saveSiteSettings } from '../site/index.js';
import { cleanUp } from '../test-support/clean-up.js';
import { buildArticle } from '../test-support/factories.js';
import { missingEnv } from '../test-support/skip-reasons.js';
import { buildTestApp } from '../test-support/test-app.js';

const WECHAT = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Mobile MicroMessenger/8.0.49';
let phoneSerial = 0;
const nextPhone = () => `137${String(process.pid % 10000).padStart(4, '0')}${String(++phoneSerial).padStart(4, '0')}`;

describe('limits held across two instances on one PostgreSQL database', { skip: missingEnv('TEST_POSTGRES_URL') }, () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>>;
  let handles: DatabaseHandle[] = [];
  let a: FastifyInstance;
  let b: FastifyInstance;

  before(async () => {
    scratch = await createScratchPostgresDatabase(process.env.TEST_POSTGRES_URL!);
    handles = [openDatabase({ kind: 'postgres', url: scratch.url }), openDatabase({ kind: 'postgres', url: scratch.url })];
    await migrateToLatest(handles[0]!);
    a = await buildTestApp(handles[0]!.db);
    b = await buildTestApp(handles[1]!.db);
  });
  after(async () => {
    await cleanUp(
      async () => a?.close(),
      async () => b?.close(),
      ...handles.map((handle) => async () => handle.db.destroy()),
      async () => scratch?.drop(),
    );
  });

  /** Even requests to A, odd ones to B, all at once. */
  const burst = (count: number, send: (app: FastifyInstance, i: number) => Promise<LightMyRequestResponse>) =>
    Promise.all(Array.from({ length: count }, (_, i) => send(i % 2 === 0 ? a : b, i)));

  const askCode = (app: FastifyInstance, phone: string, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/api/auth/sms-code', headers: { 'user-agent': WECHAT }, payload: { phone }, remoteAddress });

  it('sends one code per number, however many instances are asked at once', async () => {
    const phone = nextPhone();
    const answers = await burst(10, (app) => askCode(app, phone, '203.0.113.70'));
    assert.equal(answers.filter((r) => r.statusCode === 202).length, 1);
    assert.ok(answers.filter((r) => r.statusCode !== 202).every((r) => r.statusCode === 429 && r.json().error === 'readers.sms_too_soon'));
  });

  it('sends twenty codes an hour per address, counted over both instances', async () => {
    const answers = await burst(25, (app) => askCode(app, nextPhone(), '203.0.113.71'));
    assert.equal(answers.filter((r) => r.statusCode === 202).length, 20);
    assert.ok(answers.filter((r) => r.statusCode !== 202).every((r) => r.statusCode === 429));
  });

  it("accepts exactly the policy's number of comments from one reader posting through both instances at once", async () => {
    await saveSiteSettings(handles[0]!.db, { commentRateLimits: { perReaderPerMinute: 5, perReaderPerHour: 30, perAddressPerMinute: 10_000 } }, new Date());
    const article = await buildArticle(handles[0]!.db);
    const phone = nextPhone();
    assert.equal((await askCode(a, phone, '115.236.4.1')).statusCode, 202);
    const code = lastCode(a.smsOutboxFile, phone);
    // Signed in on A, posting on B too: the session lives in the database.
    const signedIn = await a.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'user-agent': WECHAT }, payload: { phone, code }, remoteAddress: '115.236.4.1' });
    assert.equal(signedIn.statusCode, 200, signedIn.body);
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
    const answers = await burst(40, (app, i) =>
      app.inject({
        method: 'POST',
        url: `/api/articles/${article.id}/comments`,
        headers: { 'user-agent': WECHAT, cookie },
        payload: { body: `两台齐发第${i}条` },
        remoteAddress: '115.236.4.2',
      }),
    );
    assert.equal(answers.filter((r) => r.statusCode === 201).length, 5, 'perReaderPerMinute');
    assert.ok(answers.filter((r) => r.statusCode !== 201).every((r) => r.statusCode === 429 && r.json().error === 'comments.too_fast'));
    const stored = await handles[1]!.db.selectFrom('comments').select((eb) => eb.fn.countAll<string>().as('n')).where('article_id', '=', article.id).executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), 5, 'and stored exactly those');
  });
});

/** The last code the console SMS provider wrote for a number. */
function lastCode(outboxFile: string, phone: string): string {
  const lines = fs.readFileSync(outboxFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { phone: string; code: string });
  const code = lines.reverse().find((l) => l.phone === phone)?.code;
  assert.ok(code, `no SMS for ${phone}`);
  return code;
}
