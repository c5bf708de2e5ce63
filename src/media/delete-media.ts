import { type AuditActor, recordAudit } from '../audit/index.js';
import { isForeignKeyViolation } from '../db/constraint-errors.js';
import type { Db } from '../db/database.js';
import { conflict, forbidden } from '../lib/errors.js';
import { getMediaItem } from './media-repo.js';
import { listMediaUses } from './media-uses.js';
import { deleteStoredFiles } from './upload-image.js';
import type { MediaStorage } from './storage.js';

export interface DeleteMediaInput {
  mediaId: number;
  actor: AuditActor;
  /** Reviewers and admins tidy the whole library; editors remove only what they uploaded. */
  mayDeleteOthers: boolean;
}

const conflictInUse = (uses: Awaited<ReturnType<typeof listMediaUses>>) =>
  conflict('media.in_use', { count: uses.length, uses: uses.map((u) => ({ articleId: u.articleId, title: u.title, places: u.places })) });

/**
 * Deletes an image no article shows, with its files. Throws NotFound
 * 'media.not_found'; Forbidden 'media.not_yours'; Conflict 'media.in_use'
 * with `details.uses` (every article that shows it, and where) when it is used.
 * The files go after the row is gone, best effort: a file left behind by an
 * unreachable store is harmless, a row pointing at a missing file is not.
 */
export async function deleteMedia(deps: { db: Db; storage: MediaStorage }, input: DeleteMediaInput, now: Date): Promise<void> {
  let item;
  try {
    item = await deps.db.transaction().execute(async (trx) => {
      const found = await getMediaItem(trx, input.mediaId);
      const uploader = await trx.selectFrom('media').select('uploaded_by').where('id', '=', input.mediaId).executeTakeFirstOrThrow();
      if (!input.mayDeleteOthers && uploader.uploaded_by !== input.actor.id) throw forbidden('media.not_yours');
      const uses = await listMediaUses(trx, input.mediaId);
      if (uses.length > 0) throw conflictInUse(uses);
      await trx.deleteFrom('media').where('id', '=', input.mediaId).execute();
      await recordAudit(trx, { actor: input.actor, action: 'media.delete', targetType: 'media', targetId: input.mediaId, details: { alt: found.altText } }, now);
      return found;
    });
  } catch (error) {
    // An article saved with this image while it was being deleted: media_uses' foreign key refused the delete.
    if (isForeignKeyViolation(error)) throw conflictInUse(await listMediaUses(deps.db, input.mediaId));
    throw error;
  }
  await deleteStoredFiles(deps.storage, item);
}
