/**
 * Every site-wide setting a portal's staff edit: footer, contact, filing
 * numbers, WeChat, disclaimers and display modes. Nothing on a page that
 * belongs to the site is hard-coded; it is read from here.
 */
export interface SiteSettings {
  siteName: string;
  /** Shown in the copyright line, e.g. qingxi.example */
  siteDomain: string;
  tagline: string;
  logoMediaId: number | null;
  copyrightHolder: string;
  /** The first year of the copyright range; the last is always the current year. */
  copyrightStartYear: number | null;
  contactEmail: string;
  legalCounsel: string;
  /** As printed, e.g. 浙公网安备 33068302000729号 */
  publicSecurityFilingNumber: string;
  /** Digits only: the record code the MPS filing site looks up. */
  publicSecurityFilingCode: string;
  icpNumber: string;
  telecomLicence: string;
  servicePhone: string;
  serviceHours: string;
  serviceQq: string;
  wechatOfficialAccountName: string;
  wechatOfficialAccountQrMediaId: number | null;
  wechatServiceQrMediaId: number | null;
  /** The QR code image under every article. */
  articleQrMediaId: number | null;
  /** Appended to every reprinted (转载) article. */
  reprintDisclaimer: string;
  /** The civility pledge above the comment box. */
  commentPledge: string;
  /** The site's own 违法和不良信息举报 contacts, shown with the national 12377. */
  reportPhone: string;
  reportEmail: string;
  /** Days of national mourning: the whole site or only the home page in grey. */
  grayMode: 'off' | 'site' | 'home';
  /** The one switch for every ad slot on the site (gray mode switches them off too). */
  adsEnabled: boolean;
  /** The home page's sections (栏目), by category slug in the order shown; empty for every top-level category in the navigation's order. */
  homeSections: string[];
  /** How many latest articles the home page shows for each top-level category. */
  homeArticlesPerCategory: number;
  /** How many 头条 articles the 焦点图 carousel turns through; 0 for none. */
  homeCarouselFrames: number;
  /** How many of the latest articles the 要闻 list beside the 焦点图 shows; 0 for none. */
  homeHeadlineCount: number;
  /** How many 推荐 articles the sidebar lists; 0 for none. */
  homeRecommendedCount: number;
  /** 排行: the most read over the last day or week, or none (on the home page and category pages alike). */
  homeRanking: HomeRankingWindow;
  homeRankingCount: number;
  /** Category pages' page size. */
  articlesPerPage: number;
  /** What RSS and Atom feeds carry of each article: the whole text, or only its summary and a link. */
  feedContent: 'full' | 'summary';
  /** 先审后发: one review (终审 only) or two by different reviewers (初审, 终审). */
  reviewLevels: 1 | 2;
  /** Outlets the site is licensed to reprint from; a reprint from any other warns staff. */
  licensedSources: string[];
  /** Text stamped on uploaded images, empty for none. */
  watermarkText: string;
  /** An uploaded image stamped instead of the text, when set. */
  watermarkMediaId: number | null;
  watermarkPosition: 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right' | 'center';
  commentsEnabled: boolean;
  /** 先审后发 (pre): every comment waits for a moderator; post: shown at once, except a reader's first N. */
  commentModeration: 'pre' | 'post';
  /** Under publish-then-review, how many of a new reader's comments are still held until approved. */
  commentTrustAfter: number;
  /** Flood limits: a person types a few comments a minute at most; more is a script filling the queue. */
  commentRateLimits: { perReaderPerMinute: number; perReaderPerHour: number; perAddressPerMinute: number };
}

/** The reads a 排行 counts: the last 24 hours (today and yesterday in Beijing), the last 7 Beijing days, or no 排行. */
export type HomeRankingWindow = 'off' | 'day' | 'week';

/** The settings that decide what the home page shows, which staff can preview before saving them. */
export const HOME_LAYOUT_SETTINGS = [
  'homeSections',
  'homeCarouselFrames',
  'homeHeadlineCount',
  'homeArticlesPerCategory',
  'homeRecommendedCount',
  'homeRanking',
  'homeRankingCount',
] as const satisfies readonly SiteSettingKey[];
export type HomeLayout = Pick<SiteSettings, (typeof HOME_LAYOUT_SETTINGS)[number]>;

export const DEFAULT_SITE_SETTINGS: Readonly<SiteSettings> = Object.freeze({
  siteName: '本地生活网',
  siteDomain: '',
  tagline: '',
  logoMediaId: null,
  copyrightHolder: '',
  copyrightStartYear: null,
  contactEmail: '',
  legalCounsel: '',
  publicSecurityFilingNumber: '',
  publicSecurityFilingCode: '',
  icpNumber: '',
  telecomLicence: '',
  servicePhone: '',
  serviceHours: '',
  serviceQq: '',
  wechatOfficialAccountName: '',
  wechatOfficialAccountQrMediaId: null,
  wechatServiceQrMediaId: null,
  articleQrMediaId: null,
  reprintDisclaimer: '',
  commentPledge: '承诺遵守文明发帖，遵守国家相关法律法规',
  reportPhone: '',
  reportEmail: '',
  grayMode: 'off',
  adsEnabled: true,
  homeSections: [],
  homeArticlesPerCategory: 6,
  homeCarouselFrames: 5,
  homeHeadlineCount: 6,
  homeRecommendedCount: 5,
  homeRanking: 'week',
  homeRankingCount: 10,
  articlesPerPage: 20,
  feedContent: 'full',
  reviewLevels: 1,
  licensedSources: [],
  watermarkText: '',
  watermarkMediaId: null,
  watermarkPosition: 'bottom-right',
  commentsEnabled: true,
  commentModeration: 'pre',
  commentTrustAfter: 3,
  commentRateLimits: { perReaderPerMinute: 5, perReaderPerHour: 30, perAddressPerMinute: 20 },
});

export type SiteSettingKey = keyof SiteSettings;

/** The image settings, for code that needs every media id the footer shows. */
export const SITE_IMAGE_SETTINGS = [
  'logoMediaId',
  'wechatOfficialAccountQrMediaId',
  'wechatServiceQrMediaId',
  'articleQrMediaId',
] as const satisfies readonly SiteSettingKey[];
