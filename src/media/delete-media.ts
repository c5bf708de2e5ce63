import { type AuditActor, recordAudit } from '../audit/index.js';
import type { Db } from '../db/database.js';
import { lockedRows } from '../db/dialect.js';
import { conflict, forbidden, notFound } from '../lib/errors.js';
import { toMediaItem } from './media-repo.js';
import { listMediaUses } from './media-uses.js';
import { storedKeysOf } from './media.js';
import { deletePendingFiles, recordPendingDeletes } from './pending-deletes.js';
import type { MediaStorage } from './storage.js';

export interface DeleteMediaInput {
  mediaId: number;
  actor: AuditActor;
  /** Reviewers and admins tidy the whole library; editors remove only what they uploaded. */
  mayDeleteOthers: boolean;
}

export interface DeletedMedia {
  /** Storage could not be reached: the files are still at their URLs until the background retry removes them. */
  filesPending: boolean;
}

/**
 * Deletes an image nothing shows, with its files. Throws NotFound
 * 'media.not_found'; Forbidden 'media.not_yours'; Conflict 'media.in_use'
 * with `details.uses` (listMediaUses: articles, 专题, ads, site settings)
 * when something does.
 * The files go after the row is gone, since a row must never point at a
 * missing file; they are recorded with the row's delete, so those an
 * unreachable store keeps are retried until they are gone: an image is often
 * deleted for privacy or a legal demand, and its URL must stop answering.
 */
export async function deleteMedia(deps: { db: Db; storage: MediaStorage }, input: DeleteMediaInput, now: Date): Promise<DeletedMedia> {
  const keys = await deps.db.transaction().execute(async (trx) => {
    // Locked before the uses are read. Saving a use locks the image too (a foreign key does by itself: an
    // article's media_uses, an ad's or 专题's image; a setting through lockMediaForUse), so a use saved
    // meanwhile either committed before this lock was granted, and the read below sees it, or waits and then
    // finds no image. Without it an ad or 专题 saved meanwhile quietly lost its image (their keys set null).
    const row = await lockedRows(trx, trx.selectFrom('media').selectAll().where('id', '=', input.mediaId), 'update').executeTakeFirst();
    if (!row) throw notFound('media.not_found');
    if (!input.mayDeleteOthers && row.uploaded_by !== input.actor.id) throw forbidden('media.not_yours');
    const uses = await listMediaUses(trx, input.mediaId);
    if (uses.length > 0) throw conflict('media.in_use', { uses });
    await trx.deleteFrom('media').where('id', '=', input.mediaId).execute();
    const found = toMediaItem(row);
    const stored = storedKeysOf(found);
    await recordPendingDeletes(trx, stored, now);
    await recordAudit(trx, { actor: input.actor, action: 'media.delete', targetType: 'media', targetId: input.mediaId, details: { alt: found.altText } }, now);
    return stored;
  });
  const left = await deletePendingFiles(deps, keys);
  return { filesPending: left.length > 0 };
}
