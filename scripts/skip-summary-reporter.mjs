// A node:test reporter, run beside the spec reporter by scripts/run-tests.mjs: at the end of the
// run it prints one summary of every test and suite that did not run, grouped by why, because
// node's own count leaves out skipped suites (a run without PostgreSQL said "skipped 0"). When
// CI=true anything skipped fails the run: CI exists to run everything.
import path from 'node:path';

const TEST_FILE = /\.(test|fixture)\.[cm]?[jt]s$/;

/** `{ name, file, reason }` for every skipped test or suite, in the order they were reported. */
export async function collectSkipped(source) {
  const skipped = [];
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { skip, name, file } = event.data;
    if (skip === undefined || skip === false) continue;
    // `file` is where the suite was declared: a helper's own file (describeEachDatabase) says nothing, the suite's name does.
    const shown = file && TEST_FILE.test(file) ? path.relative(process.cwd(), file) : '';
    skipped.push({ name, file: shown, reason: typeof skip === 'string' ? skip : 'no reason given' });
  }
  return skipped;
}

/** The summary's lines: the count, then each reason with what it kept from running. */
export function summarize(skipped, ci) {
  if (skipped.length === 0) return ['Everything ran: nothing was skipped.'];
  const byReason = new Map();
  for (const s of skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s]);
  const lines = [`Not run: ${skipped.length} (tests and suites), and why:`];
  for (const [reason, items] of byReason) {
    lines.push(`  ${reason}:`);
    for (const { name, file } of items) lines.push(`    ${name}${file ? ` (${file})` : ''}`);
  }
  if (ci) lines.push('CI=true: a CI run must run every test, so this run fails. Install or start what the reasons name.');
  return lines;
}

export default async function* skipSummaryReporter(source) {
  const skipped = await collectSkipped(source);
  const ci = process.env.CI === 'true';
  yield `\n${summarize(skipped, ci).join('\n')}\n`;
  if (ci && skipped.length > 0) process.exitCode = 1;
}
