// `npx bendi …` as an operator runs it (from the sources): a child process, the password
// piped in, against the database DATA_DIR / DATABASE_URL name.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createStaffSession,
  findStaffByApiToken,
  findStaffCredentials,
  findStaffSession,
  listApiTokens,
  updateStaffUser,
  verifyPassword,
} from '../accounts/index.js';
import { listAuditEntries } from '../audit/index.js';
import { loadConfig } from '../config.js';
import { type Db, openDatabase } from '../db/database.js';
import { uniqueSuffix } from '../test-support/factories.js';
import { cleanUp } from '../test-support/clean-up.js';
import { BENDI_CLI } from '../test-support/cli-process.js';
import { type ProcessDatabase, processDatabases } from '../test-support/process-databases.js';
import { errorMessages } from '../messages/error-messages.js';

const PASSWORD = 'correct horse battery';

function bendi(env: Record<string, string>, args: string[], input = '') {
  return spawnSync(process.execPath, [...BENDI_CLI, ...args], { input, env: { ...process.env, ...env }, encoding: 'utf8' });
}

/** A database of its own in a fresh DATA_DIR: the child's environment, and its removal. */
async function freshDatabase(prepare: () => Promise<ProcessDatabase>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bendi-cli-'));
  const database = await prepare();
  return {
    env: { ...database.env, DATA_DIR: dataDir },
    cleanup: () =>
      cleanUp(
        () => database.cleanup(),
        () => fs.rmSync(dataDir, { recursive: true, force: true }),
      ),
  };
}

async function auditActions(db: Db, userId: number): Promise<string[]> {
  const entries = await listAuditEntries(db, { targetType: 'user', targetId: String(userId), limit: 10 });
  assert.ok(entries.every((e) => e.actor.name === 'cli' && e.actor.id === null));
  return entries.map((e) => e.action).reverse();
}

for (const [kind, prepare, skip] of processDatabases()) {
  describe(`npx bendi [${kind}]`, { skip }, () => {
    let env: Record<string, string>;
    let cleanup: () => Promise<void>;
    let db: Db;
    const addUser = (username: string, role = 'editor', input = `${PASSWORD}\n`) =>
      bendi(env, ['user', 'add', '--username', username, '--role', role], input);

    before(async () => {
      ({ env, cleanup } = await freshDatabase(prepare));
      assert.equal(bendi(env, ['migrate']).status, 0);
      db = openDatabase(loadConfig(env).database).db;
    });
    after(() =>
      cleanUp(
        () => db?.destroy(),
        () => cleanup?.(),
      ),
    );

    it('migrate brings a new database up to date, and a second run changes nothing', async () => {
      const fresh = await freshDatabase(prepare);
      try {
        const first = bendi(fresh.env, ['migrate']);
        assert.equal(first.status, 0, first.stderr);
        assert.match(first.stdout, /^applied \d+ migrations: /);
        const second = bendi(fresh.env, ['migrate']);
        assert.equal(second.status, 0, second.stderr);
        assert.equal(second.stdout, 'the database schema is up to date\n');
      } finally {
        await fresh.cleanup();
      }
    });

    it('user add creates the account with an argon2id hash of the piped password, and audits it', async () => {
      const username = `ed-${uniqueSuffix()}`;
      const args = ['user', 'add', '--username', username, '--role', 'editor', '--display-name', '周敏', '--real-name', '周敏'];
      const result = bendi(env, args, `${PASSWORD}\n`);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, `created editor account "${username}"\n`);
      const credentials = await findStaffCredentials(db, username);
      assert.equal(credentials?.user.role, 'editor');
      assert.equal(credentials.user.displayName, '周敏');
      const hash = credentials.passwordHash ?? '';
      assert.match(hash, /^\$argon2id\$/);
      assert.ok(await verifyPassword(hash, PASSWORD), 'the trailing newline is not part of it');
      assert.deepEqual(await auditActions(db, credentials.user.id), ['user.create']);
    });

    it('user add refuses a weak password, in Chinese, and creates nothing', async () => {
      const username = `weak-${uniqueSuffix()}`;
      const result = addUser(username, 'editor', 'short\n');
      assert.equal(result.status, 1);
      assert.equal(result.stderr, `bendi: ${errorMessages['users.weak_password']}\n`);
      assert.equal(await findStaffCredentials(db, username), undefined);
    });

    it('user add refuses a username that is taken', () => {
      const username = `dup-${uniqueSuffix()}`;
      assert.equal(addUser(username).status, 0);
      const again = addUser(username, 'admin');
      assert.equal(again.status, 1);
      assert.equal(again.stderr, `bendi: ${errorMessages['users.username_taken']}\n`);
    });

    it('user passwd sets a new password, lifts the lockout, ends sessions, and audits it', async () => {
      const username = `locked-${uniqueSuffix()}`;
      assert.equal(addUser(username, 'reviewer').status, 0);
      const { user } = (await findStaffCredentials(db, username))!;
      await updateStaffUser(db, user.id, { failedSignIns: 5, lockedUntil: new Date(Date.now() + 3_600_000) });
      const session = await createStaffSession(db, user.id, new Date());
      const token = bendi(env, ['token', 'create', '--username', username]).stdout.trim();
      assert.ok(await findStaffByApiToken(db, token, new Date()), 'the token works before');

      const result = bendi(env, ['user', 'passwd', '--username', username], 'a brand new password\n');
      assert.equal(result.status, 0, result.stderr);
      const changed = (await findStaffCredentials(db, username))!;
      const hash = changed.passwordHash ?? '';
      assert.match(hash, /^\$argon2id\$/);
      assert.ok(await verifyPassword(hash, 'a brand new password'));
      assert.equal(await verifyPassword(hash, PASSWORD), false);
      assert.equal(changed.failedSignIns, 0);
      assert.equal(changed.lockedUntil, null);
      assert.equal(await findStaffSession(db, session, new Date()), undefined);
      assert.equal(await findStaffByApiToken(db, token, new Date()), undefined, 'signed out everywhere means its API tokens too');
      assert.deepEqual(await listApiTokens(db, user.id), []);
      assert.deepEqual(await auditActions(db, user.id), ['user.create', 'token.create', 'user.passwd']);
    });

    it('user passwd and token create name an unknown account in Chinese', () => {
      for (const args of [['user', 'passwd', '--username', 'nobody'], ['token', 'create', '--username', 'nobody']]) {
        const result = bendi(env, args, `${PASSWORD}\n`);
        assert.equal(result.status, 1);
        assert.equal(result.stderr, `bendi: ${errorMessages['users.not_found']}\n`);
      }
    });

    it('token create prints only the token, which the API accepts, and audits it', async () => {
      const username = `script-${uniqueSuffix()}`;
      assert.equal(addUser(username).status, 0);
      const result = bendi(env, ['token', 'create', '--username', username, '--name', '采集脚本']);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^bendi_[\w-]+\n$/);
      assert.match(result.stderr, /shown once/);
      const user = await findStaffByApiToken(db, result.stdout.trim(), new Date());
      assert.equal(user?.username, username);
      assert.deepEqual(await auditActions(db, user.id), ['user.create', 'token.create']);
    });

    it('token create --expires-in-days makes a token that stops working then; token list shows it; token revoke ends it', async () => {
      const username = `expiring-${uniqueSuffix()}`;
      assert.equal(addUser(username).status, 0);
      const created = bendi(env, ['token', 'create', '--username', username, '--name', '月度报表', '--expires-in-days', '30']);
      assert.equal(created.status, 0, created.stderr);
      const token = created.stdout.trim();
      const user = (await findStaffByApiToken(db, token, new Date()))!;
      assert.equal(user.username, username);
      assert.equal(await findStaffByApiToken(db, token, new Date(Date.now() + 31 * 86_400_000)), undefined, 'expired after 30 days');
      assert.ok(await findStaffByApiToken(db, token, new Date(Date.now() + 29 * 86_400_000)), 'still valid before');

      const listed = bendi(env, ['token', 'list', '--username', username]);
      assert.equal(listed.status, 0, listed.stderr);
      const [header, row, ...rest] = listed.stdout.trim().split('\n');
      assert.equal(header, 'id\tname\tcreated\texpires\tlast used');
      assert.equal(rest.length, 0);
      const [id, name, , expires, lastUsed] = row!.split('\t');
      assert.equal(name, '月度报表');
      assert.ok(Math.abs(Date.parse(expires!) - (Date.now() + 30 * 86_400_000)) < 600_000, expires);
      assert.notEqual(lastUsed, 'never', 'the checks above used it');
      assert.ok(!listed.stdout.includes(token), 'the secret is never shown again');

      const revoked = bendi(env, ['token', 'revoke', '--id', id!]);
      assert.equal(revoked.status, 0, revoked.stderr);
      assert.equal(revoked.stdout, `revoked API token ${id} "月度报表" of "${username}"\n`);
      assert.equal(await findStaffByApiToken(db, token, new Date()), undefined);
      assert.equal(bendi(env, ['token', 'list', '--username', username]).stdout, '');
      const again = bendi(env, ['token', 'revoke', '--id', id!]);
      assert.equal(again.status, 1);
      assert.equal(again.stderr, `bendi: ${errorMessages['tokens.not_found']}\n`);
      assert.deepEqual(await auditActions(db, user.id), ['user.create', 'token.create', 'token.revoke']);
    });
  });
}

describe('npx bendi misused', () => {
  const misuses: Array<[string, string[], RegExp]> = [
    ['an unknown role', ['user', 'add', '--username', 'x1', '--role', 'boss'], /--role must be one of admin, editor, reviewer/],
    ['no username', ['user', 'add', '--role', 'admin'], /--username is required/],
    ['a password argument', ['user', 'passwd', '--username', 'x1', '--password', 'hunter2hunter2'], /never taken as an argument/],
    ['an unknown option', ['token', 'create', '--username', 'x1', '--role', 'admin'], /Unknown option '--role'/],
    ['an unknown command', ['user', 'delete'], /unknown command "user delete"/],
    ['a token life of no days', ['token', 'create', '--username', 'x1', '--expires-in-days', '0'], /--expires-in-days must be a whole number from 1 to 3650/],
    ['a token life in words', ['token', 'create', '--username', 'x1', '--expires-in-days', 'forever'], /--expires-in-days must be a whole number/],
    ['a token id that is no number', ['token', 'revoke', '--id', 'abc'], /--id must be a whole number/],
    ['token revoke without an id', ['token', 'revoke'], /--id is required/],
  ];
  for (const [what, args, message] of misuses) {
    it(`exits 2 on ${what}, before touching any database`, () => {
      const result = bendi({ DATABASE_URL: 'nonsense' }, args);
      assert.equal(result.status, 2);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /npx bendi help/);
    });
  }

  it('help lists every command', () => {
    const result = bendi({}, ['help']);
    assert.equal(result.status, 0);
    for (const command of ['user add', 'user passwd', 'token create', 'token list', 'token revoke', 'migrate', 'backup DIR', 'restore DIR']) assert.ok(result.stdout.includes(command));
  });
});
