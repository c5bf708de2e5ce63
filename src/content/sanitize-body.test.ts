import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitizeArticleBody } from './sanitize-body.js';

describe('sanitizeArticleBody', () => {
  it('keeps the markup an article uses', () => {
    const html =
      '<h2>小标题</h2><p><strong>问：</strong><em>强调</em></p><ul><li>一</li></ul><blockquote>引用</blockquote>' +
      '<figure><img src="/media/a.jpg" alt="桥"><figcaption>图注</figcaption></figure>';
    const out = sanitizeArticleBody(html);
    for (const fragment of ['<h2>小标题</h2>', '<strong>问：</strong>', '<em>强调</em>', '<li>一</li>', '<blockquote>引用</blockquote>', 'alt="桥"', '<figcaption>图注</figcaption>']) {
      assert.ok(out.includes(fragment), fragment);
    }
  });

  const attacks: Array<[string, string, RegExp]> = [
    ['a script element', '<p>正文</p><script>alert(1)</script>', /script|alert/],
    ['an event handler', '<img src="/a.jpg" alt="x" onerror="alert(1)">', /onerror/],
    ['a javascript: link', '<a href="javascript:alert(1)">点我</a>', /javascript/],
    ['a style element', '<style>body{display:none}</style><p>正文</p>', /style|display/],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', /iframe|evil/],
    ['inline styles hiding spam', '<p style="display:none">婷婷免费</p>', /style=/],
    ['a data: image', '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="x">', /data:|onload/],
    ['a form', '<form action="https://evil.example"><input name="p"></form>', /form|input/],
  ];
  for (const [what, html, forbidden] of attacks) {
    it(`removes ${what}`, () => assert.doesNotMatch(sanitizeArticleBody(html), forbidden));
  }

  it('marks outbound links so the site does not vouch for them', () => {
    assert.match(sanitizeArticleBody('<a href="https://gov.example/x">原文</a>'), /rel="noopener nofollow ugc"/);
  });
});
