import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cleanPastedHtml } from './clean-pasted-html.js';

const wechatPage = readFileSync(new URL('../../test/fixtures/paste/wechat-article.html', import.meta.url), 'utf8');

describe('cleanPastedHtml', () => {
  describe('a saved WeChat article', () => {
    const { html, images, removed } = cleanPastedHtml({ html: wechatPage });

    it('keeps the article: paragraphs, bold, images, a table, a list and its link', () => {
      for (const fragment of [
        '<p><strong>端午龙舟竞渡</strong></p>',
        '<p>6月19日上午，青溪县第十届龙舟赛在青溪大桥下游水域开赛，来自全县12个乡镇的24支队伍参加比赛。</p>',
        '<strong>城关镇代表队</strong>以2分08秒',
        '<img src="https://mmbiz.qpic.cn/mmbiz_jpg/AbCdEf123/640?wx_fmt=jpeg" alt="龙舟队员奋力划桨" />',
        '<th>组别</th>',
        '<a href="https://www.qingxi.gov.cn/notice/123" rel="noopener nofollow ugc">青溪大桥</a>',
        '<p>本文转载自“青溪发布”公众号。</p>',
      ]) {
        assert.ok(html.includes(fragment), fragment);
      }
    });

    it("loses the page around js_content, scripts, styles, classes, WeChat's sections and attributes, and empty spans", () => {
      assert.doesNotMatch(html, /<(section|span|div|script|style|mpvoice|h1)\b|class=|style=|data-|mp-|onclick|alert|placeholder\.png|2026-06-19 18:30/);
      assert.doesNotMatch(html, /<p><\/p>/);
    });

    it('loses hidden text and tracking pixels, and counts them', () => {
      assert.doesNotMatch(html, /青溪房价|红包|直播 下载|推广段落|hm\.baidu|pixel\.gif|appmsgreport/);
      assert.deepEqual(removed, { hiddenText: 4, trackingPixels: 2, pinyin: 0, keywordLines: 0 });
    });

    it("lists WeChat's lazy images (data-src, protocol-relative too) to be fetched, never its placeholders", () => {
      assert.deepEqual(images, [
        { src: 'https://mmbiz.qpic.cn/mmbiz_jpg/AbCdEf123/640?wx_fmt=jpeg', alt: '龙舟队员奋力划桨' },
        { src: 'https://mmbiz.qpic.cn/mmbiz_png/XyZ789/640?wx_fmt=png', alt: '' },
      ]);
    });
  });

  it('takes off pinyin and keyword lines, and converts to simplified on request', () => {
    const pasted = '<p>婷婷免费|依人久久|影视先锋|久热在线</p><p>當(dāng)前青溪(qīng xī)縣的發(fā)展</p>';
    assert.deepEqual(cleanPastedHtml({ html: pasted, simplified: true }), {
      html: '<p>当前青溪县的发展</p>',
      images: [],
      removed: { hiddenText: 0, trackingPixels: 0, pinyin: 3, keywordLines: 1 },
    });
    assert.equal(cleanPastedHtml({ html: pasted }).html, '<p>當前青溪縣的發展</p>');
  });

  it('turns plain text into escaped paragraphs', () => {
    assert.equal(cleanPastedHtml({ text: '第一段 <b>不是标签</b>\n\n第二(dì èr)段' }).html, '<p>第一段 &lt;b&gt;不是标签&lt;/b&gt;</p><p>第二段</p>');
  });

  it('drops the layout whitespace around blocks and keeps a run of 100,000 spaces in text, in time linear in its length', () => {
    assert.equal(cleanPastedHtml({ html: '<div>\n  <p> 青溪 </p>\n\t<p>新闻</p>\n</div>' }).html, '<p>青溪</p><p>新闻</p>');
    // Tried from each space of the run, the pattern for the whitespace before a block ran on to its end: 40,000 spaces took 2 s.
    const spaces = ' '.repeat(100_000);
    assert.equal(cleanPastedHtml({ html: `<p>青溪${spaces}新闻</p>` }).html, `<p>青溪${spaces}新闻</p>`);
  });

  it('reads !important in inline styles, in time linear in the spaces before it', () => {
    const spaces = ' '.repeat(100_000);
    const result = cleanPastedHtml({ html: `<p><span style="font-size: 0${spaces}!important">隐藏</span><span style="color: red${spaces}x">正文</span></p>` });
    assert.equal(result.html, '<p>正文</p>');
    assert.equal(result.removed.hiddenText, 1);
  });

  it('keeps own media images unlisted and drops images with no usable address', () => {
    const result = cleanPastedHtml({ html: '<p><img src="/media/2026/05/a.jpg" alt="桥"><img src="javascript:alert(1)"><img src="data:image/png;base64,AAAA"></p>' });
    assert.deepEqual(result, { html: '<p><img src="/media/2026/05/a.jpg" alt="桥" /></p>', images: [], removed: { hiddenText: 0, trackingPixels: 0, pinyin: 0, keywordLines: 0 } });
  });
});
