import type { ShownTime } from '../../lib/china-time.js';
import { jsx } from '../../lib/jsx.js';

/**
 * Every time on a page: the text people read, the instant machines read (Nu
 * checks the datetime attribute). A relative one is made relative by site.js
 * from its datetime, and keeps the exact time as its title.
 */
export function Time({ time }: { time: ShownTime }) {
  return (
    <time dateTime={time.iso} data-relative={time.relative ? '' : undefined}>
      {time.text}
    </time>
  );
}
