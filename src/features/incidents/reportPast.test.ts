import { describe, expect, it } from 'vitest';
import {
  addCategories,
  PAST_DAYS,
  pastRange,
  reportsSince,
  topCategories,
  weekRange,
  type DayReports,
} from './reportPast';

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

  it('reach back six days for the week by category', () => {
    expect(weekRange(midnight(23) + 19 * 3_600_000)).toEqual({ from: midnight(17), to: midnight(23) });
  });
});

describe("the week's reports by category", () => {
  it("add today's to the hub's, in the hub's order: most first, ties by category", () => {
    const past = [
      { category: 'waste', count: 4 },
      { category: 'flooding', count: 2 },
      { category: 'trees', count: 1 },
    ];
    const today = [
      { category: 'flooding', count: 2 },
      { category: 'other', count: 1 },
    ];
    expect(addCategories(past, today)).toEqual([
      { category: 'flooding', count: 4 },
      { category: 'waste', count: 4 },
      { category: 'other', count: 1 },
      { category: 'trees', count: 1 },
    ]);
    expect(addCategories([], [])).toEqual([]);
  });

  it('show as many as fit, and sum the others into the last row so that the rows add up', () => {
    const all = [9, 7, 5, 3, 2, 1].map((count, i) => ({ category: `c${i}`, count }));
    expect(topCategories(all, 6)).toEqual({ shown: all, rest: 0 });
    expect(topCategories(all, 4)).toEqual({ shown: all.slice(0, 3), rest: 3 + 2 + 1 });
  });
});
