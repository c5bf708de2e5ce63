import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { findArticle, listCategories, listPublishedArticles } from '../content/index.js';
import { describeEachDatabase } from '../db/testing.js';
import { systemClock } from '../lib/clock.js';
import { LocalDiskStorage } from '../media/index.js';
import { buildTestApp } from '../test-support/test-app.js';
import { isSiteEmpty, seedDemo } from './seed-demo.js';

describeEachDatabase('demo portal', (t) => {
  let app: FastifyInstance;
  let mediaRoot: string;
  before(async () => {
    mediaRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-demo-'));
    const deps = { db: t.db, storage: new LocalDiskStorage(mediaRoot), clock: systemClock };
    assert.equal(await isSiteEmpty(deps), true);
    await seedDemo(deps);
    app = await buildTestApp(t.db, { mediaRoot });
  });
  after(async () => {
    await app.close();
    fs.rmSync(mediaRoot, { recursive: true, force: true });
  });

  it('creates a county portal with 4+ categories and 16+ published articles, counts at zero', async () => {
    assert.equal(await isSiteEmpty({ db: t.db }), false, 'a second start does not seed again');
    assert.ok((await listCategories(t.db)).length >= 4);
    const cards = await listPublishedArticles(t.db, { now: new Date(), limit: 100 });
    assert.ok(cards.length >= 16, `${cards.length} published`);
    const published = (await Promise.all(cards.map((c) => findArticle(t.db, c.id)))).filter((a) => a !== undefined);
    assert.ok(published.some((a) => a.origin === 'reprint') && published.some((a) => a.origin === 'original'));
    assert.ok(published.some((a) => a.editorNote));
    assert.ok(published.some((a) => a.bodyHtml.includes('问：')));
    for (const article of published) {
      assert.deepEqual(article.counts, { reads: 0, likes: 0, comments: 0 }, 'counted, never seeded');
      assert.ok(article.leadImage?.alt, `${article.title} has a lead image with alt text`);
      if (article.origin === 'reprint') assert.ok(article.reprint.sourceName && article.reprint.responsibleEditor);
    }
  });

  it('serves every demo article with its images, alt texts and IP属地', async () => {
    const published = await listPublishedArticles(t.db, { now: new Date(), limit: 100 });
    for (const article of published) {
      const res = await app.inject(`/a/${article.id}`);
      assert.equal(res.statusCode, 200, article.title);
      const images = res.body.match(/<img\b[^>]*>/g) ?? [];
      for (const img of images.filter((i) => !i.includes('site-brand__logo'))) {
        assert.match(img, /alt="[^"]+"/, `${article.title}: ${img}`);
      }
      assert.match(res.body, /IP属地：[^<]+</);
      assert.doesNotMatch(res.body, /未知/);
      const src = /<figure class="article__lead"><img[^>]*src="([^"]+)"/.exec(res.body)?.[1];
      assert.ok(src, 'the lead image is shown');
      const image = await app.inject(src);
      assert.equal(image.statusCode, 200);
      assert.equal(image.headers['content-type'], 'image/jpeg');
    }
  });

  it('fills every footer and contact setting', async () => {
    const html = (await app.inject('/')).body;
    for (const marker of ['客服电话', '工作时间', '客服QQ', '微信公众号', '微信客服号', '法律顾问', 'ICP备', '公网安备', '增值电信业务经营许可证', '举报电话']) {
      assert.ok(html.includes(marker), marker);
    }
  });
});
