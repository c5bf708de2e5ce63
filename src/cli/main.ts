// `npx bendi …`, loaded by bin/bendi.mjs (compiled, from dist/). Results go to stdout, everything else to
// stderr, so `token=$(npx bendi token create …)` captures the token alone.
import { expiryInDays } from '../accounts/index.js';
import { ConfigError, loadConfig } from '../config.js';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../db/database.js';
import { AppError } from '../lib/errors.js';
import { systemClock } from '../lib/clock.js';
import { errorMessageFor } from '../messages/error-messages.js';
import { backUp, restore } from './backup-commands.js';
import { CliError } from './cli-error.js';
import { exportSiteTo, importSiteExportFrom } from './export-commands.js';
import { importWordpressFile } from './import-commands.js';
import { type Command, parseCommand, USAGE } from './parse-command.js';
import { readPassword } from './read-password.js';
import { addStaffUser, issueApiToken, listStaffTokens, resetStaffPassword, revokeStaffToken } from './staff-commands.js';
import { tellRunningInstances } from './tell-instances.js';

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function note(line: string): void {
  process.stderr.write(`bendi: ${line}\n`);
}

async function main(argv: string[]): Promise<void> {
  const command = parseCommand(argv);
  if (command.name === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  // A backup leaves the serving site's schema alone; a restore needs its target untouched, and migrates after.
  if (command.name === 'backup') return say(await backUp(loadConfig(), command.dir));
  if (command.name === 'restore') return say(await restore(loadConfig(), command.dir));
  const handle = openDatabase(loadConfig().database);
  try {
    const applied = await migrateToLatest(handle);
    if (command.name === 'migrate') {
      say(applied.length === 0 ? 'the database schema is up to date' : `applied ${applied.length} migrations: ${applied.join(', ')}`);
      return;
    }
    if (applied.length > 0) note(`applied ${applied.length} migrations first`);
    if (command.name === 'import wordpress') {
      return await runImport(() => importWordpressFile(loadConfig(), handle.db, command.file, command.reportPath));
    }
    if (command.name === 'export') {
      for (const line of await exportSiteTo(loadConfig(), handle.db, command.dir, command)) say(line);
      return;
    }
    if (command.name === 'import bendi') {
      return await runImport(() => importSiteExportFrom(loadConfig(), handle.db, command.dir, command.reportPath));
    }
    await runStaffCommand(handle, command);
  } finally {
    await handle.db.destroy();
  }
}

/** Prints an import's report, then tells the serving instances: also when the import stopped half-way, since what came before is in. */
async function runImport(importing: () => Promise<string[]>): Promise<void> {
  try {
    for (const line of await importing()) say(line);
  } finally {
    note(await tellRunningInstances(loadConfig()));
  }
}

type StaffCommand = Exclude<Command, { name: 'help' | 'migrate' | 'backup' | 'restore' | 'import wordpress' | 'export' | 'import bendi' }>;

async function runStaffCommand(handle: DatabaseHandle, command: StaffCommand): Promise<void> {
  const now = systemClock();
  switch (command.name) {
    case 'user add': {
      const password = await readPassword(process.stdin, process.stderr);
      const { username, role, displayName, realName } = command;
      const user = await addStaffUser(handle.db, { username, role, displayName, realName, password }, now);
      return say(`created ${user.role} account "${user.username}"`);
    }
    case 'user passwd': {
      const password = await readPassword(process.stdin, process.stderr);
      const user = await resetStaffPassword(handle.db, command.username, password, now);
      return say(`changed the password of "${user.username}", lifted any lockout, signed it out everywhere and revoked its API tokens`);
    }
    case 'token create': {
      const expiresAt = command.expiresInDays === undefined ? null : expiryInDays(command.expiresInDays, now);
      const { user, token, apiToken } = await issueApiToken(handle.db, command.username, command.tokenName, expiresAt, now);
      say(token);
      const lasts = expiresAt ? `valid until ${expiresAt.toISOString()}` : 'valid until revoked';
      return note(
        `API token ${apiToken.id} "${command.tokenName}" for ${user.role} "${user.username}", ${lasts}: shown once, keep it secret; send it as "Authorization: Bearer <token>"`,
      );
    }
    case 'token list': {
      const tokens = await listStaffTokens(handle.db, command.username);
      if (tokens.length === 0) return note(`"${command.username}" has no API tokens`);
      say(['id', 'name', 'created', 'expires', 'last used'].join('\t'));
      const time = (date: Date | null, none: string) => (date ? date.toISOString() : none);
      for (const t of tokens) say([t.id, t.name, t.createdAt.toISOString(), time(t.expiresAt, 'never'), time(t.lastUsedAt, 'never')].join('\t'));
      return;
    }
    case 'token revoke': {
      const { token, user } = await revokeStaffToken(handle.db, command.id, now);
      return say(`revoked API token ${token.id} "${token.name}"${user ? ` of "${user.username}"` : ''}`);
    }
  }
}

/** One line per problem on stderr; known errors in the interface's Chinese, as the admin shows them. */
function report(error: unknown): number {
  if (error instanceof CliError) {
    note(error.message);
    return error.exitCode;
  }
  if (error instanceof ConfigError) {
    for (const problem of error.problems) note(`configuration error: ${problem}`);
  } else if (error instanceof AppError) {
    // A backup that fails its checksums names the file at fault.
    const file = error.details?.file;
    const message = errorMessageFor(error.code, error.details);
    note(typeof file === 'string' ? `${message}：${file}` : message);
  } else {
    note(error instanceof Error ? error.message : String(error));
  }
  return 1;
}

process.exitCode = await main(process.argv.slice(2)).then(() => 0, report);
