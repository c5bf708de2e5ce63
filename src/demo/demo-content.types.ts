/**
 * Shape of the demo portal's content. The data lives in demo-content.ts and is
 * written for this project: a fictional county-level city, 青溪市 (Qingxi).
 */

/** One generated picture: drawn as SVG by demo-images.ts, then encoded to JPEG with sharp. */
export interface DemoImageSpec {
  /** file-system friendly key, unique, e.g. 'river-bridge' */
  key: string;
  /** text alternative shown to screen readers, in simplified Chinese */
  alt: string;
  /** which generated scene to draw */
  scene: 'river' | 'hills' | 'market' | 'school' | 'factory' | 'festival' | 'road' | 'tea' | 'portrait' | 'qr-badge';
  /** main colour of the picture, CSS hex like '#2f6f8f' */
  hue: string;
}

export interface DemoCategory {
  slug: string;           // lowercase ascii, e.g. 'local-focus'
  name: string;           // e.g. '青溪焦点'
  parentSlug?: string;    // one level of nesting at most
}

export interface DemoArticle {
  /** stable key used to link related items in the demo, lowercase ascii */
  key: string;
  categorySlug: string;
  title: string;
  /** 关键词, optional; articles sharing one are each other's 相关阅读 */
  tags?: string[];
  summary: string;
  /** lead picture; every article has one */
  leadImage: DemoImageSpec;
  /** 编者按, optional */
  editorNote?: string;
  /**
   * Body as HTML using only: <p>, <h2>, <h3>, <strong>, <em>, <ul>, <ol>, <li>,
   * <blockquote>, <a href="https://…">, <figure><img data-demo-image="KEY"><figcaption>…</figcaption></figure>.
   * An inline image refers to an entry of `inlineImages` by key.
   */
  bodyHtml: string;
  inlineImages?: DemoImageSpec[];
  /** credits line(s) under the body, e.g. '青溪市融媒体中心出品\n记者：…' */
  credits?: string;
  origin: 'original' | 'reprint';
  /** for reprints: the outlet it came from, and its URL (fictional, under .example) */
  sourceName?: string;
  sourceUrl?: string;
  originalTitle?: string;
  originalAuthor?: string;
  /** 责任编辑 (real name) — required for reprints */
  responsibleEditor?: string;
  /** byline author; may be absent (then nothing is printed) */
  author?: string;
  /** username of the staff account that published it (see demoStaff) */
  publisher: string;
  /** public IPv4 the publisher worked from, mainland, e.g. '115.236.1.1' (浙江) */
  publisherIp: string;
  /** how many hours before "now" it was published (0 = just now) */
  publishedHoursAgo: number;
  headline?: boolean;     // 头条
  recommended?: boolean;  // 推荐
  pinned?: boolean;       // 置顶
  /** status other than published, to show staff-only previews in the demo */
  status?: 'published' | 'pending' | 'draft' | 'withdrawn';
}

export interface DemoStaff {
  username: string;
  displayName: string;   // shown on bylines
  realName: string;
  role: 'admin' | 'editor' | 'reviewer';
}

export interface DemoSiteSettings {
  siteName: string;            // e.g. '青溪生活网'
  siteDomain: string;          // e.g. 'qingxi.example'
  tagline: string;
  copyrightHolder: string;     // e.g. '《青溪生活网》'
  copyrightStartYear: number;  // e.g. 2019
  contactEmail: string;
  legalCounsel: string;
  publicSecurityFilingNumber: string; // e.g. '浙公网安备 33068302000000号'
  publicSecurityFilingCode: string;   // digits only, used for the record link
  icpNumber: string;                  // e.g. '浙ICP备19000000号-3'
  telecomLicence: string;             // e.g. '浙B2-20210000'
  servicePhone: string;
  serviceHours: string;               // e.g. '周一至周五 8:00-17:30'
  serviceQq: string;
  wechatOfficialAccountName: string;
  reprintDisclaimer: string;
  commentPledge: string;              // civility pledge above the comment box
  reportPhone: string;                // the site's own 违法和不良信息举报 phone
  reportEmail: string;
}

export interface DemoContent {
  settings: DemoSiteSettings;
  staff: DemoStaff[];
  categories: DemoCategory[];
  articles: DemoArticle[];
}
