import { describe, expect, it } from 'vitest';
import type { Incident } from '../protocol/events';
import { reportBucketStarts, reportRecordOf, summarizeReports, type ReportRecord } from './reports';

const H = 3_600_000;
/** 1 December 2026, 00:00 in Huế. */
const DEC1 = Date.parse('2026-11-30T17:00:00Z');
const DAY = 24 * H;

let n = 0;
function record(over: Partial<ReportRecord> & { reportedAt: number }): ReportRecord {
  return {
    id: `r${++n}`,
    category: 'waste',
    resolvedAt: null,
    deadline: over.reportedAt + 48 * H,
    ...over,
  };
}

describe('report buckets', () => {
  it('cuts days and months at midnight in Huế (UTC+7)', () => {
    expect(reportBucketStarts(DEC1 + 2 * H, DEC1 + 2 * DAY + H, 'day')).toEqual([
      DEC1,
      DEC1 + DAY,
      DEC1 + 2 * DAY,
    ]);
    // 30 November 18:00 UTC is already 1 December in Huế.
    expect(
      reportBucketStarts(DEC1 - 30 * DAY, DEC1 + H, 'month').map((t) => new Date(t).toISOString()),
    ).toEqual(['2026-10-31T17:00:00.000Z', '2026-11-30T17:00:00.000Z']);
    expect(reportBucketStarts(DEC1, DEC1, 'day')).toEqual([]);
  });

  it('counts each report where it came in and where it was answered, in time or late', () => {
    const records = [
      // received on the 1st, answered on the 2nd within its 48 h
      record({ reportedAt: DEC1 + 9 * H, resolvedAt: DEC1 + DAY + 9 * H }),
      // received on the 1st, answered on the 3rd, after its deadline
      record({ reportedAt: DEC1 + 10 * H, resolvedAt: DEC1 + 2 * DAY + 11 * H }),
      // exactly at its deadline: in time
      record({
        reportedAt: DEC1 + 3 * H,
        resolvedAt: DEC1 + 2 * DAY + 3 * H,
        category: 'flooding',
        deadline: DEC1 + 2 * DAY + 3 * H,
      }),
      // received before the range, answered in it late
      record({ reportedAt: DEC1 - 5 * DAY, resolvedAt: DEC1 + 2 * H }),
      // still open
      record({ reportedAt: DEC1 + 2 * DAY + 20 * H }),
      // after the range
      record({ reportedAt: DEC1 + 3 * DAY + H, resolvedAt: DEC1 + 3 * DAY + 2 * H }),
    ];
    const summary = summarizeReports(records, DEC1, DEC1 + 3 * DAY, 'day');
    expect(summary.buckets).toEqual([
      { start: DEC1, received: 3, resolved: 1, onTime: 0 },
      { start: DEC1 + DAY, received: 0, resolved: 1, onTime: 1 },
      { start: DEC1 + 2 * DAY, received: 1, resolved: 2, onTime: 1 },
    ]);
    expect(summary.categories).toEqual([
      { category: 'waste', count: 3 },
      { category: 'flooding', count: 1 },
    ]);
    expect(summary.simulated).toBe(false);
    const months = summarizeReports(records, DEC1 - 10 * DAY, DEC1 + 3 * DAY, 'month');
    expect(months.buckets.map((b) => [b.received, b.resolved, b.onTime])).toEqual([
      [1, 0, 0],
      [4, 4, 2],
    ]);
  });

  it('lists categories most first, ties by name, unknown ones as other', () => {
    const at = DEC1 + H;
    const records = ['trees', 'manhole', 'trees', 'pothole?', 'made-up', 'manhole', 'flooding'].map(
      (category) => record({ reportedAt: at, category }),
    );
    expect(summarizeReports(records, DEC1, DEC1 + DAY, 'day').categories).toEqual([
      { category: 'manhole', count: 2 },
      { category: 'other', count: 2 },
      { category: 'trees', count: 2 },
      { category: 'flooding', count: 1 },
    ]);
  });

  it('says simulated only when a simulated report was counted', () => {
    const seeded = record({ reportedAt: DEC1 - 40 * DAY, resolvedAt: DEC1 - 39 * DAY, simulated: true });
    const live = record({ reportedAt: DEC1 + H });
    expect(summarizeReports([seeded, live], DEC1, DEC1 + DAY, 'day').simulated).toBe(false);
    expect(summarizeReports([seeded, live], DEC1 - 40 * DAY, DEC1 + DAY, 'month').simulated).toBe(true);
  });

  it('reads an incident by the incidents rule: its last resolved step and its category deadline', () => {
    const inc = {
      id: 'PA-1',
      category: 'flooding',
      ward: '19753',
      reportedAt: '2026-12-01T02:00:00.000Z',
      status: 'closed',
      updatedAt: '2026-12-02T08:00:00.000Z',
      history: [
        { status: 'received', by: 'hue-s', at: '2026-12-01T02:00:00.000Z' },
        { status: 'resolved', by: 'water', at: '2026-12-01T20:00:00.000Z' },
        { status: 'closed', by: 'ioc', at: '2026-12-02T08:00:00.000Z' },
      ],
    } as Incident;
    expect(reportRecordOf(inc)).toEqual({
      id: 'PA-1',
      category: 'flooding',
      ward: '19753',
      reportedAt: Date.parse('2026-12-01T02:00:00Z'),
      resolvedAt: Date.parse('2026-12-01T20:00:00Z'),
      deadline: Date.parse('2026-12-02T02:00:00Z'),
    });
  });
});
