import { Presets, SingleBar } from 'cli-progress';
import type { ImportProgress, OnImportProgress } from '../import/index.js';

const counts = (p: ImportProgress) => `${p.articles} articles, ${p.comments} comments, ${p.images} images, ${p.problems} problems`;

/**
 * Shows an import's progress on `stream`: a bar over the file's bytes with
 * the counts on a terminal; elsewhere a plain line at each tenth of the file,
 * as progressDisplay does for backups.
 */
export function importProgressDisplay(stream: NodeJS.WriteStream): { onProgress: OnImportProgress; stop(): void } {
  const tenth = (p: ImportProgress) => Math.floor((p.bytes * 10) / Math.max(p.totalBytes, 1));
  if (!stream.isTTY) {
    let shown = -1;
    return {
      onProgress: (p) => {
        if (tenth(p) === shown) return;
        shown = tenth(p);
        stream.write(`bendi: importing ${Math.round((p.bytes / Math.max(p.totalBytes, 1)) * 100)}%: ${counts(p)}\n`);
      },
      stop: () => {},
    };
  }
  const bar = new SingleBar(
    { stream, format: 'importing [{bar}] {percentage}% | {counts}', hideCursor: true, etaBuffer: 50 },
    Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (p) => {
      if (!started) bar.start(Math.max(p.totalBytes, 1), 0, { counts: '' });
      started = true;
      bar.update(p.bytes, { counts: counts(p) });
    },
    stop: () => started && bar.stop(),
  };
}
