import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createAd, getAd } from '../ads/index.js';
import type { AuditActor } from '../audit/index.js';
import { describeEachDatabase } from '../db/testing.js';
import { AppError } from '../lib/errors.js';
import { buildStaff, uniqueSuffix } from '../test-support/factories.js';
import { untilWaitingForLock } from '../test-support/lock-waits.js';
import { lockedRows } from '../db/dialect.js';
import { createTopic, updateTopic } from '../topics/index.js';
import { deleteMedia } from './delete-media.js';
import { listMediaUses, lockIntroImages } from './media-uses.js';
import { solidPng, temporaryStorage } from './testing.js';
import { uploadImage } from './upload-image.js';

const now = new Date('2026-12-02T02:00:00.000Z');

describeEachDatabase('deleteMedia while the image is being put to use', (t) => {
  const storage = temporaryStorage();
  let actor: AuditActor;
  let admin: Awaited<ReturnType<typeof buildStaff>>;
  before(async () => {
    admin = await buildStaff(t.db, 'admin');
    actor = { id: admin.id, name: admin.username, ip: null, ipRegion: null };
  });
  /** The delete of `imageId`, started while `write` holds its transaction open, once it waits for it: 'deleted' or its error. */
  const deleteWhile = async (imageId: number, write: (trx: typeof t.db) => Promise<void>) => {
    let deleting: Promise<unknown> | undefined;
    await t.db.transaction().execute(async (trx) => {
      await write(trx);
      deleting = deleteMedia({ db: t.db, storage }, { mediaId: imageId, actor, mayDeleteOthers: true }, now).then(
        () => 'deleted',
        (error: unknown) => error,
      );
      await untilWaitingForLock(t.db);
    });
    return deleting;
  };
  after(() => storage.remove());

  it('waits for an ad given the image meanwhile, and refuses: the ad keeps its image', async () => {
    const image = await uploadImage({ db: t.db, storage }, { data: await solidPng(400, 100), altText: '车展门票' }, now);
    const ad = await createAd(t.db, { slot: 'home_banner', title: '车展门票', linkUrl: 'https://cars.example/', startsAt: now }, actor, now);
    // What updateAd writes, not yet committed when the delete starts.
    const outcome = await deleteWhile(image.id, async (trx) => {
      await trx.updateTable('ads').set({ media_id: image.id }).where('id', '=', ad.id).execute();
    });
    assert.ok(outcome instanceof AppError && outcome.code === 'media.in_use', String(outcome));
    assert.equal((await getAd(t.db, ad.id)).mediaId, image.id, 'the ad keeps its image');
  });

  it('waits for a 专题 whose introduction is given the image meanwhile, and refuses', async () => {
    const image = await uploadImage({ db: t.db, storage }, { data: await solidPng(400, 100), altText: '龙舟赛' }, now);
    const topic = await createTopic(t.db, { slug: `race-${uniqueSuffix()}`, title: '端午龙舟赛', introHtml: '<p>导语</p>' }, { user: admin, ip: '127.0.0.1' }, now);
    const introHtml = `<p><img src="/media/${image.storageKey}" alt="龙舟赛"></p>`;
    // What updateTopic writes, not yet committed when the delete starts.
    const outcome = await deleteWhile(image.id, async (trx) => {
      await trx.updateTable('topics').set({ intro_html: introHtml }).where('id', '=', topic.id).execute();
      await lockIntroImages(trx, introHtml);
    });
    assert.ok(outcome instanceof AppError && outcome.code === 'media.in_use', String(outcome));
    assert.deepEqual((await listMediaUses(t.db, image.id)).map((use) => use.kind), ['topic']);
  });

  it('makes a 专题 save that puts an image in its introduction wait for a delete of that image under way', async () => {
    const image = await uploadImage({ db: t.db, storage }, { data: await solidPng(400, 100), altText: '赛龙舟' }, now);
    const staff = { user: admin, ip: '127.0.0.1' };
    const topic = await createTopic(t.db, { slug: `boats-${uniqueSuffix()}`, title: '龙舟', introHtml: '<p>导语</p>' }, staff, now);
    let saving: Promise<unknown> | undefined;
    await t.db.transaction().execute(async (trx) => {
      // What deleteMedia holds while it looks for uses.
      await lockedRows(trx, trx.selectFrom('media').select('id').where('id', '=', image.id), 'update').execute();
      saving = updateTopic(t.db, topic.id, { introHtml: `<p><img src="/media/${image.storageKey}" alt="赛龙舟"></p>` }, staff, now);
      await untilWaitingForLock(t.db);
    });
    await saving;
    assert.deepEqual((await listMediaUses(t.db, image.id)).map((use) => use.kind), ['topic']);
  });
});
