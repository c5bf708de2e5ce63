import { Fragment, jsx } from '../../lib/jsx.js';
import { ui } from '../messages.js';
import { inScript, paths } from '../urls.js';
import type { ChromeFragments, SiteChromeData } from './page-model.js';
import { SiteFooter } from './site-footer.js';

/**
 * Renders the chrome's parts that every page of a script shares, so a page
 * built for one reader (a cache miss, a staff page) renders only its own
 * content and the few links that name its address (rendering the footer,
 * the brand and the navigation took 2–9% of a rendered article page's time).
 * The caller keeps them as long as the site data they come from (see
 * site-chrome).
 *
 * `currentNav` is the navigation entry to mark as the current page: the
 * page's path when it is the home page or a top-level section, else ''.
 */
export function renderChromeFragments(chrome: SiteChromeData, currentNav: string): ChromeFragments {
  return {
    brandAndSearch: (<BrandAndSearch chrome={chrome} />).html,
    nav: (<SiteNav chrome={chrome} current={currentNav} />).html,
    footer: (<SiteFooter chrome={chrome} />).html,
  };
}

/** The navigation entry a page of this path marks as current (see renderChromeFragments). */
export function currentNavOf(chrome: Pick<SiteChromeData, 'nav' | 'path'>): string {
  const { path } = chrome;
  return path === paths.home() || chrome.nav.some((c) => c.href === path) ? path : '';
}

function BrandAndSearch({ chrome }: { chrome: SiteChromeData }) {
  const { settings, script } = chrome;
  return (
    <>
      <a class="site-brand" href={inScript(paths.home(), script)}>
        {chrome.logo && <img class="site-brand__logo" src={chrome.logo.src} width={36} height={36} alt="" />}
        <span class="site-brand__name">{settings.siteName}</span>
      </a>
      <form class="site-search" method="get" action={inScript(paths.search(), script)} role="search">
        <label for="site-search-q" class="visually-hidden">
          {ui.searchLabel}
        </label>
        <input id="site-search-q" type="search" name="q" maxLength={100} placeholder={ui.searchPlaceholder} />
        <button type="submit">{ui.search}</button>
      </form>
    </>
  );
}

function SiteNav({ chrome, current }: { chrome: SiteChromeData; current: string }) {
  const { script } = chrome;
  return (
    <nav class="site-nav" aria-label={ui.mainNav}>
      <ul>
        <li>
          <a href={inScript(paths.home(), script)} aria-current={current === paths.home() ? 'page' : undefined}>
            {ui.home}
          </a>
        </li>
        {chrome.nav.map((c) => (
          <li key={c.href}>
            <a href={inScript(c.href, script)} aria-current={current === c.href ? 'page' : undefined}>
              {c.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
