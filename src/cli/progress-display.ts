import { Presets, SingleBar } from 'cli-progress';
import type { BackupStep, OnBackupStep } from '../backup/index.js';

const PHASE_LABELS: Record<BackupStep['phase'], string> = {
  verify: 'checking checksums',
  database: 'database',
  media: 'media files',
};

/**
 * Shows a backup's or a restore's progress on `stream`: a bar per phase on a
 * terminal; elsewhere (a log, cron's mail) plain lines at the start, at each
 * tenth and at the end of a phase, since a redrawn bar is noise there.
 */
export function progressDisplay(stream: NodeJS.WriteStream): { onStep: OnBackupStep; stop(): void } {
  if (!stream.isTTY) {
    return {
      onStep: ({ phase, done, total }) => {
        const tenth = (n: number) => Math.floor((n * 10) / Math.max(total, 1));
        if (done === 0 || done === total || tenth(done) > tenth(done - 1)) stream.write(`bendi: ${PHASE_LABELS[phase]} ${done}/${total}\n`);
      },
      stop: () => {},
    };
  }
  let bar: SingleBar | undefined;
  let shown: BackupStep['phase'] | undefined;
  return {
    onStep: ({ phase, done, total }) => {
      if (phase === shown) return bar!.update(done);
      bar?.stop();
      shown = phase;
      bar = new SingleBar({ stream, format: `${PHASE_LABELS[phase].padEnd(18)} [{bar}] {value}/{total}`, hideCursor: true }, Presets.shades_classic);
      bar.start(total, done);
    },
    stop: () => bar?.stop(),
  };
}
