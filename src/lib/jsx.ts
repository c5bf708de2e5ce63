import type { JSX as ElementTypes } from 'preact';

/**
 * The views' JSX, written straight to HTML strings: `jsx` (tsconfig's jsxFactory)
 * turns an element into its markup the moment it is made, and a component is
 * called as it is met, so a page is one pass with no tree in between.
 *
 * Hand-written because the libraries that do this either build a tree first and
 * render it after (preact with preact-render-to-string, used before: the render
 * was a fifth of a rendered article's CPU in a profile, 12% now, and the page
 * takes about a tenth less, see bench/README.md) or leave text unescaped unless
 * each place asks for it (@kitajs/html), where one forgotten place is a hole.
 * Here every string is escaped unless it arrives as Html, which only elements,
 * rawHtml and escapedOnce make.
 *
 * The markup is preact-render-to-string's, so pages read as before: `"`, `&` and
 * `<` escaped; an attribute that is true or '' written bare and one that is
 * false, null or undefined left out; `aria-*`/`data-*` values as strings; void
 * elements closed with `/>`; camelCased HTML attributes (maxLength) lowercased.
 * What preact also did and no view uses is left out: style objects, `value` on
 * select and textarea, hyphenating SVG's camelCase (strokeWidth), preferring
 * `class` to `className` when both are given.
 * Element and attribute types are preact's (a development dependency only).
 */
export class Html {
  constructor(readonly html: string) {}
}

/** Markup written out as it is: only for HTML bendi produced or sanitized itself (see TrustedHtml). */
export function rawHtml(html: string): Html {
  return new Html(html);
}

/** What escapedOnce makes: the one Html an attribute writes as it is, as it holds no `"` (markup may). */
class EscapedText extends Html {}

/**
 * Text escaped once, for a child or an attribute's value that is the same on
 * every page: escaping goes through it character by character when it holds
 * `"&<`, as JSON does (the page script's texts on <body>).
 */
export function escapedOnce(text: string): Html {
  return new EscapedText(escapeText(text));
}

/**
 * A component that takes nothing and reads nothing that changes, rendered at
 * its first use and written as that one string from then on: a page builds
 * only what differs from the last.
 */
export function renderedOnce(component: () => Html): () => Html {
  let markup: Html | undefined;
  return () => (markup ??= component());
}

export type ComponentChild = Html | string | number | bigint | boolean | null | undefined;
export type ComponentChildren = ComponentChild | readonly ComponentChildren[];

type Props = Record<string, unknown> & { children?: ComponentChildren; dangerouslySetInnerHTML?: { __html: string } };
type Component = (props: never) => Html | null;

export function jsx(type: string | Component, props: Props | null, ...children: ComponentChildren[]): Html {
  if (typeof type === 'function') {
    // Every call gets its own props, written at the call site (`{ a, ...b }` too), so they can take the children.
    const componentProps: Props = props ?? {};
    if (children.length > 0) componentProps.children = children.length === 1 ? children[0] : children;
    return (type as (props: Props) => Html | null)(componentProps) ?? EMPTY;
  }
  let markup = `<${type}`;
  let inner = '';
  if (props !== null) {
    for (const name in props) {
      const value = props[name];
      if (name === 'children') {
        if (children.length === 0) inner = markupOf(value as ComponentChildren);
      } else if (name === 'dangerouslySetInnerHTML') inner = (value as { __html: string } | null)?.__html ?? '';
      else if (name !== 'key' && name !== 'ref') markup += attribute(name, value);
    }
  }
  for (const child of children) inner += markupOf(child);
  if (inner === '' && VOID_ELEMENTS.has(type)) return new Html(`${markup}/>`);
  return new Html(`${markup}>${inner}</${type}>`);
}

export function Fragment({ children }: { children?: ComponentChildren }): Html {
  return new Html(markupOf(children));
}

const EMPTY = new Html('');

function markupOf(child: ComponentChildren): string {
  if (typeof child === 'string') return escapeText(child);
  if (child instanceof Html) return child.html;
  if (child === null || child === undefined || typeof child === 'boolean') return '';
  if (typeof child === 'number' || typeof child === 'bigint') return String(child);
  let markup = '';
  for (const each of child) markup += markupOf(each);
  return markup;
}

function attribute(name: string, value: unknown): string {
  const attributeName = attributeNames.get(name) ?? nameOfAttribute(name);
  // aria-* and data-* take "true"/"false" as text; a false elsewhere means no attribute.
  if (attributeName[4] === '-' && typeof value === 'boolean') value = String(value);
  if (value === null || value === undefined || value === false || typeof value === 'function') return '';
  if (value === true || value === '') return ` ${attributeName}`;
  return ` ${attributeName}="${value instanceof EscapedText ? value.html : escapeText(String(value))}"`;
}

/** JSX's spelling of an attribute → HTML's, remembered: a page writes the same few hundred names again and again. */
const attributeNames = new Map<string, string>();

function nameOfAttribute(name: string): string {
  if (UNSAFE_NAME.test(name)) throw new TypeError(`"${name}" is not an attribute name`);
  const attributeName =
    name === 'className' ? 'class' : name === 'htmlFor' ? 'for' : CASE_SENSITIVE.has(name) ? name : name.toLowerCase();
  attributeNames.set(name, attributeName);
  return attributeName;
}

const UNSAFE_NAME = /[\s\\/='"\0<>]/;
/** SVG's camelCased attributes, which HTML's parser keeps as they are written. */
const CASE_SENSITIVE = new Set(['viewBox', 'preserveAspectRatio']);
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

const NEEDS_ESCAPING = /["&<]/;

function escapeText(text: string): string {
  const first = text.search(NEEDS_ESCAPING);
  if (first === -1) return text;
  let escaped = '';
  let from = 0;
  for (let at = first; at < text.length; at++) {
    const entity = ENTITIES[text.charCodeAt(at)];
    if (entity === undefined) continue;
    escaped += text.slice(from, at) + entity;
    from = at + 1;
  }
  return escaped + text.slice(from);
}

const ENTITIES: Record<number, string> = { 34: '&quot;', 38: '&amp;', 60: '&lt;' };

// The types TypeScript checks JSX against, found through the factory's name (jsxFactory: jsx).
export declare namespace jsx {
  namespace JSX {
    type Element = Html;
    interface ElementChildrenAttribute {
      children: unknown;
    }
    interface IntrinsicAttributes {
      key?: string | number;
    }
    interface IntrinsicElements extends ElementTypes.IntrinsicElements {}
  }
}
