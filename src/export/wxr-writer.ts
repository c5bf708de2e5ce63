import type { ExportedArticle, ExportedCategory, ExportedComment, ExportedMedia, ExportedUser } from './export-format.js';
import { escapeHtml } from '../lib/escape-html.js';
import { LineWriter } from './line-writer.js';
import { cdata, element, escapeXml, wordpressDate, wordpressSlug } from './wxr-markup.js';

/** China time, as a Chinese site's WordPress would show its local dates (post_date, comment_date). */
const CHINA_HOURS = 8;

/** What WordPress calls each bendi status: it has no review, rejection or withdrawal, so those wait as drafts. */
const POST_STATUS: Record<ExportedArticle['status'], string> = {
  published: 'publish',
  pending: 'pending',
  draft: 'draft',
  rejected: 'draft',
  withdrawn: 'draft',
};
const COMMENT_APPROVED: Record<ExportedComment['status'], string> = { published: '1', pending: '0', rejected: 'spam', deleted: 'trash' };

/** A post meta pair. */
const meta = (key: string, value: string) => `<wp:postmeta>${element('wp:meta_key', key, { cdata: true })}${element('wp:meta_value', value, { cdata: true })}</wp:postmeta>`;

/** An item's guid: its address, which is not a permalink WordPress should keep. */
const guid = (url: string) => `<guid isPermaLink="false">${escapeXml(url)}</guid>`;


export interface WxrSite {
  name: string;
  tagline: string;
  /** The site's public address, without a trailing slash: links and image addresses are made absolute with it. */
  baseUrl: string;
  exportedAt: Date;
}

/**
 * Writes the export's WordPress file (WXR 1.2) as the export goes: the
 * channel's authors, categories and tags, then the images as attachments,
 * then the articles as posts with their comments. Images in bodies point at
 * the site's address, where WordPress's importer fetches them from.
 *
 * Post ids are the articles' ids; attachments get ids above every article's
 * (`attachmentIdBase` + the image's id), so the two never collide.
 */
export class WxrWriter {
  private readonly out: LineWriter;

  constructor(
    file: string,
    private readonly site: WxrSite,
    private readonly attachmentIdBase: number,
    private readonly mediaUrl: (key: string) => string,
  ) {
    this.out = new LineWriter(file);
  }

  async start(): Promise<void> {
    const { name, tagline, baseUrl, exportedAt } = this.site;
    await this.out.write(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">',
        '<channel>',
        element('title', name),
        element('link', baseUrl),
        element('description', tagline),
        element('pubDate', exportedAt.toUTCString()),
        element('language', 'zh-CN'),
        element('wp:wxr_version', '1.2'),
        element('wp:base_site_url', baseUrl),
        element('wp:base_blog_url', baseUrl),
        element('generator', 'bendi'),
        '',
      ].join('\n'),
    );
  }

  async author(user: ExportedUser): Promise<void> {
    await this.out.write(
      `<wp:author>${element('wp:author_id', user.id)}${element('wp:author_login', user.username, { cdata: true })}${element('wp:author_email', '', { cdata: true })}${element('wp:author_display_name', user.displayName, { cdata: true })}${element('wp:author_first_name', '', { cdata: true })}${element('wp:author_last_name', '', { cdata: true })}</wp:author>\n`,
    );
  }

  async category(category: ExportedCategory): Promise<void> {
    await this.out.write(
      `<wp:category>${element('wp:term_id', category.id)}${element('wp:category_nicename', category.slug, { cdata: true })}${element('wp:category_parent', category.parent ?? '', { cdata: true })}${element('wp:cat_name', category.name, { cdata: true })}</wp:category>\n`,
    );
  }

  async tag(name: string, termId: number): Promise<void> {
    await this.out.write(`<wp:tag>${element('wp:term_id', termId)}${element('wp:tag_slug', wordpressSlug(name), { cdata: true })}${element('wp:tag_name', name, { cdata: true })}</wp:tag>\n`);
  }

  async attachment(media: ExportedMedia): Promise<void> {
    const url = this.mediaUrl(media.storageKey);
    const created = new Date(media.createdAt);
    await this.item([
      element('title', media.fileName || media.storageKey, { cdata: true }),
      element('link', url),
      guid(url),
      element('dc:creator', media.uploadedBy ?? '', { cdata: true }),
      element('content:encoded', '', { cdata: true }),
      element('excerpt:encoded', '', { cdata: true }),
      element('wp:post_id', this.attachmentIdBase + media.id),
      element('wp:post_date', wordpressDate(created, CHINA_HOURS), { cdata: true }),
      element('wp:post_date_gmt', wordpressDate(created), { cdata: true }),
      element('wp:comment_status', 'closed', { cdata: true }),
      element('wp:ping_status', 'closed', { cdata: true }),
      element('wp:post_name', `media-${media.id}`, { cdata: true }),
      element('wp:status', 'inherit', { cdata: true }),
      element('wp:post_parent', 0),
      element('wp:menu_order', 0),
      element('wp:post_type', 'attachment', { cdata: true }),
      element('wp:post_password', '', { cdata: true }),
      element('wp:is_sticky', 0),
      element('wp:attachment_url', url, { cdata: true }),
      meta('_wp_attachment_image_alt', media.altText),
    ]);
  }

  async post(article: ExportedArticle, categoryName: string, comments: ReadonlyArray<{ comment: ExportedComment; nickname: string }>, leadImageMediaId: number | null): Promise<void> {
    const link = `${this.site.baseUrl}/a/${article.id}`;
    const published = article.publishedAt ? new Date(article.publishedAt) : null;
    const created = new Date(article.createdAt);
    const scheduled = article.status === 'published' && published !== null && published > this.site.exportedAt;
    await this.item([
      element('title', article.title, { cdata: true }),
      element('link', link),
      element('pubDate', (published ?? created).toUTCString()),
      element('dc:creator', article.createdBy ?? article.publisher ?? '', { cdata: true }),
      guid(link),
      element('description', '', { cdata: true }),
      element('content:encoded', this.absoluteImages(article.bodyHtml), { cdata: true }),
      element('excerpt:encoded', article.summary, { cdata: true }),
      element('wp:post_id', article.id),
      element('wp:post_date', wordpressDate(published ?? created, CHINA_HOURS), { cdata: true }),
      element('wp:post_date_gmt', article.status === 'published' ? wordpressDate(published ?? created) : wordpressDate(null), { cdata: true }),
      element('wp:post_modified', wordpressDate(new Date(article.updatedAt), CHINA_HOURS), { cdata: true }),
      element('wp:post_modified_gmt', wordpressDate(new Date(article.updatedAt)), { cdata: true }),
      element('wp:comment_status', 'open', { cdata: true }),
      element('wp:ping_status', 'closed', { cdata: true }),
      element('wp:post_name', `a-${article.id}`, { cdata: true }),
      element('wp:status', scheduled ? 'future' : POST_STATUS[article.status], { cdata: true }),
      element('wp:post_parent', 0),
      element('wp:menu_order', 0),
      element('wp:post_type', 'post', { cdata: true }),
      element('wp:post_password', '', { cdata: true }),
      element('wp:is_sticky', article.flags.pinned ? 1 : 0),
      `<category domain="category" nicename="${escapeXml(article.category)}">${cdata(categoryName)}</category>`,
      ...article.tags.map((tag) => `<category domain="post_tag" nicename="${escapeXml(wordpressSlug(tag))}">${cdata(tag)}</category>`),
      ...(leadImageMediaId === null ? [] : [meta('_thumbnail_id', String(this.attachmentIdBase + leadImageMediaId))]),
      ...comments.map(({ comment, nickname }) => this.comment(comment, nickname)),
    ]);
  }

  async finish(): Promise<void> {
    await this.out.write('</channel>\n</rss>\n');
    await this.out.close();
  }

  private comment(comment: ExportedComment, nickname: string): string {
    const created = new Date(comment.createdAt);
    return [
      '<wp:comment>',
      element('wp:comment_id', comment.id),
      element('wp:comment_author', nickname, { cdata: true }),
      element('wp:comment_author_email', '', { cdata: true }),
      element('wp:comment_author_url', ''),
      element('wp:comment_author_IP', '', { cdata: true }),
      element('wp:comment_date', wordpressDate(created, CHINA_HOURS), { cdata: true }),
      element('wp:comment_date_gmt', wordpressDate(created), { cdata: true }),
      // WordPress keeps a comment as HTML: a reader's plain text, markup-like characters escaped, line breaks kept.
      element('wp:comment_content', escapeHtml(comment.body), { cdata: true }),
      element('wp:comment_approved', COMMENT_APPROVED[comment.status], { cdata: true }),
      element('wp:comment_type', 'comment', { cdata: true }),
      element('wp:comment_parent', comment.parent ?? 0),
      element('wp:comment_user_id', 0),
      '</wp:comment>',
    ].join('');
  }

  private async item(parts: string[]): Promise<void> {
    await this.out.write(`<item>\n${parts.join('\n')}\n</item>\n`);
  }

  /** This site's images by their full address, which WordPress's importer downloads and rewrites. */
  private absoluteImages(html: string): string {
    return html.replace(/(\ssrc=")\/media\/([^"]+)"/g, (_, before: string, key: string) => `${before}${escapeXml(this.mediaUrl(key))}"`);
  }
}
