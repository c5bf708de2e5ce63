// Why a suite cannot run on this machine, as node:test's `skip` option (false when it can).
// A suite that cannot run is still created, skipped with its reason, so the summary at the end
// of `npm test` (scripts/skip-summary-reporter.mjs) names it and a CI run fails on it.

/**
 * False when the environment variable is set, else why the suite is skipped.
 *
 * @example describe('sessions in Redis', { skip: missingEnv('TEST_REDIS_URL') }, () => { … })
 */
export function missingEnv(name: string): string | false {
  return process.env[name] ? false : `${name} is not set (.ci/run sets it)`;
}
