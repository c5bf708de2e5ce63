import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { listAuditEntries } from '../../audit/index.js';
import { describeEachDatabase } from '../../db/testing.js';
import { getMediaItem, MAX_ANIMATION_FRAMES, MAX_IMAGE_BYTES, PendingDeleteWorker, storedKeysOf, uploadImage } from '../../media/index.js';
import { S3Storage } from '../../media/s3-storage.js';
import { animatedGif, describeEachStorage, jpegWithGps, listBucket, type RelayedS3Storage, regionStats, relayedS3Storage, solidJpeg, solidPng, temporaryStorage, truncatedJpeg, unreachableS3Storage } from '../../media/testing.js';
import { saveSiteSettings } from '../../site/index.js';
import { buildCategory, signedInStaff, staffWithToken, uniqueSuffix } from '../../test-support/factories.js';
import { type RunningS3Server, startS3Server } from '../../test-support/s3-server.js';
import { multipartForm, rawMultipartForm } from '../../test-support/multipart-form.js';
import { buildTestApp } from '../../test-support/test-app.js';
import { errorMessages } from '../../messages/error-messages.js';

type Headers = Record<string, string>;

describeEachDatabase('admin media API', (t) => describeEachStorage('', (s) => {
  let app: FastifyInstance;
  let token: Headers;
  let photo: Buffer;

  before(async () => {
    app = await buildTestApp(t.db, { storage: s.storage });
    token = (await staffWithToken(t.db, 'editor')).headers;
    photo = await jpegWithGps(1200, 800);
  });
  after(() => app.close());

  const upload = async (fields: Parameters<typeof multipartForm>[0], headers: Headers = token) => {
    const body = await multipartForm(fields);
    return app.inject({ method: 'POST', url: '/api/admin/media', payload: body.payload, headers: { ...headers, ...body.headers } });
  };
  const served = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, url);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(res.headers['content-length'], String(res.rawPayload.length));
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    const head = await app.inject({ method: 'HEAD', url });
    assert.deepEqual([head.statusCode, head.headers['content-length'], head.rawPayload.length], [200, res.headers['content-length'], 0], `HEAD ${url}`);
    return res;
  };
  const refusal = (res: { statusCode: number; json(): unknown; headers: Record<string, unknown> }, status: number, message: string) => {
    assert.equal(res.statusCode, status);
    assert.equal((res.json() as { message: string }).message, message);
    assert.equal(res.headers['cache-control'], 'no-store');
  };

  it('stores an upload without its GPS data, with WebP variants for srcset, and audits it', async () => {
    const res = await upload({ alt: ' 青溪大桥夜景 ', file: { data: photo, name: 'IMG_0001.JPG', type: 'image/jpeg' } });

    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.equal(res.headers.location, `/api/admin/media/${body.id}`);
    const { width, height, contentType, alt } = body;
    assert.deepEqual({ width, height, contentType, alt }, { width: 1200, height: 800, contentType: 'image/jpeg', alt: '青溪大桥夜景' });
    assert.match(body.url, /^\/media\/\d{4}\/\d{2}\/[0-9a-f]{16}\.jpg$/);
    assert.deepEqual(body.variants.map((v: { width: number }) => v.width), [480, 960, 1200]);
    assert.equal(body.srcset, body.variants.map((v: { url: string; width: number }) => `${v.url} ${v.width}w`).join(', '));
    for (const url of [body.url, ...body.variants.map((v: { url: string }) => v.url)]) {
      const file = await served(url);
      const metadata = await sharp(file.rawPayload).metadata();
      assert.equal(metadata.exif, undefined, url);
      assert.equal(file.headers['content-type'], `image/${metadata.format}`);
    }
    const [entry] = await listAuditEntries(t.db, { action: 'media.upload', targetType: 'media', targetId: String(body.id), limit: 1 });
    assert.ok(entry, 'the upload is in the audit log');
  });

  it("keeps the editor's uploaded images in a body, and refuses an image from another host by its address", async () => {
    const image = (await upload({ alt: '桥', file: { data: photo, name: 'bridge.jpg', type: 'image/jpeg' } })).json();
    const categoryId = (await buildCategory(t.db)).id;
    const save = (bodyHtml: string, leadImage: object | null = null) =>
      app.inject({
        method: 'POST',
        url: '/api/admin/articles',
        headers: token,
        payload: { categoryId, title: `图片 ${uniqueSuffix()}`, bodyHtml, origin: 'original', leadImage },
      });
    const own = `<figure><img src="${image.body.src}" srcset="${image.body.srcset}" sizes="100vw" alt="桥"><figcaption>图注</figcaption></figure>`;
    const saved = await save(own, { mediaId: image.id, alt: '桥' });
    assert.equal(saved.statusCode, 201, saved.body);
    assert.ok(saved.json().article.bodyHtml.includes(`src="${image.body.src}" srcset="${image.body.srcset}"`));

    const pixel = 'https://tracker.example/p.gif?u=1';
    for (const body of [`<p>正文<img src="${pixel}" alt="x"></p>`, `<img src="${image.url}" srcset="${pixel} 2x" alt="x">`, `<img src="//tracker.example/p.gif" alt="x">`]) {
      const res = await save(body);
      assert.equal(res.statusCode, 400, body);
      assert.match(res.json().message, /^正文中的图片「[^」]*tracker\.example\/p\.gif[^」]*」来自其他网站/, body);
    }
    refusal(await save('<img src="/prefs/elder?on=1" alt="x">'), 400, '正文中的图片「/prefs/elder?on=1」来自其他网站：读者打开文章时，该网站会得知读者的地址。请先把图片上传到本站，再插入正文。');
  });

  it('refuses a lead image that does not exist with 400 and its number', async () => {
    const categoryId = (await buildCategory(t.db)).id;
    const payload = { categoryId, title: `题图 ${uniqueSuffix()}`, bodyHtml: '<p>正文</p>', origin: 'original', leadImage: { mediaId: 987654, alt: '不存在' } };
    refusal(await app.inject({ method: 'POST', url: '/api/admin/articles', headers: token, payload }), 400, '所选的题图（编号 987654）不存在，可能已被删除，请重新选择题图。');
  });

  it('refuses a NUL in a form field or the file name as it does in JSON, with 400, on both databases', async () => {
    const before = await t.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const [alt, name] of [['桥\u0000', 'nul.jpg'], ['\u0000', 'nul.jpg'], ['桥', 'nul\u0000.jpg']] as const) {
      const res = await upload({ alt, file: { data: photo, name, type: 'image/jpeg' } });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error, 'request.invalid');
    }
    const after = await t.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n), 'nothing was stored');
  });

  it('refuses alt text or a file name sent in GBK with 400 naming the field, and stores nothing', async () => {
    const before = await t.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    // 桥 in GBK (C7 C5) is not UTF-8: decoded as UTF-8 it would be stored as ��.
    const gbk = Buffer.from([0xc7, 0xc5]);
    const forms = [
      { field: 'alt', alt: gbk, fileName: Buffer.from('photo.jpg') },
      { field: 'file', alt: Buffer.from('桥'), fileName: Buffer.concat([gbk, Buffer.from('.jpg')]) },
    ];
    for (const { field, alt, fileName } of forms) {
      const body = rawMultipartForm([
        { name: 'alt', value: alt },
        { name: 'file', value: photo, fileName, type: 'image/jpeg' },
      ]);
      const res = await app.inject({ method: 'POST', url: '/api/admin/media', payload: body.payload, headers: { ...token, ...body.headers } });
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual([res.json().error, res.json().field, res.json().message], ['request.not_utf8', field, errorMessages['request.not_utf8']]);
    }
    const after = await t.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n), 'nothing was stored');
  });

  it('refuses a text file named .jpg and declared as a JPEG', async () => {
    const res = await upload({ alt: '假图片', file: { data: Buffer.from('只是一段文字\n'), name: 'photo.jpg', type: 'image/jpeg' } });
    refusal(res, 400, errorMessages['media.unsupported_image']);
  });

  it('refuses a file over the size limit with the size message', async () => {
    const res = await upload({ alt: '太大了', file: { data: Buffer.alloc(MAX_IMAGE_BYTES + 1), name: 'big.jpg', type: 'image/jpeg' } });
    refusal(res, 400, errorMessages['media.too_large']);
  });

  it('refuses an animation of too many frames with a message naming the limit', async () => {
    const res = await upload({ alt: '动图', file: { data: await animatedGif(8, 8, MAX_ANIMATION_FRAMES + 1), name: 'a.gif', type: 'image/gif' } });
    refusal(res, 400, errorMessages['media.too_many_frames']);
    assert.match(errorMessages['media.too_many_frames'], new RegExp(`最多 ${MAX_ANIMATION_FRAMES} 帧`));
  });

  it('asks for a file and for alt text when they are missing', async () => {
    refusal(await upload({ alt: '没有文件' }), 400, errorMessages['media.file_required']);
    const json = await app.inject({ method: 'POST', url: '/api/admin/media', payload: { alt: 'JSON' }, headers: token });
    refusal(json, 400, errorMessages['media.file_required']);
    refusal(await upload({ file: { data: photo, name: 'a.jpg', type: 'image/jpeg' } }), 400, errorMessages['content.image_alt_required']);
    for (const contentType of ['multipart/form-data; boundary=x', 'multipart/form-data']) {
      const garbled = await app.inject({ method: 'POST', url: '/api/admin/media', payload: '--x\r\nnonsense', headers: { ...token, 'content-type': contentType } });
      assert.equal(garbled.statusCode, 400, `${contentType}: ${garbled.body}`);
    }
  });

  it('needs a signed-in staff member, and the CSRF header with the session cookie', async () => {
    const file = { data: await solidPng(40, 40), name: 'a.png', type: 'image/png' };
    assert.equal((await upload({ alt: '匿名', file }, {})).statusCode, 401);
    const { headers } = await signedInStaff(app, t.db, 'editor');
    const { 'x-csrf-token': _csrf, ...cookieOnly } = headers;
    assert.equal((await upload({ alt: '没有令牌', file }, cookieOnly)).statusCode, 403);
    assert.equal((await upload({ alt: '有令牌', file }, headers)).statusCode, 201);
  });

  it("stamps the site's watermark unless the upload asks for none", async () => {
    await saveSiteSettings(t.db, { watermarkText: '青溪新闻', watermarkPosition: 'top-left' }, new Date());
    try {
      const file = { data: await solidPng(800, 400), name: 'a.png', type: 'image/png' };
      const cornerSpread = async (res: { json(): { url: string } }) => {
        const cut = await sharp((await served(res.json().url)).rawPayload).extract({ left: 0, top: 0, width: 300, height: 80 }).png().toBuffer();
        return (await sharp(cut).stats()).channels[0]!.stdev;
      };
      assert.ok((await cornerSpread(await upload({ alt: '带水印', file }))) > 5, 'marked');
      assert.equal(await cornerSpread(await upload({ alt: '不带水印', watermark: 'off', file })), 0);
    } finally {
      await saveSiteSettings(t.db, { watermarkText: '' }, new Date());
    }
  });

  it('accepts a long image (长图) with the site mark at its foot, and serves every file its srcset names', async () => {
    await saveSiteSettings(t.db, { watermarkText: '青溪新闻', watermarkPosition: 'bottom-right' }, new Date());
    try {
      for (const [type, data] of [['image/jpeg', await solidJpeg(600, 17000)], ['image/png', await solidPng(600, 17000)]] as const) {
        const res = await upload({ alt: '长图', file: { data, name: `long.${type.slice(6)}`, type } });
        assert.equal(res.statusCode, 201, res.body);
        const body = res.json();
        assert.deepEqual([body.width, body.height, body.contentType], [600, 17000, type]);
        // A 600 px WebP copy would be 17000 px tall, past WebP's limit: the original stands in for it.
        assert.deepEqual(body.variants.map((v: { width: number }) => v.width), [480]);
        assert.equal(body.srcset, `${body.variants[0].url} 480w, ${body.url} 600w`);
        for (const candidate of body.srcset.split(', ')) {
          const [url, width] = candidate.split(' ');
          const metadata = await sharp((await served(url)).rawPayload).metadata();
          assert.equal(`${metadata.width}w`, width, url);
        }
        const original = (await served(body.url)).rawPayload;
        assert.equal((await sharp(original).metadata()).height, 17000);
        const foot = await regionStats(original, { left: 450, top: 16900, width: 150, height: 100 });
        assert.ok(foot.every((c) => c.stdev > 5), `${type}: marked at its foot`);
      }
    } finally {
      await saveSiteSettings(t.db, { watermarkText: '' }, new Date());
    }
  });

  it('refuses a damaged file as damaged, not as another format', async () => {
    const res = await upload({ alt: '没传完', file: { data: await truncatedJpeg(), name: 'cut.jpg', type: 'image/jpeg' } });
    refusal(res, 400, errorMessages['media.corrupt_image']);
  });

  it('shows an uploaded image, and 404 for an unknown one', async () => {
    const created = (await upload({ alt: '查看', file: { data: await solidPng(600, 300), name: 'a.png', type: 'image/png' } })).json();
    const res = await app.inject({ method: 'GET', url: `/api/admin/media/${created.id}`, headers: token });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), created);
    refusal(await app.inject({ method: 'GET', url: '/api/admin/media/999999', headers: token }), 404, errorMessages['media.not_found']);
    assert.equal((await app.inject({ method: 'GET', url: '/api/admin/media/abc', headers: token })).statusCode, 400);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    assert.deepEqual(doc.paths['/api/admin/media'].post.tags, ['media']);
    assert.ok(doc.paths['/api/admin/media/{id}'].get.responses['200']);
  });

  it('answers a media file that is not stored with the 404 page', async () => {
    const res = await app.inject({ method: 'GET', url: '/media/2026/05/0000000000000000.jpg' });
    assert.equal(res.statusCode, 404);
    assert.match(String(res.headers['cache-control']), /no-store/);
    assert.equal((await app.inject({ method: 'GET', url: '/media/../bendi.sqlite' })).statusCode, 404);
    for (const url of [`/media/${'a/'.repeat(2100)}x.jpg`, `/media/${Array.from({ length: 25 }, () => 'b'.repeat(200)).join('/')}.jpg`]) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, `${url.slice(0, 60)}…: ${res.body.slice(0, 200)}`);
    }
  });
}));

describeEachDatabase('admin media API with a CDN in front of the object storage', (t) => {
  let app: FastifyInstance;
  let server: Awaited<ReturnType<typeof startS3Server>>;
  let storage: S3Storage;
  before(async () => {
    server = await startS3Server();
    storage = new S3Storage({ ...server.config, publicUrl: 'https://cdn.example/media' });
    app = await buildTestApp(t.db, { storage });
  });
  after(async () => {
    await app.close();
    storage.close();
    await server.stop();
  });

  it('links pages to the CDN, but gives article bodies site paths that bendi serves, so an upload goes into a body', async () => {
    const token = (await staffWithToken(t.db, 'editor')).headers;
    const form = await multipartForm({ alt: '桥', file: { data: await solidPng(1200, 600), name: 'a.png', type: 'image/png' } });
    const image = (await app.inject({ method: 'POST', url: '/api/admin/media', payload: form.payload, headers: { ...token, ...form.headers } })).json();
    assert.match(image.url, /^https:\/\/cdn\.example\/media\/\d{4}\/\d{2}\/[0-9a-f]{16}\.png$/);
    assert.equal(image.body.src, image.url.replace('https://cdn.example/media/', '/media/'));
    assert.doesNotMatch(image.body.srcset, /cdn\.example/);
    const saved = await app.inject({
      method: 'POST',
      url: '/api/admin/articles',
      headers: token,
      payload: { categoryId: (await buildCategory(t.db)).id, title: `图片 ${uniqueSuffix()}`, bodyHtml: `<img src="${image.body.src}" srcset="${image.body.srcset}" alt="桥">`, origin: 'original' },
    });
    assert.equal(saved.statusCode, 201, saved.body);
    assert.equal((await app.inject({ method: 'GET', url: image.body.src })).statusCode, 200);
  });
});

describeEachDatabase('admin media API with the object storage down', (t) => {
  let app: FastifyInstance;
  let token: Headers;
  before(async () => {
    app = await buildTestApp(t.db, { storage: await unreachableS3Storage() });
    token = (await staffWithToken(t.db, 'editor')).headers;
  });
  after(() => app.close());

  it('answers an upload 503 with a message to try later, and leaves no row behind', async () => {
    const body = await multipartForm({ alt: '存储坏了', file: { data: await solidPng(600, 300), name: 'a.png', type: 'image/png' } });
    const res = await app.inject({ method: 'POST', url: '/api/admin/media', payload: body.payload, headers: { ...token, ...body.headers } });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), { error: 'media.storage_unavailable', message: '图片存储暂时不可用，请稍后再试。' });
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal((await t.db.selectFrom('media').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n.toString(), '0');
  });

  it('deletes an image saying its files are still public, and an instance started once storage is back removes them', async () => {
    const reviewer = await staffWithToken(t.db, 'reviewer');
    const disk = temporaryStorage();
    try {
      const actor = { id: reviewer.user.id, name: reviewer.user.username, ip: null, ipRegion: null };
      const item = await uploadImage({ db: t.db, storage: disk }, { data: await solidPng(1200, 600), altText: '要撤下的照片', actor }, new Date());
      const res = await app.inject({ method: 'DELETE', url: `/api/admin/media/${item.id}`, headers: reviewer.headers });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { filesPending: true, message: '图片已删除，但图片存储暂时连不上，图片文件还能通过原来的网址打开；存储恢复后会自动删除。' });
      assert.equal((await app.inject({ method: 'GET', url: `/api/admin/media/${item.id}/uses`, headers: reviewer.headers })).statusCode, 404);
      assert.ok(await disk.get(item.storageKey), 'the file is still there');

      // Later: the deleting request's claim has run out, and an instance starts with storage reachable.
      await t.db.updateTable('pending_media_deletes').set({ next_attempt_at: new Date().toISOString() }).execute();
      const restarted = await buildTestApp(t.db, { storage: disk });
      await restarted.ready();
      await restarted.close();
      for (const key of storedKeysOf(item)) assert.equal(await disk.get(key), undefined, key);
      assert.deepEqual(await t.db.selectFrom('pending_media_deletes').selectAll().execute(), []);
    } finally {
      disk.remove();
    }
  });

  it('still renders the pages, and answers a media file 503', async () => {
    assert.equal((await app.inject({ method: 'GET', url: '/' })).statusCode, 200);
    const file = await app.inject({ method: 'GET', url: '/media/2026/05/0000000000000000.jpg' });
    assert.equal(file.statusCode, 503);
    assert.match(file.body, /图片存储暂时不可用/);
  });
});

describeEachDatabase('admin media API with an object storage that accepts connections and never answers', (t) => {
  let app: FastifyInstance;
  let server: RunningS3Server;
  let s3: RelayedS3Storage;
  let reviewer: Awaited<ReturnType<typeof staffWithToken>>;
  before(async () => {
    server = await startS3Server();
    s3 = await relayedS3Storage(server);
    app = await buildTestApp(t.db, { storage: s3.storage });
    reviewer = await staffWithToken(t.db, 'reviewer');
  });
  after(async () => {
    await app.close();
    await s3.close();
    await server.stop();
  });
  const upload = async (alt: string) => {
    const body = await multipartForm({ alt, file: { data: await solidPng(1200, 600), name: 'a.png', type: 'image/png' } });
    return app.inject({ method: 'POST', url: '/api/admin/media', payload: body.payload, headers: { ...reviewer.headers, ...body.headers } });
  };
  const mediaIds = async () => (await t.db.selectFrom('media').select('id').orderBy('id').execute()).map((row) => row.id);
  const pendingDeletes = () => t.db.selectFrom('pending_media_deletes').select('storage_key').execute();

  it('answers an upload, a media file and a delete within seconds, and the failed upload adds no row when the store answers again, nor leaves a file once the retry has run', { timeout: 120_000 }, async (context) => {
    const shown = (await upload('留着的照片')).json();
    const doomed = (await upload('要删的照片')).json();
    const doomedKeys = storedKeysOf(await getMediaItem(t.db, doomed.id));
    const bucket = await listBucket(server.config);
    await s3.relay.hang();

    const started = Date.now();
    const answeredAt = <T>(answer: Promise<T>) => answer.then((res) => ({ res, ms: Date.now() - started }));
    const [uploaded, file, deleted] = await Promise.all([
      answeredAt(upload('存储没有回应')),
      answeredAt(app.inject({ method: 'GET', url: shown.url })),
      answeredAt(app.inject({ method: 'DELETE', url: `/api/admin/media/${doomed.id}`, headers: reviewer.headers })),
    ]);
    context.diagnostic(`upload answered ${uploaded.ms} ms, media file ${file.ms} ms, delete ${deleted.ms} ms after the store stopped answering`);
    assert.equal(uploaded.res.statusCode, 503);
    assert.deepEqual(uploaded.res.json(), { error: 'media.storage_unavailable', message: '图片存储暂时不可用，请稍后再试。' });
    assert.equal(file.res.statusCode, 503);
    assert.match(file.res.body, /图片存储暂时不可用/);
    assert.equal(deleted.res.statusCode, 200);
    assert.equal(deleted.res.json().filesPending, true);
    // Generous, to prove a bound on a busy machine; the figures are in the diagnostic above.
    for (const answer of [uploaded, file, deleted]) assert.ok(answer.ms < 30_000, `${answer.ms} ms`);

    await s3.relay.restore();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(await mediaIds(), [shown.id], 'the failed upload never gets a row');
    // The deleted image's files, and the original the failed upload may have left, wait for the retry.
    assert.equal((await pendingDeletes()).length, doomedKeys.length + 1);
    await t.db.updateTable('pending_media_deletes').set({ next_attempt_at: new Date().toISOString() }).execute();
    await new PendingDeleteWorker({ db: t.db, storage: s3.storage, clock: () => new Date(), log: { warn: () => undefined } }).run();
    assert.deepEqual(await listBucket(server.config), bucket.filter((key) => !doomedKeys.includes(key)));
    assert.deepEqual(await pendingDeletes(), []);
  });
});
