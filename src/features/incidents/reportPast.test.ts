import { describe, expect, it } from 'vitest';
import { PAST_DAYS, pastRange, reportsSince, type DayReports } from './reportPast';

const DAY = 86_400_000;
/** Midnight in Huế (UTC+7) of a November 2026 day. */
const midnight = (day: number) => Date.UTC(2026, 10, day) - 7 * 3_600_000;

describe("the days before today that the wall reads from the hub's store", () => {
  it('reach back to the 1st of the month, and a fortnight at least, up to today’s midnight', () => {
    const late = midnight(23) + 19 * 3_600_000; // 23 November, 19:00
    expect(pastRange(late)).toEqual({ from: midnight(1), to: midnight(23) });
    const early = midnight(3) + 3_600_000; // 3 November, 01:00: the month is two days old
    expect(pastRange(early)).toEqual({ from: midnight(3) - PAST_DAYS * DAY, to: midnight(3) });
  });

  it("add the hub's days from a period's start to today's live counts, and no day before it or of today", () => {
    const day = (d: number, received: number, resolved: number, onTime: number): DayReports => ({
      start: midnight(d),
      received,
      resolved,
      onTime,
    });
    const past = [day(20, 9, 9, 9), day(21, 4, 3, 2), day(22, 5, 4, 1), day(23, 100, 100, 0)];
    const today = day(23, 2, 1, 1);
    expect(reportsSince(past, today, midnight(21))).toEqual({
      received: 4 + 5 + 2,
      resolved: 3 + 4 + 1,
      onTime: 2 + 1 + 1,
      rate: 4 / 8,
    });
    // A period that starts today is today's counts alone; nothing resolved has no rate.
    expect(reportsSince(past, day(23, 1, 0, 0), midnight(23))).toEqual({
      received: 1,
      resolved: 0,
      onTime: 0,
      rate: null,
    });
  });
});
