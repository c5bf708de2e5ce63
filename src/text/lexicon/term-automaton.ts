/**
 * An Aho–Corasick automaton over UTF-16 code units, held in typed arrays and
 * nothing else, so a worker thread can build it and hand it over without a
 * copy (moderation/compile-in-worker.ts): the automaton of a library kept as
 * objects had to be serialized, and restoring it cost as much as building it.
 *
 * Code units rather than graphemes: normalized text is letters and digits
 * only, and a valid pattern matched in valid text can only start and end on
 * code point boundaries. (A Hangul syllable, which NFKD spells as two or three
 * letters, may then match a term spelling only its first ones.)
 *
 * States are trie nodes, the root 0. The edges of state s are
 * `labels`/`targets` from `edgeStart[s]` to `edgeStart[s + 1]`, by label.
 */
export interface TermAutomaton {
  readonly edgeStart: Int32Array;
  readonly labels: Uint16Array;
  readonly targets: Int32Array;
  /** The state of the longest proper suffix of this state's text that is also a state. */
  readonly fail: Int32Array;
  /** The pattern that ends at this state, or -1. */
  readonly patternAt: Int32Array;
  /** The nearest state along the fail links (this one excluded) where a pattern ends, or -1. */
  readonly nextOutput: Int32Array;
  /** Each pattern's length in code units. */
  readonly lengths: Int32Array;
}

/** A pattern found in a text: UTF-16 range, end exclusive. */
export interface PatternMatch {
  pattern: number;
  start: number;
  end: number;
}

/**
 * Builds the automaton of `patterns`, which must be distinct, non-empty and
 * sorted by code unit (the default sort); pattern i is `patterns[i]`. Sorted,
 * every state's edges are made in label order, which the lookup needs.
 */
export function buildTermAutomaton(patterns: readonly string[]): TermAutomaton {
  const trie = buildTrie(patterns);
  const { edgeStart, labels, targets } = edgesOf(trie);
  const count = trie.stateCount;
  const fail = new Int32Array(count);
  const nextOutput = new Int32Array(count).fill(-1);
  // Breadth first, so a state's fail state (shallower) is done before it.
  const queue = new Int32Array(count);
  let tail = 0;
  for (let edge = edgeStart[0]!; edge < edgeStart[1]!; edge++) queue[tail++] = targets[edge]!;
  for (let head = 0; head < tail; head++) {
    const state = queue[head]!;
    for (let edge = edgeStart[state]!; edge < edgeStart[state + 1]!; edge++) {
      const child = targets[edge]!;
      const failed = step(edgeStart, labels, targets, fail, fail[state]!, labels[edge]!);
      fail[child] = failed;
      nextOutput[child] = trie.patternAt[failed]! >= 0 ? failed : nextOutput[failed]!;
      queue[tail++] = child;
    }
  }
  return { edgeStart, labels, targets, fail, patternAt: trie.patternAt.slice(0, count), nextOutput, lengths: Int32Array.from(patterns, (p) => p.length) };
}

/** Every occurrence of every pattern in `text`, overlaps included, by end and then longest first. Linear in the text and the matches. */
export function findPatterns(automaton: TermAutomaton, text: string): PatternMatch[] {
  const { edgeStart, labels, targets, fail, patternAt, nextOutput, lengths } = automaton;
  const found: PatternMatch[] = [];
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    state = step(edgeStart, labels, targets, fail, state, text.charCodeAt(i));
    for (let out = patternAt[state]! >= 0 ? state : nextOutput[state]!; out >= 0; out = nextOutput[out]!) {
      const pattern = patternAt[out]!;
      found.push({ pattern, start: i + 1 - lengths[pattern]!, end: i + 1 });
    }
  }
  return found;
}

/** The buffers a worker transfers: after the transfer the automaton is usable only where it was sent. */
export function automatonBuffers(automaton: TermAutomaton): ArrayBuffer[] {
  return Object.values(automaton).map((array: Int32Array | Uint16Array) => array.buffer as ArrayBuffer);
}

/** The state after reading `unit` in `state`: its edge with that label, or else its fail state's, down to the root. */
function step(edgeStart: Int32Array, labels: Uint16Array, targets: Int32Array, fail: Int32Array, state: number, unit: number): number {
  for (;;) {
    // Binary search of the state's edges, which are in label order.
    let low = edgeStart[state]!;
    let high = edgeStart[state + 1]! - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const label = labels[middle]!;
      if (label === unit) return targets[middle]!;
      if (label < unit) low = middle + 1;
      else high = middle - 1;
    }
    if (state === 0) return 0;
    state = fail[state]!;
  }
}

interface Trie {
  stateCount: number;
  /** Per state but the root: the state it hangs from, and the code unit on that edge. */
  parent: Int32Array;
  label: Uint16Array;
  patternAt: Int32Array;
}

/**
 * The trie, a state per distinct prefix. Each pattern shares with the one
 * before it their common prefix (`path` holds that pattern's states), so a
 * sorted list is read once, without looking anything up.
 */
function buildTrie(patterns: readonly string[]): Trie {
  let units = 0;
  for (const pattern of patterns) units += pattern.length;
  const parent = new Int32Array(units + 1);
  const label = new Uint16Array(units + 1);
  const patternAt = new Int32Array(units + 1).fill(-1);
  const path: number[] = [0];
  let stateCount = 1;
  let previous = '';
  patterns.forEach((pattern, index) => {
    let shared = 0;
    while (shared < pattern.length && shared < previous.length && pattern.charCodeAt(shared) === previous.charCodeAt(shared)) shared++;
    for (let depth = shared; depth < pattern.length; depth++) {
      parent[stateCount] = path[depth]!;
      label[stateCount] = pattern.charCodeAt(depth);
      path[depth + 1] = stateCount++;
    }
    patternAt[path[pattern.length]!] = index;
    previous = pattern;
  });
  return { stateCount, parent, label, patternAt };
}

/** The trie's edges grouped by the state they leave: each state's children were made in label order, and stay in it. */
function edgesOf(trie: Trie): Pick<TermAutomaton, 'edgeStart' | 'labels' | 'targets'> {
  const { stateCount, parent, label } = trie;
  const edgeStart = new Int32Array(stateCount + 1);
  for (let state = 1; state < stateCount; state++) edgeStart[parent[state]! + 1]!++;
  for (let state = 0; state < stateCount; state++) edgeStart[state + 1]! += edgeStart[state]!;
  const labels = new Uint16Array(stateCount - 1);
  const targets = new Int32Array(stateCount - 1);
  const filled = edgeStart.slice(0, stateCount);
  for (let state = 1; state < stateCount; state++) {
    const edge = filled[parent[state]!]!++;
    labels[edge] = label[state]!;
    targets[edge] = state;
  }
  return { edgeStart, labels, targets };
}
