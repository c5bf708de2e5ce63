import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatChinaDateTime, formatChinaIso, timeZoneDatabaseWallClock } from './china-time.js';

/** What the time zone database shows, which the arithmetic must match. */
const intlFormatted = (date: Date) => {
  const p = timeZoneDatabaseWallClock(date);
  return `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}:${p.second}`;
};

describe('Beijing time', () => {
  it('shows every instant from 1992 on as the time zone database does, across days, months, years and leap days', () => {
    const from = Date.UTC(1991, 11, 31, 15, 59, 59);
    const to = Date.UTC(2100, 0, 1);
    // A step that is no whole number of hours or days, so minutes, seconds and every wall-clock hour come round.
    for (let t = from; t < to; t += 7_777_777_777 / 97) {
      const date = new Date(Math.floor(t));
      assert.equal(formatChinaDateTime(date), intlFormatted(date), date.toISOString());
    }
    for (const iso of ['2024-02-28T16:00:00Z', '2023-12-31T15:59:59Z', '2023-12-31T16:00:00Z', '1991-12-31T16:00:00Z']) {
      assert.equal(formatChinaDateTime(new Date(iso)), intlFormatted(new Date(iso)), iso);
    }
  });

  it('shows the summer time of 1986–1991 as it was, and its ISO form still names the same instant', () => {
    const summer1988 = new Date('1988-07-01T00:00:00Z');
    assert.equal(formatChinaDateTime(summer1988), '1988/07/01 09:00:00');
    assert.equal(formatChinaIso(summer1988), '1988-07-01T08:00:00+08:00');
    assert.equal(new Date(formatChinaIso(summer1988)).getTime(), summer1988.getTime());
    assert.equal(formatChinaIso(new Date('2025-11-28T00:30:05Z')), '2025-11-28T08:30:05+08:00');
  });
});
