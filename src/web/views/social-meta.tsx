import { Fragment, jsx } from '../../lib/jsx.js';
import { absoluteUrl } from '../urls.js';
import type { ImageRef, PageMeta } from './page-model.js';

/** og:locale names the territory (zh_CN, zh_TW), as the Open Graph protocol asks, where hreflang names the script. */
const OG_LOCALE = { hans: 'zh_CN', hant: 'zh_TW' } as const;

/** Open Graph for link previews in WeChat, Weibo and the like: always a title, a picture and the page's language. */
export function SocialMeta(props: { meta: PageMeta; title: string; siteName: string; canonical: string | undefined; image: ImageRef; origin: string; script: 'hans' | 'hant' }) {
  const { meta, image, script } = props;
  const article = meta.article;
  return (
    <>
      <meta property="og:site_name" content={props.siteName} />
      <meta property="og:title" content={props.title} />
      {meta.description && <meta property="og:description" content={meta.description} />}
      <meta property="og:type" content={meta.ogType ?? 'website'} />
      {props.canonical && <meta property="og:url" content={props.canonical} />}
      <meta property="og:locale" content={OG_LOCALE[script]} />
      <meta property="og:locale:alternate" content={OG_LOCALE[script === 'hans' ? 'hant' : 'hans']} />
      <meta property="og:image" content={absoluteUrl(props.origin, image.src)} />
      <meta property="og:image:width" content={String(image.width)} />
      <meta property="og:image:height" content={String(image.height)} />
      <meta property="og:image:alt" content={image.alt || props.title} />
      {article?.publishedTime && <meta property="article:published_time" content={article.publishedTime} />}
      {article && <meta property="article:modified_time" content={article.modifiedTime} />}
      {article?.section && <meta property="article:section" content={article.section} />}
      {article?.tags.map((tag) => <meta key={tag} property="article:tag" content={tag} />)}
    </>
  );
}
