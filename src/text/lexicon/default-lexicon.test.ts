import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toTraditional } from '../chinese-script.js';
import { compileLexicon } from './compile-lexicon.js';
import { loadDefaultLexicon } from './default-lexicon.js';
import { screenText } from './screen-text.js';

const lexicon = compileLexicon(loadDefaultLexicon());
const screen = (text: string) => screenText(lexicon, text);

// The spam injected into the reference page: line 1 of seed/captured-article-page.txt,
// copied verbatim because the capture is not part of this repository.
const firstLine = '婷婷免费中文字幕|依人久久成人网站|影视先锋亚洲无码|久热无码av在线|久草视频成人在线|日韩欧美高清有无|香蕉男人AV久久|深夜福利精品佛山|色婷婷亚洲五月天|1313国产视频';
const phrases = firstLine.split('|');

const disguises: Array<[string, (phrase: string) => string]> = [
  ['as captured', (p) => p],
  ['in traditional characters', toTraditional],
  ['spaced out', (p) => [...p].join(' ')],
  ['with underscores', (p) => [...p].join('_')],
  ['with zero-width spaces', (p) => [...p].join('\u200b')],
  ['with emoji', (p) => [...p].join('😀')],
  ['in full-width forms', (p) => p.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))],
  ['traditional, dotted and upper case', (p) => [...toTraditional(p).toUpperCase()].join('.')],
];

describe('default lexicon: the captured spam', () => {
  it('has ten phrases to catch', () => assert.equal(phrases.length, 10));

  for (const [name, disguise] of disguises) {
    it(`rejects every phrase ${name}`, () => {
      for (const phrase of phrases) {
        const text = `好文章${disguise(phrase)}顶一下`;
        assert.equal(screen(text).verdict, 'reject', text);
      }
    });
  }

  it('rejects the whole injected line', () => assert.equal(screen(firstLine).verdict, 'reject'));

  it('rejects the disguises named in the issue', () => {
    for (const text of ['婷 婷免费中文字幕', '婷_婷免费中文字幕', '婷\u200b婷免费中文字幕', '婷😀婷免费中文字幕', 'ＡＶ在线', '影視先鋒亞洲無碼']) {
      assert.equal(screen(text).verdict, 'reject', text);
    }
  });
});

describe('default lexicon: everyday local news stays clean', () => {
  const clean = [
    '记者 王婷婷 报道',
    '志愿者李婷婷免费为社区老人理发',
    '荷花开得婷婷玉立',
    '成人教育招生简章',
    '2024年成人高考报名即将开始',
    '学校为18岁学生举办成人礼',
    '成人在线教育平台上线',
    '今年香蕉价格持续走低',
    '香蕉种植基地喜获丰收',
    '五月天演唱会门票开售',
    '五月的天气格外晴朗',
    '国产汽车销量再创新高',
    '国产大飞机C919首航',
    '推广国产视频会议系统',
    '开发区发展势头良好',
    '高新园区新增企业20家',
    '亚洲杯预选赛在我市举行',
    '亚洲无人机展开幕',
    '日韩游客数量明显增加',
    '欧美市场订单回暖',
    '产品远销欧美日韩等国家和地区',
    '福利院的孩子们收到了新年礼物',
    '打造社会福利精品工程',
    '精品课程展示活动',
    '深夜食堂开进老街',
    '深夜加班的医护人员收到了暖心夜宵',
    '全市召开视频会议部署防汛工作',
    '社区组织老年人免费体检',
    '中文字幕版电影今日上映',
    '看完这篇报道，久久不能平静',
    '无码人员可凭身份证登记',
    '市民之家办证大厅延长服务时间',
    '税务局代开发票可以网上办理',
    '公积金贷款审批提速',
    '警方提醒：谨防电信诈骗',
    'Java在线编程培训班开课',
    'A片区安置房今年交付',
    '学校采购了一批AV设备',
    '金店推出彩金首饰优惠',
    '小区棋牌室噪音扰民',
    '这件事我操心了好几天',
    '他妈的确很辛苦',
    '西藏尼玛县对口支援',
  ];
  for (const text of clean) {
    it(text, () => assert.deepEqual(screen(text).hits, []));
  }
});

describe('default lexicon: borderline text goes to a moderator, never refused', () => {
  const borderline: Array<[string, 'hold' | 'flag']> = [
    ['加微信群了解活动详情', 'hold'],
    ['举报一个成人网站', 'hold'],
    ['警惕刷单返利类诈骗', 'flag'],
    ['公积金贷款秒批', 'flag'],
    ['警方捣毁一个网赌窝点', 'flag'],
    ['成绩出色，婷婷获得第一名', 'hold'],
    ['充满激情！视频拍得真好', 'hold'],
  ];
  for (const [text, verdict] of borderline) {
    it(`${text} → ${verdict}`, () => assert.equal(screen(text).verdict, verdict));
  }
});

describe('default lexicon: other spam and profanity', () => {
  const cases: Array<[string, 'reject' | 'hold' | 'flag']> = [
    ['澳门线上赌场，注册送彩金', 'reject'],
    ['专业办假证，刻章办证', 'reject'],
    ['黑户贷款，当天到账', 'reject'],
    ['代开发票 加V：abc123', 'hold'],
    ['兼职日赚千元，加薇信', 'hold'],
    ['真人荷官在线发牌', 'reject'],
  ];
  for (const [text, verdict] of cases) {
    it(`${text} → ${verdict}`, () => assert.equal(screen(text).verdict, verdict));
  }

  it('masks profanity and publishes the rest', () => {
    const result = screen('你个傻 逼，他妈的什么玩意');
    assert.equal(result.verdict, 'clean');
    assert.equal(result.masked, '你个＊ ＊，＊＊＊什么玩意');
  });

  it('gives every reject entry a message for the writer', () => {
    for (const entry of loadDefaultLexicon().filter((e) => e.action === 'reject')) assert.ok(entry.message, entry.term);
  });
});
