import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MediaUse } from '../media/index.js';
import { mediaUsesPhrase } from './media-uses-phrase.js';

test('says where an image is used: articles counted, 专题 and ads by title (a 专题 with its places), settings by name', () => {
  const article = (articleId: number): MediaUse => ({ kind: 'article', articleId, title: `文章 ${articleId}`, status: 'published', places: ['lead'] });
  const cases: Array<[MediaUse[], string]> = [
    [[article(2), article(1)], '2 篇文章'],
    [[{ kind: 'ad', adId: 3, title: '车展门票' }], '广告「车展门票」'],
    [
      [article(1), { kind: 'topic', topicId: 4, title: '端午龙舟赛', status: 'draft', places: ['banner'] }, { kind: 'setting', setting: 'logoMediaId' }, { kind: 'setting', setting: 'articleQrMediaId' }],
      '1 篇文章、专题「端午龙舟赛」的头图、站点设置的网站标志（Logo）、文章底部二维码',
    ],
    [[{ kind: 'topic', topicId: 5, title: '春季车展', status: 'published', places: ['banner', 'intro'] }], '专题「春季车展」的头图和导语'],
    [[{ kind: 'topic', topicId: 6, title: '龙舟赛', status: 'draft', places: ['intro'] }], '专题「龙舟赛」的导语'],
    // A key an older version stored, which the settings form no longer names.
    [[{ kind: 'setting', setting: 'bannerMediaId' }], '站点设置的bannerMediaId'],
  ];
  for (const [uses, phrase] of cases) assert.equal(mediaUsesPhrase(uses), phrase);
});
