/** What a WordPress export (WXR 1.0–1.2) holds, as the import reads it: plain strings, as in the file. */

export interface WxrSite {
  /** wp:base_blog_url, or the channel's link: names the source in the import map. */
  baseUrl: string;
  wxrVersion: string;
}

export interface WxrAuthor {
  login: string;
  email: string;
  displayName: string;
}

export interface WxrCategory {
  termId: string;
  /** The category's slug (category_nicename), possibly percent-encoded. */
  slug: string;
  /** The parent's slug, or '' at the top level. */
  parentSlug: string;
  name: string;
}

export interface WxrTag {
  slug: string;
  name: string;
}

export interface WxrComment {
  id: string;
  author: string;
  authorEmail: string;
  authorIp: string;
  dateGmt: string;
  content: string;
  /** '1' approved, '0' waiting, 'spam', 'trash'. */
  approved: string;
  /** '' or 'comment' for a comment; 'pingback', 'trackback' for the others. */
  type: string;
  /** The id of the comment it replies to, '0' for none. */
  parent: string;
}

export interface WxrItem {
  title: string;
  link: string;
  guid: string;
  creator: string;
  content: string;
  excerpt: string;
  postId: string;
  postDate: string;
  postDateGmt: string;
  postName: string;
  status: string;
  postType: string;
  password: string;
  attachmentUrl: string;
  /** The post meta `_thumbnail_id`: the attachment that is the post's featured image, '' for none. */
  thumbnailId: string;
  /** An attachment's `_wp_attachment_image_alt`. */
  imageAlt: string;
  categories: Array<{ domain: string; nicename: string; name: string }>;
  comments: WxrComment[];
  /** Set when a field was longer than the reader keeps: the item is reported, not imported. */
  oversized?: string;
}

export type WxrRecord =
  | { kind: 'site'; site: WxrSite }
  | { kind: 'author'; author: WxrAuthor }
  | { kind: 'category'; category: WxrCategory }
  | { kind: 'tag'; tag: WxrTag }
  | { kind: 'item'; item: WxrItem };
