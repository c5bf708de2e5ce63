import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dropShortcodes, findImages, replaceImages } from './post-body.js';

// Each of 200,000 characters (a body at its limit) took seconds when every attempt ran on to the end of the body.
const LONGEST_BODY = 200_000;

describe('dropShortcodes', () => {
  it('drops the brackets of shortcodes and keeps what they wrap and notes in brackets', () => {
    assert.equal(dropShortcodes('[caption id="a" width="300"]<img src="a.jpg"> 图注[/caption][gallery ids="1,2"/][1][注]'), '<img src="a.jpg"> 图注[1][注]');
  });

  it('reads a body of unclosed shortcodes in time linear in its length', () => {
    const body = '[a '.repeat(LONGEST_BODY / 3);
    assert.equal(dropShortcodes(body), body);
  });
});

describe('findImages and replaceImages', () => {
  const html = '<p><img src="/a.jpg" alt="甲 &lt; 乙"> 和 <img alt="丙" src=\'/b.png\'></p>';

  it('finds each <img> with its address and decoded text alternative, and replaces it', () => {
    assert.deepEqual(
      findImages(html).map(({ src, alt }) => [src, alt]),
      [['/a.jpg', '甲 < 乙'], ['/b.png', '丙']],
    );
    assert.equal(replaceImages(`${html}<img src="/c.gif"`, (image) => ({ kind: 'link', url: image.src, text: image.alt })), '<p><a href="/a.jpg">甲 &lt; 乙</a> 和 <a href="/b.png">丙</a></p><img src="/c.gif"');
  });

  it('reads a body of unclosed <img in time linear in its length', () => {
    const body = '<img '.repeat(LONGEST_BODY / 5);
    assert.deepEqual(findImages(`<img src="/a.jpg">${body}`).map((image) => image.src), ['/a.jpg']);
    assert.equal(replaceImages(body, () => ({ kind: 'drop' })), body);
  });
});
