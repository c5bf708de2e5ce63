import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase } from '../db/testing.js';
import { buildStaff } from '../test-support/factories.js';
import { type StaffAccountChanges, updateStaffAccount } from './index.js';

describeEachDatabase('the last active admin', (t) => {
  const change = (userId: number, changes: StaffAccountChanges) => t.db.transaction().execute((trx) => updateStaffAccount(trx, userId, changes, new Date()));
  const activeAdmins = async () =>
    (await t.db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled', '=', 0).execute()).map((r) => r.id);

  it('survives two admins demoting or disabling each other at once: exactly one change wins', async () => {
    for (const [a, b] of [
      [{ role: 'editor' }, { role: 'reviewer' }],
      [{ disabled: true }, { disabled: true }],
      [{ role: 'editor' }, { disabled: true }],
    ] as Array<[StaffAccountChanges, StaffAccountChanges]>) {
      // Start each round from exactly two active admins.
      await t.db.updateTable('users').set({ role: 'editor' }).where('role', '=', 'admin').execute();
      const [first, second] = [await buildStaff(t.db, 'admin'), await buildStaff(t.db, 'admin')];
      const results = await Promise.allSettled([change(first.id, a), change(second.id, b)]);
      const refused = results.filter((r) => r.status === 'rejected');
      assert.equal(refused.length, 1, JSON.stringify(results.map((r) => r.status)));
      assert.equal((refused[0] as PromiseRejectedResult).reason.code, 'users.last_admin');
      assert.equal((await activeAdmins()).length, 1);
    }
  });
});
