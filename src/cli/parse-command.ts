import { parseArgs } from 'node:util';
import { API_TOKEN_MAX_DAYS, STAFF_ROLES, type StaffRole } from '../accounts/index.js';
import { usageError } from './cli-error.js';

export type Command =
  | { name: 'help' }
  | { name: 'migrate' }
  | { name: 'user add'; username: string; role: StaffRole; displayName?: string; realName?: string }
  | { name: 'user passwd'; username: string }
  | { name: 'token create'; username: string; tokenName: string; expiresInDays?: number }
  | { name: 'token list'; username: string }
  | { name: 'token revoke'; id: number }
  | { name: 'backup'; dir: string }
  | { name: 'restore'; dir: string }
  | { name: 'import wordpress'; file: string; reportPath?: string }
  | { name: 'export'; dir: string; withSecrets: boolean; withRevisions: boolean }
  | { name: 'import bendi'; dir: string; reportPath?: string };

export const USAGE = `Usage: npx bendi <command>

  user add --username NAME --role admin|editor|reviewer [--display-name 名字] [--real-name 真名]
      create a staff account; the password is read from standard input
  user passwd --username NAME
      set a new password (read from standard input), lift a lockout, sign out everywhere
      and revoke the account's API tokens
  token create --username NAME [--name NOTE] [--expires-in-days N]
      print a new API token that acts as the account, for scripts;
      it lasts N days (1 to 3650), or until revoked without the option
  token list --username NAME
      list the account's API tokens (not the secrets): id, name, created, expiry, last use
  token revoke --id ID
      revoke an API token at once (a password change revokes all of the account's)
  migrate
      bring the database schema up to date
  backup DIR
      write a consistent copy of the database and the media files into DIR (new or empty),
      with a manifest of checksums; the site may keep serving meanwhile
  restore DIR
      bring the backup in DIR back into an empty database and media directory, after
      checking every checksum; it refuses a database that has content
  import wordpress FILE.xml [--report REPORT.json]
      import a WordPress export (WXR): authors (as staff accounts without passwords, until an
      admin sets one), categories, posts with their comments, and the images they use; old
      addresses answer with a redirect to the new ones. Running it again changes nothing.
      What could not be imported is printed and written as JSON (FILE.import-report.json)
  export DIR [--with-revisions] [--with-secrets]
      write every article, category, tag, comment, reader, staff account (without passwords),
      setting and media file into DIR (new or empty) as JSON lines (docs/export-format.md),
      and the same content as a WordPress file (DIR/wordpress.xml, WXR 1.2). Secrets such as
      SMS keys are left out unless --with-secrets; --with-revisions adds every article's history
  import bendi DIR [--report REPORT.json]
      bring an export made by "npx bendi export" into this site; a damaged record is reported
      with its file and line and the rest goes on. Running it again changes nothing.
  help
      show this text

The database is the one npm start uses (DATA_DIR, DATABASE_URL); every command but backup and
restore migrates it first (restore migrates it after). PostgreSQL backups need pg_dump and
pg_restore (Debian: postgresql-client) of the server's major version or newer.
Passwords come from standard input, typed at a prompt or piped, never as arguments:
arguments end up in shell history and in the process list.
`;

type CommandName = Exclude<Command['name'], 'help'>;

const STRING = { type: 'string' } as const;
const FLAG = { type: 'boolean' } as const;
const OPTIONS: Record<CommandName, Record<string, typeof STRING | typeof FLAG>> = {
  'user add': { username: STRING, role: STRING, 'display-name': STRING, 'real-name': STRING },
  'user passwd': { username: STRING },
  'token create': { username: STRING, name: STRING, 'expires-in-days': STRING },
  'token list': { username: STRING },
  'token revoke': { id: STRING },
  migrate: {},
  backup: {},
  restore: {},
  'import wordpress': { report: STRING },
  export: { 'with-secrets': FLAG, 'with-revisions': FLAG },
  'import bendi': { report: STRING },
};
/** Commands that take one argument, a directory. */
const TAKES_DIR: ReadonlySet<string> = new Set<CommandName>(['backup', 'restore', 'export', 'import bendi']);
/** Commands that take one argument, a file. */
const TAKES_FILE: ReadonlySet<string> = new Set<CommandName>(['import wordpress']);
const isCommandName = (words: string): words is CommandName => Object.hasOwn(OPTIONS, words);

/** Reads `bendi`'s arguments. Throws a usage CliError (exit 2) that says what is wrong. */
export function parseCommand(argv: readonly string[]): Command {
  if (argv.length === 0 || argv[0] === 'help' || argv.includes('--help') || argv.includes('-h')) return { name: 'help' };
  const words = isCommandName(argv[0]!) ? 1 : 2;
  const name = argv.slice(0, words).join(' ');
  if (!isCommandName(name)) throw usageError(`unknown command "${name}"; the commands are ${Object.keys(OPTIONS).join(', ')}, help`);
  if (argv.some((arg) => /^--password(=|$)/.test(arg))) {
    throw usageError('a password is never taken as an argument: pipe it in or type it at the prompt');
  }

  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    const allowPositionals = TAKES_DIR.has(name) || TAKES_FILE.has(name);
    ({ values, positionals } = parseArgs({ args: argv.slice(words), options: OPTIONS[name], strict: true, allowPositionals }));
  } catch (error) {
    // Node's parseArgs errors name the option and the problem; only the first line is worth showing.
    throw usageError(`${name}: ${String((error as Error).message).split('\n')[0]}`);
  }
  return toCommand(name, values, positionals);
}

function toCommand(name: CommandName, values: Record<string, string | boolean | undefined>, positionals: string[]): Command {
  if (name === 'migrate') return { name };
  if (name === 'token revoke') return { name, id: positiveInteger(name, 'id', required(name, values, 'id'), 2147483647) };
  if (name === 'backup' || name === 'restore') {
    if (positionals.length !== 1) throw usageError(`${name}: name one backup directory, as in "npx bendi ${name} /srv/backups/2026-12-01"`);
    return { name, dir: positionals[0]! };
  }
  if (name === 'export' || name === 'import bendi') {
    const example = name === 'export' ? 'npx bendi export /srv/exports/2026-12-02' : 'npx bendi import bendi /srv/exports/2026-12-02';
    if (positionals.length !== 1) throw usageError(`${name}: name one export directory, as in "${example}"`);
    if (name === 'import bendi') return { name, dir: positionals[0]!, reportPath: text(values.report) };
    return { name, dir: positionals[0]!, withSecrets: values['with-secrets'] === true, withRevisions: values['with-revisions'] === true };
  }
  if (name === 'import wordpress') {
    if (positionals.length !== 1) throw usageError(`${name}: name one export file, as in "npx bendi import wordpress site.WordPress.2026-12-01.xml"`);
    return { name, file: positionals[0]!, reportPath: text(values.report) };
  }
  const username = required(name, values, 'username');
  if (name === 'user passwd' || name === 'token list') return { name, username };
  if (name === 'token create') {
    const days = text(values['expires-in-days']);
    const expiresInDays = days === undefined ? undefined : positiveInteger(name, 'expires-in-days', days, API_TOKEN_MAX_DAYS);
    return { name, username, tokenName: text(values.name)?.trim() || 'command line', expiresInDays };
  }
  const role = required(name, values, 'role');
  if (!(STAFF_ROLES as readonly string[]).includes(role)) {
    throw usageError(`user add: --role must be one of ${STAFF_ROLES.join(', ')}, not "${role}"`);
  }
  return { name, username, role: role as StaffRole, displayName: text(values['display-name']), realName: text(values['real-name']) };
}

function positiveInteger(name: CommandName, option: string, value: string, max: number): number {
  const n = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > max) throw usageError(`${name}: --${option} must be a whole number from 1 to ${max}, not "${value}"`);
  return n;
}

/** A string option's value (the flags are booleans). */
const text = (value: string | boolean | undefined) => (typeof value === 'string' ? value : undefined);

function required(name: CommandName, values: Record<string, string | boolean | undefined>, option: string): string {
  const value = text(values[option])?.trim();
  if (!value) throw usageError(`${name}: --${option} is required`);
  return value;
}
