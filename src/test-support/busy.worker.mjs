// A worker module for the worker pool's tests, in plain JavaScript so that a thread starts in
// milliseconds (through tsx, a start takes about a second, which a short time bound would count).

/** Keeps its thread busy for `ms`, as a slow regular expression would. */
export function spin(ms) {
  const end = performance.now() + ms;
  let turns = 0;
  while (performance.now() < end) turns++;
  return turns;
}

export const echo = (value) => value;
