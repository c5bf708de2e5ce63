import { type ComponentChildren, escapedOnce, Fragment, jsx } from '../../lib/jsx.js';
import { KEEP_SCRIPT_END, KEEP_SCRIPT_START } from '../../text/index.js';
import { scriptText, ui } from '../messages.js';
import { inScript, paths } from '../urls.js';
import { THEME_COLOR } from '../site-icons.js';
import { ReaderCorner } from './reader-corner.js';
import { JsonLd } from './json-ld.js';
import type { PageMeta, SiteChrome } from './page-model.js';
import { SocialMeta } from './social-meta.js';
import { Prerendered, TrustedHtml } from './trusted-html.js';

const SCRIPT_TEXT = escapedOnce(JSON.stringify(scriptText));

/** `wide`: a page with a sidebar, which takes the screen's width from 1024 px instead of the reading measure. */
export function Layout({ chrome, meta, children, wide }: { chrome: SiteChrome; meta: PageMeta; children: ComponentChildren; wide?: boolean }) {
  const { settings, script } = chrome;
  const title = meta.title === settings.siteName ? meta.title : `${meta.title} - ${settings.siteName}`;
  const address = meta.canonicalPath === undefined ? undefined : { path: meta.canonicalPath, canonical: chrome.origin + inScript(meta.canonicalPath, script) };
  const htmlClass = [chrome.elderMode && 'elder', chrome.grayMode && 'gray'].filter(Boolean).join(' ') || undefined;
  return (
    <html lang={script === 'hant' ? 'zh-Hant' : 'zh-Hans'} class={htmlClass}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {meta.description && <meta name="description" content={meta.description} />}
        {meta.noindex && <meta name="robots" content="noindex" />}
        {address && <AddressLinks origin={chrome.origin} {...address} />}
        <SocialMeta meta={meta} title={meta.title} siteName={settings.siteName} canonical={address?.canonical} image={meta.ogImage ?? chrome.shareImage} origin={chrome.origin} script={script} />
        {meta.structuredData?.map((data, i) => <JsonLd key={i} data={data} />)}
        <meta name="theme-color" content={THEME_COLOR} />
        <link rel="icon" href={paths.favicon()} sizes="any" />
        <link rel="apple-touch-icon" href={paths.icon(180)} />
        <link rel="manifest" href={paths.manifest()} />
        {address && <FeedLinks siteName={settings.siteName} script={script} />}
        <link rel="stylesheet" href={chrome.assets.css} />
        <script src={chrome.assets.js} defer />
      </head>
      <body data-ui-text={SCRIPT_TEXT}>
        <a class="skip-link" href="#main">
          {ui.skipToContent}
        </a>
        <SiteHeader chrome={chrome} />
        <main id="main" tabIndex={-1} class={wide ? 'main--wide' : undefined}>
          {children}
        </main>
        <Prerendered html={chrome.fragments.footer} />
      </body>
    </html>
  );
}

/** The site's feeds in the page's script, for browsers and feed readers that find them from any page (error pages are no page). */
function FeedLinks({ siteName, script }: { siteName: string; script: SiteChrome['script'] }) {
  return (
    <>
      <link rel="alternate" type="application/rss+xml" title={`${siteName} RSS`} href={inScript(paths.feed('rss'), script)} />
      <link rel="alternate" type="application/atom+xml" title={`${siteName} Atom`} href={inScript(paths.feed('atom'), script)} />
    </>
  );
}

/** The page's own address and its address in each script, for search engines. */
function AddressLinks({ origin, path, canonical }: { origin: string; path: string; canonical: string }) {
  return (
    <>
      <link rel="canonical" href={canonical} />
      <link rel="alternate" hrefLang="zh-Hans" href={origin + inScript(path, 'hans')} />
      <link rel="alternate" hrefLang="zh-Hant" href={origin + inScript(path, 'hant')} />
      <link rel="alternate" hrefLang="x-default" href={origin + path} />
    </>
  );
}

function SiteHeader({ chrome }: { chrome: SiteChrome }) {
  const { script } = chrome;
  const elderHref = `/prefs/elder?on=${chrome.elderMode ? 0 : 1}&next=${encodeURIComponent(inScript(chrome.path, script))}`;
  return (
    <header class="site-header">
      <div class="site-header__bar">
        <Prerendered html={chrome.fragments.brandAndSearch} />
        <div class="site-tools">
          {/* The switch names each script in its own characters, so it is kept out of conversion. */}
          <TrustedHtml as="span" html={KEEP_SCRIPT_START} />
          <nav class="script-switch" aria-label="简体中文 / 繁體中文">
            <a href={inScript(chrome.path, 'hans')} hrefLang="zh-Hans" lang="zh-Hans" aria-current={script === 'hans' ? 'true' : undefined}>
              简体
            </a>
            <a href={inScript(chrome.path, 'hant')} hrefLang="zh-Hant" lang="zh-Hant" aria-current={script === 'hant' ? 'true' : undefined}>
              繁體
            </a>
          </nav>
          <TrustedHtml as="span" html={KEEP_SCRIPT_END} />
          <a class="elder-toggle" href={elderHref} rel="nofollow">
            {chrome.elderMode ? ui.elderModeOff : ui.elderModeOn}
            <span class="visually-hidden">{ui.elderModeHint}</span>
          </a>
          <ReaderCorner script={script} />
        </div>
      </div>
      <Prerendered html={chrome.fragments.nav} />
    </header>
  );
}
