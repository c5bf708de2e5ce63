import { formatChinaIso } from '../lib/china-time.js';
import type { Script } from '../text/index.js';
import { absoluteUrl } from './urls.js';
import type { Crumb } from './views/breadcrumb.js';
import type { ImageRef } from './views/page-model.js';

/**
 * schema.org objects for search engines' rich results (Google's and Baidu's
 * structured-data rules): a NewsArticle on each article, a BreadcrumbList on
 * every page with a breadcrumb. Pure: the route gives everything.
 */

const CONTEXT = 'https://schema.org';

const imageObject = (origin: string, image: ImageRef) => ({
  '@type': 'ImageObject',
  url: absoluteUrl(origin, image.src),
  width: image.width,
  height: image.height,
});

export interface NewsArticleInput {
  origin: string;
  url: string;
  script: Script;
  headline: string;
  description: string;
  publishedAt: Date | undefined;
  modifiedAt: Date;
  /** The byline's author; an article without one is the outlet's own. */
  authorName: string | undefined;
  /** Who wrote it when no person is named: the reprint's source outlet, else the site. */
  authorOrganization: string;
  section: string | undefined;
  /** 关键词. */
  keywords: string[];
  image: ImageRef | undefined;
  siteName: string;
  siteLogo: ImageRef;
}

export function newsArticleData(input: NewsArticleInput): object {
  const { origin } = input;
  return {
    '@context': CONTEXT,
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
    url: input.url,
    headline: input.headline,
    ...(input.description && { description: input.description }),
    inLanguage: input.script === 'hant' ? 'zh-Hant' : 'zh-Hans',
    ...(input.publishedAt && { datePublished: formatChinaIso(input.publishedAt) }),
    dateModified: formatChinaIso(input.modifiedAt),
    author: input.authorName ? [{ '@type': 'Person', name: input.authorName }] : [{ '@type': 'Organization', name: input.authorOrganization }],
    publisher: { '@type': 'Organization', name: input.siteName, url: `${origin}/`, logo: imageObject(origin, input.siteLogo) },
    image: [imageObject(origin, input.image ?? input.siteLogo)],
    ...(input.section && { articleSection: input.section }),
    // schema.org takes keywords as one comma-separated text, the form every consumer reads.
    ...(input.keywords.length > 0 && { keywords: input.keywords.join(',') }),
  };
}

/** The page's breadcrumb; the last crumb (the page itself, unlinked on the page) gets the page's own address. */
export function breadcrumbData(origin: string, crumbs: Crumb[], pageUrl: string): object {
  return {
    '@context': CONTEXT,
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: crumb.name,
      item: crumb.href ? absoluteUrl(origin, crumb.href) : pageUrl,
    })),
  };
}
