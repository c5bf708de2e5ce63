import { fileURLToPath } from 'node:url';

/**
 * Node's arguments for `npx bendi` run from the TypeScript sources: bin/bendi.mjs runs the
 * last build in dist/, and a test must run what is in src/ now. Spawn with the repository as cwd,
 * where tsx finds the project's tsconfig.
 *
 * @example spawnSync(process.execPath, [...BENDI_CLI, 'token', 'create', '--username', 'admin'], { cwd: REPO_ROOT })
 */
export const BENDI_CLI = ['--import', 'tsx', fileURLToPath(new URL('../cli/main.ts', import.meta.url))];
