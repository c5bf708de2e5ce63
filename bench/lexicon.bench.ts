/**
 * The sensitive-word lexicon at the size the issue asks for: compile time of a
 * 50,000-entry list and screens per second of a 300-character comment, next to
 * the shipped default list.
 *
 *   node --import tsx bench/lexicon.bench.ts          (BENCH_ENTRIES, BENCH_SECONDS)
 *
 * Two synthetic lists (see syntheticEntries), a realistic one and a worst case,
 * then the time to screen long articles, which staff are warned about on save.
 * Not run by the tests; numbers go in the PR.
 */
import {
  compileLexicon,
  type LexiconEntry,
  lexiconKey,
  loadDefaultLexicon,
  normalizeForMatching,
  screenText,
} from '../src/text/index.js';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 50_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);

// A fixed-seed generator (mulberry32), so every run screens the same text.
let seed = 20_240_501;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const everyday = [...'今天我们去开发区看了新建的公园，环境很好，孩子们玩得很开心。希望政府多建这样的地方，停车位再多一些就更好了！市民都说发展真快'];
const comment = (extra: string): string => {
  let text = extra;
  while (text.length < 300) text += pick(everyday);
  return text.slice(0, 300);
};
const cleanComment = comment('');
const spamComment = comment('婷 婷免費中文字幕😀ＡＶ在线 加V：abc123 傻_逼 ');

/**
 * `related` terms draw 70% of their characters from the comments' own, so the
 * automaton keeps following partial matches and finds hundreds of hits: a
 * worst case. `unrelated` terms are random common ideographs, like a real list.
 */
function syntheticEntries(count: number, related: boolean): LexiconEntry[] {
  const terms = new Map<string, string>();
  while (terms.size < count) {
    let term = '';
    const length = 2 + Math.floor(random() * 5);
    for (let i = 0; i < length; i++) {
      term += related && random() < 0.7 ? pick(everyday) : String.fromCodePoint(0x4e00 + Math.floor(random() * 6000));
    }
    const key = lexiconKey(term);
    if (key !== '') terms.set(key, term);
  }
  return [...terms.values()].map((term) => ({ term, action: pick(['reject', 'hold', 'flag', 'mask'] as const) }));
}

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
}

function screensPerSecond(run: () => unknown): number {
  for (let i = 0; i < 200; i++) run();
  let count = 0;
  const until = performance.now() + SECONDS * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < 50; i++) run();
    count += 50;
  }
  return count / SECONDS;
}

const [, tableMs] = timed(() => normalizeForMatching('發'));
const [defaults, defaultMs] = timed(() => compileLexicon(loadDefaultLexicon()));
const [unrelated, unrelatedMs] = timed(() => compileLexicon(syntheticEntries(ENTRIES, false)));
const [related, relatedMs] = timed(() => compileLexicon(syntheticEntries(ENTRIES, true)));

console.log(`traditional→simplified table, first use: ${tableMs.toFixed(0)} ms`);
console.log(`compile default lexicon (${defaults.size} terms): ${defaultMs.toFixed(1)} ms`);
console.log(`compile ${unrelated.size} unrelated terms: ${unrelatedMs.toFixed(0)} ms (normalizing included)`);
console.log(`compile ${related.size} related terms: ${relatedMs.toFixed(0)} ms`);
console.log(`heap after both: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
const cases: Array<[string, () => unknown]> = [
  ['normalize only', () => normalizeForMatching(cleanComment)],
  ['default, clean comment', () => screenText(defaults, cleanComment)],
  ['default, spam comment', () => screenText(defaults, spamComment)],
  ['50k unrelated, clean comment', () => screenText(unrelated, cleanComment)],
  ['50k unrelated, spam comment', () => screenText(unrelated, spamComment)],
  ['50k related, clean comment', () => screenText(related, cleanComment)],
];
console.table(
  cases.map(([label, run]) => {
    const perSecond = screensPerSecond(run);
    return { case: label, 'screens/s': Math.round(perSecond), 'µs each': Number((1e6 / perSecond).toFixed(1)) };
  }),
);
console.log(`300-character comments; hits with 50k related terms: ${screenText(related, cleanComment).hits.length}`);

for (const length of [10_000, 100_000]) {
  const article = comment('').repeat(Math.ceil(length / 300)).slice(0, length);
  const [result, ms] = timed(() => screenText(defaults, article));
  console.log(`${length}-character article, default lexicon: ${ms.toFixed(0)} ms, verdict ${result.verdict}`);
}
