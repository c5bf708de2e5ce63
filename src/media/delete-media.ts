import { type AuditActor, recordAudit } from '../audit/index.js';
import { isForeignKeyViolation } from '../db/constraint-errors.js';
import type { Db } from '../db/database.js';
import { conflict, forbidden } from '../lib/errors.js';
import { getMediaItem } from './media-repo.js';
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

const conflictInUse = (uses: Awaited<ReturnType<typeof listMediaUses>>) =>
  conflict('media.in_use', { count: uses.length, uses: uses.map((u) => ({ articleId: u.articleId, title: u.title, places: u.places })) });

export interface DeletedMedia {
  /** Storage could not be reached: the files are still at their URLs until the background retry removes them. */
  filesPending: boolean;
}

/**
 * Deletes an image no article shows, with its files. Throws NotFound
 * 'media.not_found'; Forbidden 'media.not_yours'; Conflict 'media.in_use'
 * with `details.uses` (every article that shows it, and where) when it is used.
 * The files go after the row is gone, since a row must never point at a
 * missing file; they are recorded with the row's delete, so those an
 * unreachable store keeps are retried until they are gone: an image is often
 * deleted for privacy or a legal demand, and its URL must stop answering.
 */
export async function deleteMedia(deps: { db: Db; storage: MediaStorage }, input: DeleteMediaInput, now: Date): Promise<DeletedMedia> {
  let keys: string[];
  try {
    keys = await deps.db.transaction().execute(async (trx) => {
      const found = await getMediaItem(trx, input.mediaId);
      const uploader = await trx.selectFrom('media').select('uploaded_by').where('id', '=', input.mediaId).executeTakeFirstOrThrow();
      if (!input.mayDeleteOthers && uploader.uploaded_by !== input.actor.id) throw forbidden('media.not_yours');
      const uses = await listMediaUses(trx, input.mediaId);
      if (uses.length > 0) throw conflictInUse(uses);
      await trx.deleteFrom('media').where('id', '=', input.mediaId).execute();
      const stored = storedKeysOf(found);
      await recordPendingDeletes(trx, stored, now);
      await recordAudit(trx, { actor: input.actor, action: 'media.delete', targetType: 'media', targetId: input.mediaId, details: { alt: found.altText } }, now);
      return stored;
    });
  } catch (error) {
    // An article saved with this image while it was being deleted: media_uses' foreign key refused the delete.
    if (isForeignKeyViolation(error)) throw conflictInUse(await listMediaUses(deps.db, input.mediaId));
    throw error;
  }
  const left = await deletePendingFiles(deps, keys);
  return { filesPending: left.length > 0 };
}
