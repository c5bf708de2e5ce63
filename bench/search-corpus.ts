/**
 * A corpus of local news in simplified Chinese for the search benchmark: titles,
 * summaries and bodies assembled from the phrases a county portal prints, with
 * place and person names drawn so that some are common (the county seat, its
 * party secretary) and most are rare (a village, a shopkeeper), as in life.
 * Deterministic: the same seed gives the same corpus.
 */
const COUNTY = ['青溪县', '青溪'];
const TOWNS = ['溪口镇', '沙湾镇', '石门镇', '双河口乡', '桃花岭乡', '龙潭镇', '白鹭洲街道', '城关镇', '黄泥坳乡', '三岔河镇', '金竹坪乡', '马鞍山镇'];
const VILLAGES = ['桐子坪村', '龙潭坝村', '石门坎村', '杨柳湾村', '枫树岭村', '大水井村', '新华村', '红旗村', '梨树沟村', '茶园村', '竹林村', '高坪村', '鹰嘴岩村', '清水塘村', '柏杨坪村', '河坝村'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '建国华明军平志强伟芳秀英丽敏静海波玉兰春梅小红德胜文杰俊峰永福金山桂花雪松振宇晓东丽娟国庆红梅子涵浩然欣怡';
const ROLES = ['县委书记', '县长', '副县长', '镇党委书记', '镇长', '村党支部书记', '村委会主任', '校长', '院长', '志愿者', '种植大户', '退休教师', '社区网格员'];
const TOPICS = [
  ['乡村振兴', '产业发展', '特色种植', '茶叶', '猕猴桃', '脐橙', '合作社', '电商直播'],
  ['道路', '大桥', '通车', '修路', '硬化', '公路', '隧道', '交通'],
  ['学校', '开学', '高考', '图书馆', '义务教育', '营养午餐', '教师节'],
  ['医院', '义诊', '疫苗接种', '医保', '家庭医生', '健康体检'],
  ['防汛', '暴雨', '抢险', '地质灾害', '转移群众', '应急演练'],
  ['文化', '非遗', '龙舟赛', '庙会', '民俗', '山歌', '广场舞'],
  ['招商引资', '项目签约', '工业园区', '就业', '招聘会', '返乡创业'],
  ['环境整治', '垃圾分类', '河长制', '植树造林', '污水处理', '人居环境'],
];
const OPENINGS = ['近日，', '日前，', '本报讯 ', '昨天上午，', '11月20日，', '今年以来，', '记者从有关部门获悉，'];
const SENTENCES = [
  '{place}召开{topic}工作推进会，{person}出席会议并讲话。',
  '{person}表示，要把{topic}作为当前的重点工作，确保各项任务落到实处。',
  '据了解，{place}今年共投入资金{n}万元，用于{topic}和{topic}。',
  '在{village}，记者看到{topic}现场一片繁忙，村民们干劲十足。',
  '“{topic}让我们的日子越过越好。”{village}村民{name}高兴地说。',
  '截至目前，全县已完成{topic}项目{n}个，惠及群众{n}余户。',
  '下一步，{place}将继续加大{topic}力度，推动{topic}高质量发展。',
  '活动吸引了周边{n}多名群众参加，现场气氛热烈。',
  '{person}一行深入{village}，实地察看{topic}情况，听取意见建议。',
  '据介绍，该项目总投资{n}万元，建成后将有效改善{village}群众的出行条件。',
];

/** mulberry32: small, fast and good enough for test data. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CorpusArticle {
  title: string;
  summary: string;
  bodyHtml: string;
  /** 0-based index of the category (one per topic). */
  category: number;
  /** Days before now. */
  ageDays: number;
}

export const CORPUS_CATEGORIES = TOPICS.length;

export function corpus(count: number, seed = 20261201): () => CorpusArticle {
  const random = generator(seed);
  // Skewed picks: the first entries of a list come up far more often than the last.
  const pick = <T>(list: readonly T[], skew = 1): T => list[Math.floor(random() ** skew * list.length)]!;
  const name = () => pick([...SURNAMES]) + pick([...GIVEN]) + (random() < 0.5 ? pick([...GIVEN]) : '');
  let made = 0;
  return () => {
    const topic = Math.floor(random() * TOPICS.length);
    const words = TOPICS[topic]!;
    const town = pick(TOWNS, 1.5);
    const village = pick(VILLAGES, 1.5);
    const person = `${pick(ROLES)}${name()}`;
    const fill = (template: string) =>
      template
        .replace(/\{place\}/g, () => (random() < 0.3 ? pick(COUNTY) : town))
        .replace(/\{village\}/g, () => (random() < 0.7 ? village : pick(VILLAGES)))
        .replace(/\{person\}/g, person)
        .replace(/\{name\}/g, name)
        .replace(/\{topic\}/g, () => pick(words))
        .replace(/\{n\}/g, () => String(1 + Math.floor(random() * 900)));
    const paragraphs = Array.from({ length: 4 + Math.floor(random() * 5) }, (_, i) => {
      const sentences = Array.from({ length: 2 + Math.floor(random() * 3) }, () => fill(pick(SENTENCES)));
      return `<p>${i === 0 ? pick(OPENINGS) : ''}${sentences.join('')}</p>`;
    });
    made += 1;
    return {
      title: fill(pick(['{place}{topic}取得新进展', '{village}：{topic}带来新变化', '{person}到{place}调研{topic}工作', '{place}举办{topic}活动', '{village}{topic}项目开工'])),
      summary: fill(pick(SENTENCES)),
      bodyHtml: paragraphs.join(''),
      category: topic,
      // Spread over three years, newest first as ids grow, like a portal's history.
      ageDays: ((count - made) / count) * 1095 + random(),
    };
  };
}
