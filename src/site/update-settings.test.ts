import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { AuditActor } from '../audit/index.js';
import { lockedRows } from '../db/dialect.js';
import { describeEachDatabase } from '../db/testing.js';
import { AppError } from '../lib/errors.js';
import { insertMedia } from '../media/index.js';
import { buildStaff, uniqueSuffix } from '../test-support/factories.js';
import { untilWaitingForLock } from '../test-support/lock-waits.js';
import { getSiteSettings } from './settings-repo.js';
import { updateSiteSettings } from './update-settings.js';

const now = new Date('2026-12-02T02:00:00.000Z');

describeEachDatabase('updateSiteSettings and the images it names', (t) => {
  let actor: AuditActor;
  before(async () => {
    const admin = await buildStaff(t.db, 'admin');
    actor = { id: admin.id, name: admin.username, ip: null, ipRegion: null };
  });
  const newImage = () =>
    insertMedia(t.db, { storageKey: `t/${uniqueSuffix()}.png`, contentType: 'image/png', width: 200, height: 200, byteSize: 100, altText: '网站标志', variants: [] }, now);

  it('refuses an image deleted while the setting was being saved, rather than name a deleted image', async () => {
    const image = await newImage();
    let saving: Promise<unknown> | undefined;
    await t.db.transaction().execute(async (trx) => {
      // What deleteMedia does: lock the image's row, look for uses (none yet), delete it.
      await lockedRows(trx, trx.selectFrom('media').select('id').where('id', '=', image.id), 'update').execute();
      saving = updateSiteSettings(t.db, { logoMediaId: image.id }, actor, now).then(
        () => 'saved',
        (error: unknown) => error,
      );
      await untilWaitingForLock(t.db);
      await trx.deleteFrom('media').where('id', '=', image.id).execute();
    });
    const outcome = await saving;
    assert.ok(outcome instanceof AppError && outcome.code === 'site.image_not_found', String(outcome));
    assert.deepEqual(outcome.details, { field: 'logoMediaId', mediaId: image.id });
    assert.equal((await getSiteSettings(t.db)).logoMediaId, null);
  });

  it('saves an image that is in the library', async () => {
    const image = await newImage();
    await updateSiteSettings(t.db, { wechatServiceQrMediaId: image.id, logoMediaId: null }, actor, now);
    assert.equal((await getSiteSettings(t.db)).wechatServiceQrMediaId, image.id);
  });
});
