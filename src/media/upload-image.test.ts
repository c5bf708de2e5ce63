import assert from 'node:assert/strict';
import { after, before, beforeEach, it, test } from 'node:test';
import sharp from 'sharp';
import { describeEachDatabase } from '../db/testing.js';
import { AppError, type ErrorCode, unavailable } from '../lib/errors.js';
import { MAX_ANIMATION_FRAMES, MAX_ANIMATION_PIXELS, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS } from './image-info.js';
import type { MediaItem } from './media.js';
import { getMediaItem } from './media-repo.js';
import { PendingDeleteWorker } from './pending-delete-worker.js';
import { PENDING_DELETE_RETRY_MS } from './pending-deletes.js';
import type { WatermarkSettings } from './resolve-watermark.js';
import { srcsetFor } from './srcset.js';
import {
  animatedGif,
  describeEachStorage,
  hasGpsDirectory,
  jpegWithGps,
  listBucket,
  pngClaiming,
  type RelayedS3Storage,
  relayedS3Storage,
  regionStats,
  solidJpeg,
  solidPng,
  storageWith,
  truncatedJpeg,
} from './testing.js';
import { type RunningS3Server, startS3Server } from '../test-support/s3-server.js';
import { uploadImage } from './upload-image.js';

const now = new Date('2026-05-04T08:00:00Z');
const failsWith = (code: ErrorCode) => (error: unknown) => error instanceof AppError && error.code === code;
const noMark: WatermarkSettings = { watermarkText: '', watermarkMediaId: null, watermarkPosition: 'bottom-right' };

describeEachDatabase('uploadImage', (t) => describeEachStorage('', (s) => {
  const upload = (data: Buffer, altText = '青溪大桥', watermark?: WatermarkSettings) =>
    uploadImage({ db: t.db, storage: s.storage }, { data, altText, watermark }, now);
  const stored = async (key: string) => {
    const data = await s.storage.get(key);
    assert.ok(data, `${key} is stored`);
    return data;
  };
  const storedFiles = (item: MediaItem) => Promise.all([item.storageKey, ...item.variants.map((v) => v.key)].map(stored));

  test('a JPEG with GPS data comes out without it, in the original and every variant', async () => {
    const photo = await jpegWithGps(2000, 1500);
    assert.ok(hasGpsDirectory((await sharp(photo).metadata()).exif), 'the test photo carries GPS data');

    const item = await upload(photo);

    assert.match(item.storageKey, /^2026\/05\/[0-9a-f]{16}\.jpg$/);
    assert.equal(item.contentType, 'image/jpeg');
    assert.deepEqual(item.variants.map((v) => v.width), [480, 960, 1600]);
    for (const file of await storedFiles(item)) {
      const metadata = await sharp(file).metadata();
      assert.equal(metadata.exif, undefined);
      assert.equal(metadata.xmp, undefined);
      assert.equal(metadata.iptc, undefined);
    }
  });

  test('a photo taken sideways is stored upright, without its orientation tag', async () => {
    const item = await upload(await jpegWithGps(300, 200, 6));
    assert.deepEqual([item.width, item.height], [200, 300]);
    const metadata = await sharp(await stored(item.storageKey)).metadata();
    assert.deepEqual([metadata.width, metadata.height, metadata.orientation], [200, 300, undefined]);
  });

  test('a PNG gets WebP variants no wider than itself, recorded for srcset', async () => {
    const item = await upload(await solidPng(700, 350));
    assert.deepEqual(
      item.variants.map((v) => [v.width, v.height, v.contentType]),
      [[480, 240, 'image/webp'], [700, 350, 'image/webp']],
    );
    for (const variant of item.variants) assert.equal((await sharp(await stored(variant.key)).metadata()).format, 'webp');
    assert.deepEqual(await getMediaItem(t.db, item.id), item);
    const base = item.storageKey.replace(/\.png$/, '');
    assert.equal(srcsetFor(item, s.storage), `/media/${base}-480.webp 480w, /media/${base}-700.webp 700w`);
  });

  test('a long image (长图) is stored whole, with only the WebP copies WebP can hold, and srcset ends with the original', async () => {
    const item = await upload(await solidJpeg(600, 17000));
    assert.deepEqual([item.contentType, item.width, item.height], ['image/jpeg', 600, 17000]);
    // 600 px wide, a copy would be 17000 px tall: past WebP's 16383.
    assert.deepEqual(item.variants.map((v) => [v.width, v.height]), [[480, 13600]]);
    const [original, narrowest] = await storedFiles(item);
    assert.deepEqual(await sharp(original!).metadata().then((m) => [m.format, m.width, m.height]), ['jpeg', 600, 17000]);
    assert.deepEqual(await sharp(narrowest!).metadata().then((m) => [m.format, m.width, m.height]), ['webp', 480, 13600]);
    const base = item.storageKey.replace(/\.jpg$/, '');
    assert.equal(srcsetFor(item, s.storage), `/media/${base}-480.webp 480w, /media/${item.storageKey} 600w`);

    const slender = await upload(await solidPng(300, 20000));
    assert.deepEqual([slender.width, slender.height, slender.variants], [300, 20000, []]);
    assert.equal(srcsetFor(slender, s.storage), '');
  });

  test('a file whose header reads but whose pixels stop short is refused as damaged, not as another format', async () => {
    await assert.rejects(upload(await truncatedJpeg()), failsWith('media.corrupt_image'));
  });

  test('an animated GIF stays animated, and so do its variants', async () => {
    const item = await upload(await animatedGif(600, 300));
    assert.deepEqual([item.contentType, item.width, item.height], ['image/gif', 600, 300]);
    const [original, ...variants] = await storedFiles(item);
    assert.equal((await sharp(original!).metadata()).pages, 3);
    for (const variant of variants) assert.equal((await sharp(variant).metadata()).pages, 3);
  });

  test('anything but a JPEG, PNG, WebP or GIF is refused by its content', async () => {
    await assert.rejects(upload(Buffer.from('这不是图片，只是改了扩展名的文本文件。\n')), failsWith('media.unsupported_image'));
    await assert.rejects(upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')), failsWith('media.unsupported_image'));
    await assert.rejects(upload(Buffer.alloc(0)), failsWith('media.unsupported_image'));
  });

  test('a file over the size limit, or claiming absurd dimensions, is refused before it is decoded', async () => {
    await assert.rejects(
      upload(Buffer.alloc(MAX_IMAGE_BYTES + 1)),
      (e: unknown) => failsWith('media.too_large')(e) && (e as AppError).details?.maxBytes === MAX_IMAGE_BYTES,
    );
    await assert.rejects(upload(await pngClaiming(100_000, 100_000)), failsWith('media.too_many_pixels'));
    // Long images are let through by their pixels, as any other: 1000×70000 is past the limit.
    assert.ok(1000 * 70_000 > MAX_IMAGE_PIXELS);
    await assert.rejects(upload(await pngClaiming(1000, 70_000)), failsWith('media.too_many_pixels'));
  });

  test('an animation is bounded by its frames and by its pixels over all frames; one within both is stored whole', async () => {
    await assert.rejects(
      upload(await animatedGif(8, 8, MAX_ANIMATION_FRAMES + 1)),
      (e: unknown) => failsWith('media.too_many_frames')(e) && (e as AppError).details?.maxFrames === MAX_ANIMATION_FRAMES,
    );
    // Three frames of 2400² would pass as one still photo, but not as an animation, each frame worked three times over.
    assert.ok(2400 * 2400 < MAX_IMAGE_PIXELS && 3 * 2400 * 2400 > MAX_ANIMATION_PIXELS);
    await assert.rejects(upload(await animatedGif(2400, 2400)), failsWith('media.animation_too_large'));

    const item = await upload(await animatedGif(16, 16, MAX_ANIMATION_FRAMES));
    assert.equal((await sharp(await stored(item.storageKey)).metadata()).pages, MAX_ANIMATION_FRAMES);
  });

  test('the alt text is required, trimmed and at most 200 characters', async () => {
    const png = await solidPng(50, 50);
    await assert.rejects(upload(png, '   '), failsWith('content.image_alt_required'));
    await assert.rejects(upload(png, '图'.repeat(201)), failsWith('media.alt_too_long'));
    assert.equal((await upload(png, ` ${'图'.repeat(200)} `)).altText, '图'.repeat(200));
  });

  test('an upload whose row cannot be written leaves no files behind', async () => {
    const before = await s.storedKeys();
    // An uploader whose account was deleted mid-upload: the audit row's reference fails, and the transaction with it.
    const gone = { id: 2_000_000_000, name: '已删除的编辑', ip: null, ipRegion: null };
    await assert.rejects(uploadImage({ db: t.db, storage: s.storage }, { data: await solidPng(700, 350), altText: '图', actor: gone }, now));
    assert.deepEqual(await s.storedKeys(), before);
    assert.deepEqual(await t.db.selectFrom('media_uploads').selectAll().execute(), [], 'nor a record of the upload to expire');
  });

  test('an upload whose variant fails to store leaves no files behind, even one still being written when it failed', async () => {
    const before = await s.storedKeys();
    const puts: Array<Promise<void>> = [];
    // A store under load: one request fails (a reset connection) while a slower one is still under way.
    const flaky = storageWith(s.storage, {
      put(key, data, contentType) {
        const put = (async () => {
          if (key.endsWith('-480.webp')) throw unavailable('media.storage_unavailable', new Error('ECONNRESET'));
          if (key.endsWith('-960.webp')) await new Promise((resolve) => setTimeout(resolve, 100));
          await s.storage.put(key, data, contentType);
        })();
        puts.push(put);
        return put;
      },
    });
    await assert.rejects(uploadImage({ db: t.db, storage: flaky }, { data: await solidPng(1200, 800), altText: '图' }, now), failsWith('media.storage_unavailable'));
    await Promise.allSettled(puts);
    assert.deepEqual(await s.storedKeys(), before);
    assert.deepEqual(await t.db.selectFrom('media_uploads').selectAll().execute(), [], 'nor a record of the upload to expire');
  });
}));

describeEachDatabase('uploadImage with a store that loses its answers', (t) => {
  let server: RunningS3Server;
  let s3: RelayedS3Storage;
  before(async () => {
    server = await startS3Server();
    s3 = await relayedS3Storage(server);
  });
  after(async () => {
    await s3.close();
    await server.stop();
  });
  beforeEach(() => s3.relay.restore());
  const pending = async () => (await t.db.selectFrom('pending_media_deletes').select('storage_key').orderBy('storage_key').execute()).map((row) => row.storage_key);
  const mediaRows = async () => (await t.db.selectFrom('media').select('id').execute()).length;
  /** The retry as an instance runs it once the failed upload's claim has run out. */
  const retry = () =>
    new PendingDeleteWorker({ db: t.db, storage: s3.storage, clock: () => new Date(Date.now() + PENDING_DELETE_RETRY_MS + 1000), log: { warn: () => undefined } }).run();

  it('records a file the store kept though its answer was lost, and the retry removes it once the store is back', async () => {
    // The store is cut off mid-upload: it has the whole original, and its answer never arrives.
    const cutOff = storageWith(s3.storage, {
      async put(key, data, contentType) {
        await s3.relay.loseAnswers();
        await s3.storage.put(key, data, contentType).catch(async (error: unknown) => {
          await s3.relay.cut();
          throw error;
        });
      },
    });
    await assert.rejects(uploadImage({ db: t.db, storage: cutOff }, { data: await solidPng(1200, 600), altText: '图' }, new Date()), failsWith('media.storage_unavailable'));
    const kept = await listBucket(server.config);
    assert.match(kept.join(), /^\d{4}\/\d{2}\/[0-9a-f]{16}\.png$/, 'the store kept the original, and the variants were never sent');
    assert.deepEqual(await pending(), kept);
    assert.equal(await mediaRows(), 0);

    await s3.relay.restore();
    await retry();
    assert.deepEqual(await listBucket(server.config), []);
    assert.deepEqual(await pending(), []);
  });

  it('records the files stored before the store stopped answering, when their delete fails as well', async () => {
    // The original is stored and answered; from then on the store does the work and its answers are lost.
    const failing = storageWith(s3.storage, {
      async put(key, data, contentType) {
        await s3.storage.put(key, data, contentType);
        if (!key.endsWith('.webp')) await s3.relay.loseAnswers();
      },
    });
    await assert.rejects(uploadImage({ db: t.db, storage: failing }, { data: await solidPng(1200, 600), altText: '图' }, new Date()), failsWith('media.storage_unavailable'));
    const keys = await pending();
    assert.equal(keys.length, 4, 'the original and its three variants');
    assert.deepEqual(await listBucket(server.config), keys.filter((key) => key.endsWith('.webp')), 'the original was deleted, though the store never said so');

    await s3.relay.restore();
    await retry();
    assert.deepEqual(await listBucket(server.config), []);
    assert.deepEqual(await pending(), []);
    assert.equal(await mediaRows(), 0);
  });
});

describeEachDatabase('uploadImage with a watermark', (t) => describeEachStorage('', (s) => {
  const upload = (data: Buffer, watermark?: WatermarkSettings) =>
    uploadImage({ db: t.db, storage: s.storage }, { data, altText: '测试图片', watermark }, now);
  const grey = { mean: 128, stdev: 0 };
  let photo: Buffer;
  before(async () => {
    photo = await solidPng(1200, 800);
  });

  test('the site text is stamped in the chosen corner, and shrinks with the variants', async () => {
    const item = await upload(photo, { ...noMark, watermarkText: '青溪新闻', watermarkPosition: 'bottom-right' });
    const original = await s.storage.get(item.storageKey);
    assert.ok(original);
    const corner = await regionStats(original, { left: 840, top: 720, width: 360, height: 80 });
    assert.ok(corner.every((c) => c.stdev > 5), 'the bottom-right corner is marked');
    assert.deepEqual(await regionStats(original, { left: 0, top: 0, width: 600, height: 600 }), [grey, grey, grey]);

    const narrowest = await s.storage.get(item.variants[0]!.key);
    assert.ok(narrowest);
    const variantCorner = await regionStats(narrowest, { left: 336, top: 288, width: 144, height: 32 });
    assert.ok(variantCorner.every((c) => c.stdev > 5), 'the variant is marked too');
  });

  test("the site's watermark image, when set, is used instead of the text", async () => {
    const logo = await upload(await solidPng(100, 100, '#ff0000'));
    const item = await upload(photo, { watermarkText: '青溪新闻', watermarkMediaId: logo.id, watermarkPosition: 'top-left' });
    const original = await s.storage.get(item.storageKey);
    assert.ok(original);
    // 20% of the width (240 px), 3% of the shorter side (24 px) in from the edges.
    const [red, green, blue] = await regionStats(original, { left: 24, top: 24, width: 240, height: 240 });
    assert.deepEqual([red!.mean, green!.mean, blue!.mean], [255, 0, 0]);
    assert.deepEqual(await regionStats(original, { left: 0, top: 300, width: 1200, height: 500 }), [grey, grey, grey]);
  });

  test('every frame of an animation is marked', async () => {
    const item = await upload(await animatedGif(600, 300), { ...noMark, watermarkText: 'QX', watermarkPosition: 'center' });
    const original = await s.storage.get(item.storageKey);
    assert.ok(original);
    for (const page of [0, 1, 2]) {
      const frame = await sharp(original, { page }).png().toBuffer();
      const centre = await regionStats(frame, { left: 250, top: 125, width: 100, height: 50 });
      assert.ok(centre.some((c) => c.stdev > 5), `frame ${page} is marked`);
    }
  });

  test('a long image is marked at its foot, and so is its copy', async () => {
    const item = await upload(await solidPng(600, 17000), { ...noMark, watermarkText: '青溪新闻', watermarkPosition: 'bottom-right' });
    const original = await s.storage.get(item.storageKey);
    assert.ok(original);
    const foot = await regionStats(original, { left: 450, top: 16900, width: 150, height: 100 });
    assert.ok(foot.every((c) => c.stdev > 5), 'the bottom-right corner is marked');
    assert.deepEqual(await regionStats(original, { left: 0, top: 0, width: 600, height: 16800 }), [grey, grey, grey]);
    const copy = await s.storage.get(item.variants[0]!.key);
    assert.ok(copy);
    const copyFoot = await regionStats(copy, { left: 360, top: 13520, width: 120, height: 80 });
    assert.ok(copyFoot.every((c) => c.stdev > 5), 'the copy is marked too');
  });

  test('images too small to carry a mark are left alone', async () => {
    const item = await upload(await solidPng(150, 80), { ...noMark, watermarkText: '青溪新闻' });
    const original = await s.storage.get(item.storageKey);
    assert.ok(original);
    assert.deepEqual(await regionStats(original, { left: 0, top: 0, width: 150, height: 80 }), [grey, grey, grey]);
  });
}));
