import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDb } from './db';
import { migrate, MIGRATIONS } from './migrations';

it('gives the KPI samples of a version 2 database their period in city time, the newest of each kept', async () => {
  const db = await openDb({ dataDir: mkdtempSync(join(tmpdir(), 'ioc-mig-')) });
  try {
    await migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 2),
    );
    const row = (seq: number, id: string, at: string, value: number) =>
      db.query(`insert into kpi_samples (seq, id, at, value, data) values ($1, $2, $3, $4, '{}')`, [
        seq,
        id,
        at,
        value,
      ]);
    // 2026-11-30T18:00Z is already 1 December in Huế.
    await row(1, 'cashless-rate', '2026-11-30T16:00:00Z', 66);
    await row(2, 'cashless-rate', '2026-11-30T18:00:00Z', 67);
    await row(3, 'cashless-rate', '2026-12-02T08:00:00Z', 68);
    await row(4, 'hue-s-users-old', '2026-12-02T08:00:00Z', 5);
    expect(await migrate(db)).toEqual([3, 4]);
    const rows = await db.query<{
      id: string;
      value: number;
      period_kind: string | null;
      start: string | null;
    }>(
      `select id, value, period_kind, to_char(period_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as start
       from kpi_samples order by seq`,
    );
    expect(rows).toEqual([
      { id: 'cashless-rate', value: 66, period_kind: 'month', start: '2026-10-31T17:00' },
      { id: 'cashless-rate', value: 68, period_kind: 'month', start: '2026-11-30T17:00' },
      { id: 'hue-s-users-old', value: 5, period_kind: null, start: null },
    ]);
  } finally {
    await db.close();
  }
});
