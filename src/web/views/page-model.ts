import type { AdSlotModel } from './ad-slot.js';
import type { ShownTime } from '../../lib/china-time.js';
import type { SiteSettings } from '../../site/index.js';
import type { Script } from '../../text/index.js';

export interface ImageRef {
  src: string;
  width: number;
  height: number;
  alt: string;
  /** Resized WebP copies, when the image has them. */
  srcset?: string;
}

export interface NavCategory {
  name: string;
  href: string;
  children: Array<{ name: string; href: string }>;
}

/** Everything every page shows around its content: header, navigation, service block, footer. */
export interface SiteChrome extends SiteChromeData {
  /** The parts of the chrome that only site data shapes, rendered once per cache generation (see views/chrome-fragments). */
  fragments: ChromeFragments;
}

/** Markup of the chrome's parts that are the same on every page of a script (see views/chrome-fragments). */
export interface ChromeFragments {
  /** The site's name and logo, and the search form. */
  brandAndSearch: string;
  /** The main navigation, the current section marked. */
  nav: string;
  /** The service block and the legal footer. */
  footer: string;
}

/** What the chrome is made from. */
export interface SiteChromeData {
  settings: SiteSettings;
  nav: NavCategory[];
  logo: ImageRef | undefined;
  /** What a shared link shows when the page has no picture of its own: the logo, else the site's generated icon. */
  shareImage: ImageRef;
  wechatQr: ImageRef | undefined;
  serviceQr: ImageRef | undefined;
  copyrightYears: string;
  script: Script;
  elderMode: boolean;
  grayMode: boolean;
  /** This page's path without the script prefix, for the 简/繁 and 长辈模式 switches. */
  path: string;
  /** The canonical origin, e.g. https://news.example */
  origin: string;
  assets: { css: string; js: string };
}

export interface ArticleSummary {
  id: number;
  href: string;
  title: string;
  summary: string;
  image: ImageRef | undefined;
  categoryName: string | undefined;
  publishedAt: ShownTime | undefined;
  pinned: boolean;
}

export interface PageMeta {
  title: string;
  description: string;
  /** Path without script prefix: canonical and hreflang alternates are built from it. Error pages have none: they are no page's address. */
  canonicalPath?: string;
  ogType?: 'website' | 'article';
  /** The picture a shared link shows; the site's logo (or its default icon) when the page has none of its own. */
  ogImage?: ImageRef;
  /** Only for staff previews, error pages and search results. */
  noindex?: boolean;
  /** Open Graph article:* properties, on article pages. */
  article?: ArticleMeta;
  /** schema.org objects, each written as one JSON-LD script. */
  structuredData?: object[];
}

export interface ArticleMeta {
  /** ISO 8601 with +08:00, as <time datetime> has it. */
  publishedTime: string | undefined;
  modifiedTime: string;
  section: string | undefined;
  /** 关键词, one article:tag each. */
  tags: string[];
}

/** A 专题 in a list (the home page's block, the 专题 list, an article's 所属专题). */
export interface TopicSummary {
  id: number;
  href: string;
  title: string;
  image: ImageRef | undefined;
}
/** One frame of the 焦点图 carousel: a 头条 article. (An ad, as the last frame, is an AdSlot of its own.) */
export interface FocusFrame {
  key: string;
  href: string;
  title: string;
  image: ImageRef | undefined;
}

/** One block of the sidebar (home and category pages), in the order shown; each kind has its case in views/sidebar.tsx. */
export type SidebarBlock =
  /** 排行: the most read, numbered. */
  | { kind: 'ranking'; title: string; articles: ArticleSummary[] }
  /** A plain list of articles, such as 推荐阅读. */
  | { kind: 'articles'; key: string; title: string; articles: ArticleSummary[] }
  /** The sidebar's 广告位. */
  | { kind: 'ad'; ad: AdSlotModel };
