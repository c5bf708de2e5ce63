import { Presets, SingleBar } from 'cli-progress';

/** `done` of `total` steps of one phase of a long command. */
export interface Step<Phase extends string> {
  phase: Phase;
  done: number;
  total: number;
}

/**
 * Shows a long command's progress (backup, restore, export, import of an
 * export) on `stream`: a bar per phase, named by `labels`, on a terminal;
 * elsewhere (a log, cron's mail) plain lines at the start, at each tenth and
 * at the end of a phase, since a redrawn bar is noise there.
 */
export function progressDisplay<Phase extends string>(
  stream: NodeJS.WriteStream,
  labels: Record<Phase, string>,
): { onStep: (step: Step<Phase>) => void; stop(): void } {
  if (!stream.isTTY) {
    return {
      onStep: ({ phase, done, total }) => {
        const tenth = (n: number) => Math.floor((n * 10) / Math.max(total, 1));
        if (done === 0 || done === total || tenth(done) > tenth(done - 1)) stream.write(`bendi: ${labels[phase]} ${done}/${total}\n`);
      },
      stop: () => {},
    };
  }
  let bar: SingleBar | undefined;
  let shown: Phase | undefined;
  return {
    onStep: ({ phase, done, total }) => {
      if (phase === shown) return bar!.update(done);
      bar?.stop();
      shown = phase;
      bar = new SingleBar({ stream, format: `${labels[phase].padEnd(18)} [{bar}] {value}/{total}`, hideCursor: true }, Presets.shades_classic);
      bar.start(total, done);
    },
    stop: () => bar?.stop(),
  };
}
