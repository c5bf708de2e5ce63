import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scrollableTables } from './scrollable-tables.js';

describe('scrollableTables', () => {
  it('puts each table in a named region that takes the focus, numbered in order', () => {
    const body = '<p>甲</p><table><tbody><tr><td>1</td></tr></tbody></table><table><tbody><tr><td>2</td></tr></tbody></table>';
    assert.equal(
      scrollableTables(body),
      '<p>甲</p><div class="article__table" role="region" tabindex="0" aria-label="表格 1（可左右滑动）"><table><tbody><tr><td>1</td></tr></tbody></table></div>' +
        '<div class="article__table" role="region" tabindex="0" aria-label="表格 2（可左右滑动）"><table><tbody><tr><td>2</td></tr></tbody></table></div>',
    );
  });

  it('leaves a body without tables, and escaped text that reads like one, as it is', () => {
    const body = '<p>写 &lt;table&gt; 的网页</p>';
    assert.equal(scrollableTables(body), body);
  });
});
