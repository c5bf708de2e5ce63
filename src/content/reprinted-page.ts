import { DomUtils, parseDocument } from 'htmlparser2';
import { MAX_TITLE_CHARS } from './article.js';

type Node = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<Node, { attribs: Record<string, string> }>;

/** Which reading of the page found the article: WeChat's own layout, a news site's, or the text-density fallback. */
export type PageLayout = 'wechat' | 'news' | 'readability';

/** An article as another site published it, ready to become a reprint's draft. */
export interface ReprintedPage {
  layout: PageLayout;
  title: string;
  author: string | null;
  /** 来源: the 公众号, the newspaper or site that published it. */
  sourceName: string;
  /** ISO time, when the page tells it. */
  publishedAt: string | null;
  /**
   * The article's markup as the page has it, its addresses made absolute: still
   * to be checked against the body limits and cleaned as a paste is
   * (cleanPasteInWorker), since a page's container can be megabytes.
   */
  bodyHtml: string;
}

/**
 * News sites' article containers, most specific first: Sina (artibody),
 * NetEase (post_body, endText), People's Daily (rm_txt_con), Xinhua (detail),
 * the TRS publishing system of government and newspaper sites (TRS_Editor,
 * zoom), then generic names and markup.
 */
const NEWS_BODIES = [
  '#artibody', '.article-content', '.post_body', '#endText', '.rm_txt_con', '#detail', '.TRS_Editor', '#zoom',
  '[itemprop=articleBody]', '.article_content', '.content_area', '#content', '.content', '.article', 'article',
];

/** A body is a container with at least this much text: a teaser or a menu is not an article. */
const MIN_BODY_CHARS = 60;

/** 2024-05-30 10:20, 2024年5月30日 10:20:05, 2024/05/30 (China time: the sites are Chinese). */
const DATE_TIME = /(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?/;

/** A byline name: a few characters, no punctuation (作者：张三 李四 stops before the next label). */
const NAME = '([\\p{Script=Han}A-Za-z·• ]{2,20}?)';
const AUTHOR_LABELS = [new RegExp(`(?:作者|文)\\s*[：:|｜]\\s*${NAME}(?=\\s|$|[，,。|｜/]|来源|编辑|发布)`, 'u'), new RegExp(`记者\\s*[：:]?\\s*${NAME}(?=\\s|$|[，,。|｜/]|来源|编辑|通讯员|报道)`, 'u')];
const SOURCE_LABEL = /来源\s*[：:]\s*([^\s|｜，,。]{2,30})/;

const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template']);

const text = (node: Node | Node[] | null | undefined) => (node ? DomUtils.textContent(node).replace(/\s+/g, ' ').trim() : '');

function metaContents(document: Node[]): Map<string, string> {
  const metas = new Map<string, string>();
  for (const meta of DomUtils.getElementsByTagName('meta', document)) {
    const key = (meta.attribs.property ?? meta.attribs.name ?? meta.attribs.itemprop ?? '').toLowerCase();
    const content = meta.attribs.content?.trim();
    if (key && content && !metas.has(key)) metas.set(key, content);
  }
  return metas;
}

/** The first element a simple selector names: `#id`, `.class`, `[attr=value]` or a tag name. */
function select(selector: string, nodes: Node[]): Element | null {
  const matches = selectorTest(selector);
  return DomUtils.findOne(matches, nodes, true);
}

function selectorTest(selector: string): (element: Element) => boolean {
  if (selector.startsWith('#')) return (e) => e.attribs.id === selector.slice(1);
  if (selector.startsWith('.')) return (e) => (e.attribs.class ?? '').split(/\s+/).includes(selector.slice(1));
  const attribute = /^\[([\w-]+)=([\w-]+)\]$/.exec(selector);
  if (attribute) return (e) => e.attribs[attribute[1]!] === attribute[2];
  return (e) => e.name === selector;
}

/** A date as the page writes it, in China time, as an ISO instant. */
export function parseChineseDate(value: string): string | null {
  const trimmed = value.trim();
  if (/^\d{10}$/.test(trimmed)) return new Date(Number(trimmed) * 1000).toISOString();
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) {
    const date = new Date(trimmed);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  const match = DATE_TIME.exec(trimmed);
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  const pad = (n: string) => n.padStart(2, '0');
  const date = new Date(`${year}-${pad(month!)}-${pad(day!)}T${pad(hour)}:${pad(minute)}:${pad(second)}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A value WeChat's page script sets: `var ct = "1717034400";`, `var nickname = htmlDecode("青溪发布");`. */
function scriptValue(scripts: string, name: string): string | null {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:htmlDecode\\()?\\s*(["'])(.*?)\\1`).exec(scripts);
  return match?.[2]?.trim() || null;
}

/**
 * Relative addresses made absolute against the page's, so images and links
 * still lead somewhere once the body leaves the page; WeChat's lazy images
 * keep theirs in data-src.
 */
function absolutizeAddresses(root: Element, pageUrl: string): void {
  for (const element of DomUtils.findAll((e) => e.name === 'img' || e.name === 'a', root.children)) {
    for (const attribute of ['src', 'data-src', 'data-original', 'href']) {
      const value = element.attribs[attribute]?.trim();
      if (!value || value.startsWith('data:') || value.startsWith('#')) continue;
      try {
        element.attribs[attribute] = new URL(value, pageUrl).href;
      } catch {
        delete element.attribs[attribute];
      }
    }
  }
}

/** Characters of readable text, links left out: menus and link lists score nothing. */
function ownTextWeight(element: Element): number {
  const all = text(element).length;
  const links = DomUtils.getElementsByTagName('a', element.children).reduce((sum, a) => sum + text(a).length, 0);
  return all - links * 2;
}

/**
 * The readability fallback: the container whose paragraphs hold the most
 * text, links counted against it. Paragraphs vote for their parent, so the
 * article's own box wins over the page around it.
 */
function densestContainer(document: Node[]): Element | null {
  const scores = new Map<Element, number>();
  for (const paragraph of DomUtils.getElementsByTagName('p', document)) {
    const parent = paragraph.parent as Element | null;
    if (!parent || !('attribs' in parent)) continue;
    const weight = ownTextWeight(paragraph);
    if (weight < 10) continue;
    scores.set(parent, (scores.get(parent) ?? 0) + weight);
  }
  let best: Element | null = null;
  let bestScore = MIN_BODY_CHARS;
  for (const [element, score] of scores) {
    if (score > bestScore) [best, bestScore] = [element, score];
  }
  return best;
}

function newsBody(document: Node[]): Element | null {
  for (const selector of NEWS_BODIES) {
    const test = selectorTest(selector);
    const found = DomUtils.findAll(test, document).find((e) => ownTextWeight(e) >= MIN_BODY_CHARS);
    if (found) return found;
  }
  return null;
}

/** The page title without the site name that news sites append (标题_青溪网, 标题 - 青溪日报, 标题｜澎湃新闻). */
const withoutSiteSuffix = (title: string) => title.split(/\s*(?:_|\s-\s|｜|\|)\s*/)[0]!.trim();

function pageTitle(document: Node[], metas: Map<string, string>): string {
  const heading = text(select('h1', document));
  return metas.get('og:title') ?? metas.get('articletitle') ?? (heading || withoutSiteSuffix(text(select('title', document))));
}

/** The line of small print above a news article (来源：… 作者：… 2024-05-30 10:20): the text outside its body, before it. */
function textBefore(body: Element, document: Node[]): string {
  const all = text(document);
  const start = all.indexOf(text(body).slice(0, 30));
  return start > 0 ? all.slice(Math.max(0, start - 400), start) : all.slice(0, 2000);
}

function readWechat(content: Element, document: Node[], metas: Map<string, string>): Omit<ReprintedPage, 'bodyHtml'> {
  const scripts = DomUtils.getElementsByTagName('script', document).map((s) => text(s.children)).join('\n');
  const time = scriptValue(scripts, 'ct') ?? scriptValue(scripts, 'createTime') ?? scriptValue(scripts, 'publish_time') ?? text(select('#publish_time', document));
  return {
    layout: 'wechat',
    title: text(select('#activity-name', document)) || metas.get('og:title') || scriptValue(scripts, 'msg_title') || '',
    author: metas.get('author') ?? (text(select('#js_author_name', document)) || null),
    sourceName: text(select('#js_name', document)) || scriptValue(scripts, 'nickname') || metas.get('og:site_name') || '微信公众号',
    publishedAt: time ? parseChineseDate(time) : null,
  };
}

function readNews(body: Element, document: Node[], metas: Map<string, string>, pageUrl: string, layout: PageLayout): Omit<ReprintedPage, 'bodyHtml'> {
  const byline = textBefore(body, document);
  const timeMeta = ['article:published_time', 'pubdate', 'publishdate', 'publish_time', 'og:release_date', 'datepublished'].map((k) => metas.get(k)).find(Boolean);
  const timeElement = DomUtils.findOne((e) => e.name === 'time' && Boolean(e.attribs.datetime), document)?.attribs.datetime;
  const authorMeta = metas.get('article:author') ?? metas.get('author');
  return {
    layout,
    title: pageTitle(document, metas),
    author: authorMeta ?? AUTHOR_LABELS.map((label) => label.exec(byline)?.[1]?.trim()).find(Boolean) ?? null,
    sourceName:
      metas.get('source') ?? metas.get('contentsource') ?? SOURCE_LABEL.exec(byline)?.[1] ?? metas.get('og:site_name') ?? metas.get('sitename') ?? new URL(pageUrl).hostname,
    publishedAt: parseChineseDate(timeMeta ?? timeElement ?? byline) ?? null,
  };
}

/**
 * Reads an article out of another site's page: a WeChat 公众号 article by its
 * own layout (js_content, the 公众号 name, `var ct` for the time), a news
 * page by the containers and bylines Chinese news sites use, any other page
 * by where its paragraphs are densest. Undefined when the page holds no
 * article. Runs in a worker (text-work.ts).
 */
export function readReprintedPage({ html, url }: { html: string; url: string }): ReprintedPage | undefined {
  const document = parseDocument(html).children;
  const metas = metaContents(document);
  const wechat = select('#js_content', document);
  // Scripts hold WeChat's facts (read above); elsewhere their text would only confuse the search for bylines.
  if (!wechat) for (const code of DomUtils.findAll((e) => NOT_TEXT.has(e.name), document)) DomUtils.removeElement(code);
  const news = wechat ? null : newsBody(document);
  const body = wechat ?? news ?? densestContainer(document);
  if (!body) return undefined;
  const facts = wechat ? readWechat(wechat, document, metas) : readNews(body, document, metas, url, news ? 'news' : 'readability');
  absolutizeAddresses(body, url);
  // The draft has its own title: the original's heading, when its container holds it, would say it twice.
  for (const heading of DomUtils.findAll((e) => e.name === 'h1' && text(e) === facts.title.trim(), body.children)) DomUtils.removeElement(heading);
  // As long as the article's fields take (see articleInputSchema): a page's meta tags can say anything.
  const clip = (value: string, length: number) => [...value].slice(0, length).join('');
  return {
    ...facts,
    title: clip(facts.title, MAX_TITLE_CHARS),
    author: facts.author && clip(facts.author, 100),
    sourceName: clip(facts.sourceName, 100),
    // Characters as themselves, not as &#x…; entities, which would make a Chinese body eight times as long against the limits.
    bodyHtml: DomUtils.getInnerHTML(body, { encodeEntities: 'utf8' }),
  };
}
