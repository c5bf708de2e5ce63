import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bodyBlocks } from './body-blocks.js';
import { diffRevision } from './diff-revision.js';

describe('bodyBlocks', () => {
  it('reads a body as a reader sees it: paragraphs, headings, list items, quotes, table rows and images by 说明', () => {
    const html =
      '<h2>通车</h2><p>青溪<strong>大桥</strong>今日&amp;明日<br>通车。<img src="/media/2031/03/bridge.jpg?w=800" alt="大桥全景"></p>' +
      '<ul><li>一<ul><li>一之一</li></ul></li></ul><blockquote><p>引语</p></blockquote>' +
      '<table><tr><th>站</th><td>时间</td></tr></table><figure><img src="/m/a.png" alt=""><figcaption>图注</figcaption></figure>';
    assert.deepEqual(bodyBlocks(html), [
      { kind: 'heading', text: '通车' },
      { kind: 'paragraph', text: '青溪大桥今日&明日 通车。' },
      { kind: 'image', text: '大桥全景', image: 'bridge.jpg' },
      { kind: 'list', text: '一' },
      { kind: 'list', text: '一之一' },
      { kind: 'quote', text: '引语' },
      { kind: 'table', text: '站 时间' },
      { kind: 'image', text: '', image: 'a.png' },
      { kind: 'caption', text: '图注' },
    ]);
  });
});

describe('diffRevision', () => {
  const before = { title: '大桥通车', bodyHtml: '<p>第一段。</p><p>青溪大桥今日通车。</p><p>将删去的一段。</p><p><img src="/m/old.jpg" alt="大桥"></p>' };
  const after = { title: '青溪大桥通车', bodyHtml: '<p>第一段。</p><p>青溪大桥明日通车。</p><h2>新的小标题</h2><p><img src="/m/new.jpg" alt="大桥"></p>' };

  it('lines the blocks up side by side, marking the characters that changed inside an edited one', () => {
    const diff = diffRevision(before, after);
    assert.deepEqual(diff.title, [
      { kind: 'added', text: '青溪' },
      { kind: 'same', text: '大桥通车' },
    ]);
    assert.deepEqual(
      diff.rows.map((r) => [r.change, r.kind]),
      [
        ['same', 'paragraph'],
        ['changed', 'paragraph'],
        ['removed', 'paragraph'],
        ['added', 'heading'],
        ['changed', 'image'],
      ],
    );
    assert.deepEqual(diff.rows[1]!.before, [
      { kind: 'same', text: '青溪大桥' },
      { kind: 'removed', text: '今' },
      { kind: 'same', text: '日通车。' },
    ]);
    assert.deepEqual(diff.rows[1]!.after, [
      { kind: 'same', text: '青溪大桥' },
      { kind: 'added', text: '明' },
      { kind: 'same', text: '日通车。' },
    ]);
  });

  it('shows a block added or removed whole on its own side, and nothing for markup a reader does not see', () => {
    const diff = diffRevision({ title: 't', bodyHtml: '<p>甲</p><p>乙</p>' }, { title: 't', bodyHtml: '<p><b>甲</b></p><p>乙</p><p>丙</p>' });
    assert.deepEqual(
      diff.rows.map((r) => [r.change, r.before, r.after]),
      [
        ['same', [{ kind: 'same', text: '甲' }], [{ kind: 'same', text: '甲' }]],
        ['same', [{ kind: 'same', text: '乙' }], [{ kind: 'same', text: '乙' }]],
        ['added', null, [{ kind: 'added', text: '丙' }]],
      ],
    );
    assert.deepEqual(diffRevision({ title: 't', bodyHtml: '<p>甲</p>' }, { title: 't', bodyHtml: '' }).rows, [{ change: 'removed', kind: 'paragraph', before: [{ kind: 'removed', text: '甲' }], after: null }]);
  });

  it('shows a body rewritten in more blocks than it can align as removed, then added', () => {
    const many = (seed: string) => Array.from({ length: 1200 }, (_, i) => `<p>${seed}${i}</p>`).join('');
    const started = Date.now();
    const diff = diffRevision({ title: 't', bodyHtml: many('甲') }, { title: 't', bodyHtml: many('乙') });
    assert.ok(Date.now() - started < 1500, `${Date.now() - started} ms`);
    assert.equal(diff.rows.length, 2400);
    assert.ok(diff.rows.slice(0, 1200).every((r) => r.change === 'removed'));
  });
});
