/** How far a backup or restore has got, for a progress bar: `done` of `total` steps of one phase. */
export interface BackupStep {
  phase: 'database' | 'media' | 'verify';
  done: number;
  total: number;
}

export type OnBackupStep = (step: BackupStep) => void;

/** Reports the start of a phase, then returns what counts one step of it. */
export function startPhase(onStep: OnBackupStep, phase: BackupStep['phase'], total: number): () => void {
  let done = 0;
  onStep({ phase, done, total });
  return () => onStep({ phase, done: ++done, total });
}
