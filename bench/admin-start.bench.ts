/**
 * How long the app takes to be ready, and how long the first admin page then takes, which
 * bundles the admin's scripts (src/admin/pages/admin-assets.ts). The first figure should not
 * include the second: starting never waits for the bundle. Moved here from a unit test,
 * where a time limit failed on a busy machine rather than on a regression.
 *
 *   node --import tsx bench/admin-start.bench.ts
 */
import { createSqliteTestDatabase } from '../src/db/testing.js';
import { buildTestApp } from '../src/test-support/test-app.js';
import { printTable, runBenchmark } from './bench-support.js';

await runBenchmark(async () => {
  const handle = await createSqliteTestDatabase();
  const started = performance.now();
  const app = await buildTestApp(handle.db);
  try {
    await app.ready();
    const ready = performance.now();
    const signIn = await app.inject('/admin/sign-in');
    const firstPage = performance.now();
    printTable(['step', 'ms'], [
      ['app ready', (ready - started).toFixed(0)],
      ['first admin page (bundles the scripts)', (firstPage - ready).toFixed(0)],
    ]);
    return signIn.statusCode === 200 ? 0 : 1;
  } finally {
    await app.close();
    await handle.db.destroy();
  }
});
