import { reportRecordOf, type ReportRecord } from '../src/shared/city/reports';
import type { Incident } from '../src/shared/protocol/events';

// Citizen reports over any period, for /api/reports/summary: the city's past (seeded at its first
// start) with the incidents it has lived through. The state holds only a week of finished incidents,
// so a hub with a store reads both from it; a memory hub has only what its state still holds.

/** How many days or months one summary may list: about two years of days. */
export const MAX_REPORT_BUCKETS = 800;

export interface ReportArchive {
  /** Keeps finished reports from before the city's start; one already held is kept. */
  addHistory(records: readonly ReportRecord[]): Promise<void>;
  /** Every report received or resolved in [from, to), the past's and the incidents'. */
  between(from: number, to: number): Promise<ReportRecord[]>;
}

/** A hub without a store: its seeded past, and the incidents its state holds now. */
export class MemoryReportArchive implements ReportArchive {
  private readonly past = new Map<string, ReportRecord>();

  constructor(private readonly incidents: () => readonly Incident[]) {}

  addHistory(records: readonly ReportRecord[]): Promise<void> {
    for (const r of records) if (!this.past.has(r.id)) this.past.set(r.id, r);
    return Promise.resolve();
  }

  between(from: number, to: number): Promise<ReportRecord[]> {
    const inRange = (r: ReportRecord) =>
      (r.reportedAt >= from && r.reportedAt < to) ||
      (r.resolvedAt !== null && r.resolvedAt >= from && r.resolvedAt < to);
    const out: ReportRecord[] = [];
    for (const r of this.past.values()) if (inRange(r)) out.push(r);
    for (const inc of this.incidents()) {
      const r = reportRecordOf(inc);
      if (inRange(r)) out.push(r);
    }
    return Promise.resolve(out);
  }
}
