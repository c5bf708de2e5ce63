import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChineseDate, readReprintedPage } from './reprinted-page.js';

const PAGE_URL = 'https://news.example.cn/2026/0601/a123.html';

describe('readReprintedPage', () => {
  it('reads a NetEase-style page: og:title, article:published_time, 来源 and 记者 in the byline, the body in #endText', () => {
    const page = readReprintedPage({
      url: PAGE_URL,
      html: `<html><head><meta property="og:title" content="暴雨来袭 青溪启动防汛四级应急响应"><meta property="article:published_time" content="2026-06-01T08:30:00+08:00"></head>
<body><div class="post_info">2026-06-01 08:30:00　来源: 新华社 <a href="/">举报</a></div>
<div class="post_body" id="endText"><p>新华社杭州6月1日电（记者 周明 ）受强降雨影响，青溪县于6月1日启动防汛四级应急响应。</p>
<p>县防汛办提醒市民，雨天尽量减少外出，远离河道和低洼地带，注意出行安全。</p><p class="otitle">（原标题：青溪启动防汛应急响应）</p></div></body></html>`,
    });
    assert.ok(page);
    assert.equal(page.layout, 'news');
    assert.equal(page.title, '暴雨来袭 青溪启动防汛四级应急响应');
    assert.equal(page.sourceName, '新华社');
    assert.equal(page.publishedAt, '2026-06-01T00:30:00.000Z');
    assert.match(page.bodyHtml, /^<p>新华社杭州6月1日电/);
  });

  it('makes relative images and links absolute, so they still lead to the original', () => {
    const page = readReprintedPage({
      url: PAGE_URL,
      html: `<div id="artibody"><p>县里新修的图书馆开放了，周末去看书的市民络绎不绝，馆内座位几乎坐满。馆长说，下个月还将开放少儿阅览室和自习区，并延长周末的开放时间。</p>
<p><img src="../img/library.png" alt="图书馆"> <a href="/2026/0530/b.html">相关报道</a></p></div>`,
    });
    assert.ok(page);
    assert.match(page.bodyHtml, /src="https:\/\/news\.example\.cn\/2026\/img\/library\.png"/);
    assert.match(page.bodyHtml, /href="https:\/\/news\.example\.cn\/2026\/0530\/b\.html"/);
  });

  it('leaves out the heading that repeats the title when the container holds it', () => {
    const page = readReprintedPage({
      url: PAGE_URL,
      html: `<title>青溪老街改造完工_青溪网</title><div class="article"><h1>青溪老街改造完工</h1>
<p>历时八个月的老街改造工程近日完工，青石板路和沿街的木结构老屋都按原样修缮，街口新设了停车场和公共厕所。</p></div>`,
    });
    assert.ok(page);
    assert.equal(page.title, '青溪老街改造完工');
    assert.doesNotMatch(page.bodyHtml, /<h1/);
    assert.match(page.bodyHtml, /<p>历时八个月/);
  });

  it('finds no article in a page of links only', () => {
    const links = Array.from({ length: 30 }, (_, i) => `<p><a href="/a/${i}.html">第 ${i} 条新闻标题比较长的一条链接</a></p>`).join('');
    assert.equal(readReprintedPage({ url: PAGE_URL, html: `<html><body><div>${links}</div></body></html>` }), undefined);
  });

  it('never lets a meta tag make a field longer than the article takes', () => {
    const page = readReprintedPage({
      url: PAGE_URL,
      html: `<meta name="author" content="${'很长的作者'.repeat(50)}"><meta name="source" content="${'来源'.repeat(100)}"><title>${'标题'.repeat(200)}</title><article><p>${'正文内容'.repeat(30)}</p></article>`,
    });
    assert.ok(page);
    assert.deepEqual([[...page.title].length, [...(page.author ?? '')].length, [...page.sourceName].length], [200, 100, 100]);
  });
});

describe('parseChineseDate', () => {
  it('reads the ways Chinese pages write a time, as China time', () => {
    assert.equal(parseChineseDate('2026年6月1日 08:30'), '2026-06-01T00:30:00.000Z');
    assert.equal(parseChineseDate('发布时间：2026/06/01 8:30:15'), '2026-06-01T00:30:15.000Z');
    assert.equal(parseChineseDate('2026-06-01'), '2026-05-31T16:00:00.000Z');
    assert.equal(parseChineseDate('1781865000'), '2026-06-19T10:30:00.000Z');
    assert.equal(parseChineseDate('2026-06-01T08:30:00Z'), '2026-06-01T08:30:00.000Z');
    assert.equal(parseChineseDate('昨天'), null);
    assert.equal(parseChineseDate('2026-13-45'), null);
  });
});
