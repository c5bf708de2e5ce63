import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createAd, getAd } from '../ads/index.js';
import type { AuditActor } from '../audit/index.js';
import { describeEachDatabase } from '../db/testing.js';
import { AppError } from '../lib/errors.js';
import { buildStaff } from '../test-support/factories.js';
import { untilWaitingForLock } from '../test-support/lock-waits.js';
import { deleteMedia } from './delete-media.js';
import { solidPng, temporaryStorage } from './testing.js';
import { uploadImage } from './upload-image.js';

const now = new Date('2026-12-02T02:00:00.000Z');

describeEachDatabase('deleteMedia while the image is being put to use', (t) => {
  const storage = temporaryStorage();
  let actor: AuditActor;
  before(async () => {
    const admin = await buildStaff(t.db, 'admin');
    actor = { id: admin.id, name: admin.username, ip: null, ipRegion: null };
  });
  after(() => storage.remove());

  it('waits for an ad given the image meanwhile, and refuses: the ad keeps its image', async () => {
    const image = await uploadImage({ db: t.db, storage }, { data: await solidPng(400, 100), altText: '车展门票' }, now);
    const ad = await createAd(t.db, { slot: 'home_banner', title: '车展门票', linkUrl: 'https://cars.example/', startsAt: now }, actor, now);
    let deleting: Promise<unknown> | undefined;
    await t.db.transaction().execute(async (trx) => {
      // What updateAd writes, not yet committed when the delete starts.
      await trx.updateTable('ads').set({ media_id: image.id }).where('id', '=', ad.id).execute();
      deleting = deleteMedia({ db: t.db, storage }, { mediaId: image.id, actor, mayDeleteOthers: true }, now).then(
        () => 'deleted',
        (error: unknown) => error,
      );
      await untilWaitingForLock(t.db);
    });
    const outcome = await deleting;
    assert.ok(outcome instanceof AppError && outcome.code === 'media.in_use', String(outcome));
    assert.equal((await getAd(t.db, ad.id)).mediaId, image.id, 'the ad keeps its image');
  });
});
