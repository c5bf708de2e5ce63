import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitizeArticleBody } from './sanitize-body.js';

describe('sanitizeArticleBody', () => {
  it('keeps the markup an article uses', () => {
    const html =
      '<h2>小标题</h2><p><strong>问：</strong><em>强调</em></p><ul><li>一</li></ul><blockquote>引用</blockquote>' +
      '<figure><img src="/media/a.jpg" alt="桥"><figcaption>图注</figcaption></figure>';
    const out = sanitizeArticleBody(html).html;
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
    it(`removes ${what}`, () => assert.doesNotMatch(sanitizeArticleBody(html).html, forbidden));
  }

  it('marks outbound links so the site does not vouch for them', () => {
    assert.match(sanitizeArticleBody('<a href="https://gov.example/x">原文</a>').html, /rel="noopener nofollow ugc"/);
  });

  it("keeps this site's own images with their srcset", () => {
    const html = '<img src="/media/2026/05/ab12.jpg" srcset="/media/2026/05/ab12-480.webp 480w, /media/2026/05/ab12-960.webp 960w" alt="桥">';
    const body = sanitizeArticleBody(html);
    assert.deepEqual(body.foreignImages, []);
    assert.match(body.html, /src="\/media\/2026\/05\/ab12.jpg" srcset="\/media\/2026\/05\/ab12-480.webp 480w, \/media\/2026\/05\/ab12-960.webp 960w"/);
  });

  const foreign: Array<[string, string, string]> = [
    ['an image on another host', '<img src="https://tracker.example/p.gif" alt="x">', 'https://tracker.example/p.gif'],
    ['a protocol-relative image', '<img src="//tracker.example/p.gif" alt="x">', '//tracker.example/p.gif'],
    ['a foreign srcset candidate', '<img src="/media/a.jpg" srcset="/media/a-480.webp 480w, http://tracker.example/p.gif 2x" alt="x">', 'http://tracker.example/p.gif'],
    ['a page of this site (a GET with side effects)', '<img src="/prefs/elder?on=1" alt="x">', '/prefs/elder?on=1'],
    ['a path climbing out of /media/', '<img src="/media/../admin" alt="x">', '/media/../admin'],
    ['a data: image', '<img src="data:image/png;base64,AAAA" alt="x">', 'data:image/png;base64,AAAA'],
  ];
  for (const [what, html, url] of foreign) {
    it(`leaves out and reports ${what}`, () => {
      const body = sanitizeArticleBody(html);
      assert.deepEqual(body.foreignImages, [url]);
      assert.doesNotMatch(body.html, /<img/);
    });
  }
});
