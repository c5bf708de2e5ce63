import type { ShownTime } from '../../lib/china-time.js';

/** Every time on a page: the text people read, the instant machines read (Nu checks the datetime attribute). */
export function Time({ time }: { time: ShownTime }) {
  return <time dateTime={time.iso}>{time.text}</time>;
}
