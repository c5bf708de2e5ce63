// The ads page in /admin: in the admin's navigation, the list with figures, each ad's days, and markup escaped.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../../db/testing.js';
import { buildCategory, signedInStaff } from '../../test-support/factories.js';
import { buildTestApp } from '../../test-support/test-app.js';

const BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

describeEachDatabase('ads admin pages', (t) => {
  let app: FastifyInstance;
  let admin: Record<string, string>;
  before(async () => {
    app = await buildTestApp(t.db);
    admin = (await signedInStaff(app, t.db, 'admin')).headers;
  });
  after(() => app.close());

  it('lists ads with their figures, and shows each one’s days, markup escaped', async () => {
    const category = await buildCategory(t.db, { name: '青溪新闻' });
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/ads',
      headers: admin,
      payload: { slot: 'sidebar', title: '<b>农家乐</b>', linkUrl: 'https://farm.example/', startsAt: new Date(Date.now() - 60_000).toISOString(), categoryIds: [category.id] },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as number;
    const token = (await app.inject({ method: 'POST', url: '/api/ads/views', payload: { adIds: [id] }, headers: { 'user-agent': BROWSER } })).json().viewToken;
    await app.inject({ method: 'GET', url: `/ad/${id}/click?v=${token}`, headers: { 'user-agent': BROWSER } });

    const list = await app.inject({ method: 'GET', url: '/admin/ads', headers: admin });
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes('href="/admin/ads"'), 'in the navigation');
    assert.ok(list.body.includes('&lt;b>农家乐&lt;/b>'));
    assert.ok(!list.body.includes('<b>农家乐</b>'));
    assert.match(list.body, /投放中/);
    assert.match(list.body, /侧栏/);
    assert.match(list.body, /青溪新闻/);
    assert.match(list.body, /100\.00%/);
    assert.match(list.body, /data-url="\/api\/admin\/settings"/);

    const one = await app.inject({ method: 'GET', url: `/admin/ads/${id}`, headers: admin });
    assert.equal(one.statusCode, 200);
    assert.match(one.body, /每日数据/);
    assert.match(one.body, /<td>\d{4}-\d{2}-\d{2}<\/td><td>1<\/td><td>1<\/td>/);
    assert.match(one.body, new RegExp(`data-url="/api/admin/ads/${id}"`));
    assert.equal((await app.inject({ method: 'GET', url: '/admin/ads/999999', headers: admin })).statusCode, 404);
  });
});
