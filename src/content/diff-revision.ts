import { diffArrays } from 'diff';
import { type BlockKind, bodyBlocks, type TextBlock } from './body-blocks.js';
import { type DiffPart, diffText } from './diff-text.js';

/**
 * Aligning blocks costs about their number times the blocks that moved (jsdiff
 * took 2.3 s for 1,200 replaced paragraphs): beyond this many, or this long,
 * the body is shown as replaced whole.
 */
const MAX_BLOCK_EDITS = 400;
const ALIGN_TIMEOUT_MS = 500;

/** One line of a side-by-side compare: a block as it was (left) and as it is (right). */
export interface DiffRow {
  change: 'same' | 'changed' | 'added' | 'removed';
  kind: BlockKind;
  /** The block before, its removed text marked; null when the block is new. */
  before: DiffPart[] | null;
  /** The block now, its added text marked; null when the block was removed. */
  after: DiffPart[] | null;
}

export interface RevisionDiff {
  title: DiffPart[];
  rows: DiffRow[];
}

export interface RevisionText {
  title: string;
  bodyHtml: string;
}

const key = (block: TextBlock) => `${block.kind}\u0000${block.image ?? ''}\u0000${block.text}`;
const whole = (kind: DiffPart['kind'], text: string): DiffPart[] => [{ kind, text }];

/** A removed block and the added one in its place, compared character by character on each side. */
function changedRow(was: TextBlock, is: TextBlock): DiffRow {
  const parts = diffText(was.text, is.text);
  return { change: 'changed', kind: is.kind, before: parts.filter((p) => p.kind !== 'added'), after: parts.filter((p) => p.kind !== 'removed') };
}

/**
 * Rows for a run of removed blocks followed by added ones: paired in order as
 * changed blocks (an edited paragraph) when of one kind, the rest removed or added whole.
 */
function pairRun(removed: TextBlock[], added: TextBlock[]): DiffRow[] {
  const rows: DiffRow[] = [];
  for (let i = 0; i < Math.max(removed.length, added.length); i++) {
    const [was, is] = [removed[i], added[i]];
    if (was && is && was.kind === is.kind) {
      rows.push(changedRow(was, is));
      continue;
    }
    if (was) rows.push({ change: 'removed', kind: was.kind, before: whole('removed', was.text), after: null });
    if (is) rows.push({ change: 'added', kind: is.kind, before: null, after: whole('added', is.text) });
  }
  return rows;
}

/**
 * What changed between two versions of an article, as a reader would see it:
 * the title character by character, the body block by block (see bodyBlocks),
 * each changed block character by character (bounded by diffText). When
 * more than MAX_BLOCK_EDITS blocks moved, the body is shown as all replaced.
 * Costly on long bodies: call it through diffRevisionInWorker.
 */
export function diffRevision(before: RevisionText, after: RevisionText): RevisionDiff {
  const [was, is] = [bodyBlocks(before.bodyHtml), bodyBlocks(after.bodyHtml)];
  const aligned = diffArrays(was.map(key), is.map(key), { maxEditLength: MAX_BLOCK_EDITS, timeout: ALIGN_TIMEOUT_MS });
  const rows: DiffRow[] = [];
  if (!aligned) return { title: diffText(before.title, after.title), rows: pairRun(was, []).concat(pairRun([], is)) };
  let [i, j] = [0, 0];
  let removed: TextBlock[] = [];
  for (const change of aligned) {
    const n = change.count ?? change.value.length;
    if (change.removed) {
      removed = removed.concat(was.slice(i, (i += n)));
      continue;
    }
    if (change.added) {
      rows.push(...pairRun(removed, is.slice(j, (j += n))));
      removed = [];
      continue;
    }
    rows.push(...pairRun(removed, []));
    removed = [];
    for (const block of was.slice(i, (i += n))) rows.push({ change: 'same', kind: block.kind, before: whole('same', block.text), after: whole('same', block.text) });
    j += n;
  }
  rows.push(...pairRun(removed, []));
  return { title: diffText(before.title, after.title), rows };
}
