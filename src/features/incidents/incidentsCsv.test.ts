import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../tests/support/i18n';
import type { Incident } from '../../shared/protocol/events';
import { CSV_BOM } from './csv';
import { incidentsCsv, incidentsCsvName } from './incidentsCsv';
import { slaDeadline } from './sla';

const reported = Date.UTC(2026, 2, 14, 1, 5); // 08:05 in Huế
const inc: Incident = {
  id: 'INC-1',
  category: 'waste',
  title: '=Rác, "tồn đọng"',
  location: { lon: 107.58, lat: 16.46 },
  severity: 'high',
  source: 'hotline',
  reportedAt: new Date(reported).toISOString(),
  status: 'assigned',
  department: 'environment',
  updatedAt: new Date(reported).toISOString(),
  history: [],
};

const lines = (csv: string) => csv.slice(CSV_BOM.length).trimEnd().split('\r\n');

describe('incidentsCsv', () => {
  it('writes a header in the page language and a row per incident, in city time', () => {
    const [header, row] = lines(incidentsCsv([inc], null, createTranslator('en')));
    expect(header).toBe(
      'id,Reported at,Category,Title,Ward,Severity,Status,Source,Department,Answer due,Overdue',
    );
    expect(row?.startsWith('INC-1,2026-03-14 08:05,')).toBe(true);
    // The citizen's title stays one defused, quoted cell.
    expect(row).toContain(`"'=Rác, ""tồn đọng"""`);
  });

  it('marks an incident overdue only once the city clock is past its deadline', () => {
    const t = createTranslator('vi');
    const overdue = (now: number | null) =>
      lines(incidentsCsv([inc], now, t))[1]!
        .split(',')
        .at(-1);
    expect(overdue(null)).toBe('');
    expect(overdue(slaDeadline(inc) - 60_000)).toBe('');
    expect(overdue(slaDeadline(inc) + 60_000)).toBe(t('csv.yes'));
  });

  it('names the file after the city time', () => {
    expect(incidentsCsvName(reported)).toBe('phan-anh-202603140805.csv');
  });
});
