import { Fragment, jsx } from '../../lib/jsx.js';
import { am } from './admin-messages.js';
import { strongestHit, type TextSegment } from './hit-segments.js';

/**
 * Reader or staff text with its lexicon hits in <mark>, coloured by the
 * strongest action and titled with every entry that matched there. The
 * text is always escaped: it is someone else's words, never markup.
 */
export function HighlightedText({ segments }: { segments: TextSegment[] }) {
  return (
    <>
      {segments.map((segment, i) => {
        const strongest = strongestHit(segment.hits);
        if (!strongest) return segment.text;
        const title = [...new Set(segment.hits.map((h) => am.comments.hitTitle(h.term, am.lexicon.actions[h.action])))].join('；');
        return (
          <mark key={i} class={`hit hit--${strongest.action}`} title={title}>
            {segment.text}
          </mark>
        );
      })}
    </>
  );
}
