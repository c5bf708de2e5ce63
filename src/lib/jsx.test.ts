import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ComponentChildren, escapedOnce, Fragment, Html, jsx as h, rawHtml, renderedOnce } from './jsx.js';

// What `<a href={x}>{y}</a>` compiles to (tsconfig: jsxFactory jsx), written out: test files are .ts.
const html = (element: Html) => element.html;

describe('JSX to HTML', () => {
  it('escapes every string it is given, in text and in attributes, and nothing that is already Html', () => {
    const hostile = `"><script>alert('x')</script>&amp;`;
    assert.equal(
      html(h('a', { href: hostile, title: hostile }, hostile)),
      `<a href="&quot;>&lt;script>alert('x')&lt;/script>&amp;amp;" title="&quot;>&lt;script>alert('x')&lt;/script>&amp;amp;">&quot;>&lt;script>alert('x')&lt;/script>&amp;amp;</a>`,
    );
    assert.equal(html(h('p', null, rawHtml('<b>bold</b>'), '<b>')), '<p><b>bold</b>&lt;b></p>');
    assert.equal(html(h('p', { children: '<i>' })), '<p>&lt;i></p>');
    assert.equal(html(h('div', { dangerouslySetInnerHTML: { __html: '<p>已净化</p>' } })), '<div><p>已净化</p></div>');
  });

  it('writes attributes as preact did: true and "" bare, false and nothing left out, aria-* as text, camelCase lowercased', () => {
    assert.equal(
      html(h('input', { type: 'checkbox', checked: true, disabled: false, value: '', maxLength: 20, autoComplete: 'off', placeholder: undefined, name: null })),
      '<input type="checkbox" checked value maxlength="20" autocomplete="off"/>',
    );
    assert.equal(html(h('svg', { viewBox: '0 0 1 1', 'aria-hidden': true, 'data-open': false })), '<svg viewBox="0 0 1 1" aria-hidden="true" data-open="false"></svg>');
    assert.equal(html(h('label', { className: 'x', htmlFor: 'y', key: 1 }, 'z')), '<label class="x" for="y">z</label>');
    assert.throws(() => h('p', { 'onclick="x"': 1 }), /is not an attribute name/);
  });

  it('closes void elements, renders children of every kind and calls components with theirs', () => {
    const Card = ({ title, children }: { title: string; children?: ComponentChildren }) => h('li', null, h('h3', null, title), children);
    const Nothing = () => null;
    assert.equal(html(h('br', null)), '<br/>');
    assert.equal(html(h('div', null)), '<div></div>');
    assert.equal(
      html(h('ul', null, [h(Card, { title: '一' }, '甲', 0, [null, undefined, false, true, 2n]), h(Card, { title: '二' })], h(Nothing, null))),
      '<ul><li><h3>一</h3>甲02</li><li><h3>二</h3></li></ul>',
    );
    assert.equal(html(h(Fragment, null, 'a', h('b', null), '<')), 'a<b></b>&lt;');
    assert.ok(h(Fragment, null) instanceof Html);
  });

  it('writes text escaped once as it is, in text and in attributes, and renders a constant component once', () => {
    const json = escapedOnce(JSON.stringify({ a: '<&>"' }));
    assert.equal(html(h('body', { 'data-text': json }, json, 'x"y')), '<body data-text="{&quot;a&quot;:&quot;&lt;&amp;>\\&quot;&quot;}">{&quot;a&quot;:&quot;&lt;&amp;>\\&quot;&quot;}x&quot;y</body>');
    let renders = 0;
    const Sheet = renderedOnce(() => {
      renders += 1;
      return h('dialog', null, '举报');
    });
    assert.equal(html(h('main', null, h(Sheet, null), h(Sheet, null))), '<main><dialog>举报</dialog><dialog>举报</dialog></main>');
    assert.equal(renders, 1);
    assert.doesNotMatch(html(h('p', { 'data-x': rawHtml('" onclick="steal()') })), /onclick/, 'markup is no attribute value');
  });
});
