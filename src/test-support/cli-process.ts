import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Node's arguments for `npx bendi` run from the TypeScript sources: bin/bendi.mjs runs the
 * last build in dist/, and a test must run what is in src/ now. Spawn with the repository as cwd,
 * where tsx finds the project's tsconfig.
 *
 * @example spawnSync(process.execPath, [...BENDI_CLI, 'token', 'create', '--username', 'admin'], { cwd: REPO_ROOT })
 */
export const BENDI_CLI = ['--import', 'tsx', fileURLToPath(new URL('../cli/main.ts', import.meta.url))];

/** Runs `npx bendi …` with `env` added; asynchronous, so the test's own event loop stays free while the child works. */
export function runBendiCli(env: Record<string, string>, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...BENDI_CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
