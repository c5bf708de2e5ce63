// The README's test command: type-check, then every *.test.ts under src/ and test/
// with node's own test runner. Node 20's runner takes no globs, so the files are listed here.
//   node scripts/run-tests.mjs [--no-typecheck] [files…]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;

// --no-typecheck: a quick rerun after a passing check (or a test of this script's reporting).
const args = process.argv.slice(2);
const only = args.filter((arg) => arg !== '--no-typecheck');

// The server code, then the admin's browser scripts (their own project, with DOM types).
const typecheck = args.includes('--no-typecheck')
  ? 0
  : run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit']) ||
    run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'src/admin/client/tsconfig.json']);
if (typecheck !== 0) {
  console.error('Type check failed: fix the errors above before the tests run.');
  process.exit(typecheck);
}

// test/ first: its files (browsers, spawned portals, backups) take 20–80 s each, src/'s mostly a few; two at a
// time, the long ones started last ran on while the other slot had nothing left to do.
const files = only.length > 0 ? only : [...findTests('test').sort(), ...findTests('src').sort()];
// The spec reporter as usual, and after it one summary of what did not run and why (which fails a CI run).
const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=./scripts/skip-summary-reporter.mjs', '--test-reporter-destination=stdout'];
process.exit(run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...reporters, ...files]));
