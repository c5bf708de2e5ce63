import { lazyPackage } from '../../lib/lazy-package.js';

const traditionalToSimplified = lazyPackage<typeof import('opencc-js/t2cn')>('opencc-js/t2cn');

// CJK Extension A and the Unified Ideographs block. Compatibility ideographs
// (F900–FAFF) never reach this table: NFKD maps them to unified ones first.
// Extension B and later change in only ~65 characters, none seen in spam, and
// would double the start-up cost, so they pass through as written.
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
];

let table: Map<number, string> | undefined;

/**
 * OpenCC converts by phrase, and a phrase may change length, which would break
 * the position map. Converting each character alone (one call over the whole
 * block, newline-separated so no phrase can span two characters) yields a
 * character table that never changes length. Built on first use (~70 ms).
 */
function buildTable(): Map<number, string> {
  const chars: string[] = [];
  for (const [first, last] of RANGES) {
    for (let cp = first; cp <= last; cp++) chars.push(String.fromCodePoint(cp));
  }
  // Taiwan-standard input also folds TW variants (裡/裏 → 里, 臺 → 台). The small t2cn build, built here
  // and dropped after: chinese-script.ts asks this table which characters are 繁體.
  const converted = traditionalToSimplified().Converter({ from: 'tw', to: 'cn' })(chars.join('\n')).split('\n');
  const result = new Map<number, string>();
  chars.forEach((char, i) => {
    const out = converted[i];
    // Keep a mapping only when it is one code point to one code point.
    if (out !== undefined && out !== char && [...out].length === 1) result.set(char.codePointAt(0)!, out);
  });
  // A few mappings chain (麼 → 么 → 幺): follow them to the end, or "什麼" and
  // "什么" would normalize differently.
  // The hop limit only guards against a cycle in some future dictionary.
  for (const [from, to] of result) {
    let end = to;
    for (let hops = 0; hops < 8 && result.has(end.codePointAt(0)!); hops++) end = result.get(end.codePointAt(0)!)!;
    result.set(from, end);
  }
  return result;
}

/** The simplified form of one character (given as a code point), or the character itself. */
export function simplifyChar(cp: number): string {
  table ??= buildTable();
  return table.get(cp) ?? String.fromCodePoint(cp);
}
