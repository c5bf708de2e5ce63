import type { Db } from '../db/database.js';
import { MAX_ALT_LENGTH, recordMediaUses } from '../media/index.js';
import type { ImageLocalizer } from './import-images.js';
import type { ImportReport } from './import-report.js';
import type { WxrItem } from './wxr-records.js';

interface Attachment {
  url: string;
  alt: string;
}

interface WantedLead {
  articleId: number;
  attachmentId: string;
  postTitle: string;
  label: string;
}

/**
 * Featured images (the post meta `_thumbnail_id`) as articles' lead images.
 * An export lists attachments and posts in any order, so each attachment's
 * address is noted as it goes by, and the lead images are brought in once
 * the file has been read: downloaded into the media store like body images,
 * or reported when the picture cannot be had.
 */
export class LeadImages {
  private readonly attachments = new Map<string, Attachment>();
  private readonly wanted: WantedLead[] = [];

  noteAttachment(item: WxrItem): void {
    if (item.postType === 'attachment' && item.postId && item.attachmentUrl) {
      this.attachments.set(item.postId, { url: item.attachmentUrl, alt: item.imageAlt.trim() || item.title.trim() });
    }
  }

  want(articleId: number, item: WxrItem, label: string): void {
    if (item.thumbnailId && item.thumbnailId !== '0') {
      this.wanted.push({ articleId, attachmentId: item.thumbnailId, postTitle: item.title.trim(), label });
    }
  }

  /** Returns how many articles got their lead image. */
  async bringIn(db: Db, localizer: ImageLocalizer, report: ImportReport): Promise<number> {
    let set = 0;
    for (const lead of this.wanted.splice(0)) {
      const attachment = this.attachments.get(lead.attachmentId);
      if (!attachment) {
        report.changed.push({ item: lead.label, reason: `特色图片（附件 ${lead.attachmentId}）不在导出文件里，文章没有题图` });
        continue;
      }
      const alt = [...(attachment.alt || `${lead.postTitle} 题图`)].slice(0, MAX_ALT_LENGTH).join('');
      const { outcome, downloaded } = await localizer.image(attachment.url, alt);
      report.counts.images += downloaded;
      if ('failure' in outcome) {
        report.imagesKeptAsLinks.push({ item: `${lead.label} 题图 ${attachment.url}`, reason: `${outcome.failure}；文章没有题图` });
        continue;
      }
      await db.transaction().execute((trx) => setLeadImage(trx, lead.articleId, outcome.media.id, alt));
      set++;
    }
    return set;
  }
}

async function setLeadImage(trx: Db, articleId: number, mediaId: number, alt: string): Promise<void> {
  const article = await trx
    .updateTable('articles')
    .set({ lead_image_id: mediaId, lead_image_alt: alt })
    .where('id', '=', articleId)
    .returning('body_html')
    .executeTakeFirst();
  if (article) await recordMediaUses(trx, articleId, { leadImageId: mediaId, bodyHtml: article.body_html });
}
