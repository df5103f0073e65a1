import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/protocol/events';
import { formatRemaining, isOverdue, periodStart, slaClock, slaCompliance, slaDeadline } from './sla';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 23, 1, 0); // Mon 23 Nov 2026, 08:00 in Huế

function inc(extra: Partial<Incident> & { resolvedAfterH?: number }): Incident {
  const { resolvedAfterH, ...rest } = extra;
  const reportedAt = new Date(T0).toISOString();
  const base: Incident = {
    id: 'x',
    category: 'waste',
    title: 't',
    location: { lon: 107.58, lat: 16.46 },
    severity: 'medium',
    source: 'hue-s',
    reportedAt,
    status: 'received',
    updatedAt: reportedAt,
    history: [{ status: 'received', by: 'hue-s', at: reportedAt }],
    ...rest,
  };
  if (resolvedAfterH !== undefined) {
    const at = new Date(Date.parse(base.reportedAt) + resolvedAfterH * H).toISOString();
    base.status = 'resolved';
    base.updatedAt = at;
    base.history = [...base.history, { status: 'resolved', by: 'op', at }];
  }
  return base;
}

describe('SLA', () => {
  it('is 48 hours by default and per category where the profile says so', () => {
    expect(slaDeadline(inc({}))).toBe(T0 + 48 * H);
    expect(slaDeadline(inc({ category: 'flooding' }))).toBe(T0 + 24 * H);
    expect(slaDeadline(inc({ category: 'never-heard-of' }))).toBe(T0 + 48 * H);
  });

  it('counts down, goes overdue after the deadline, and stops when no longer open', () => {
    const open = inc({});
    expect(slaClock(open, T0 + 47 * H)).toMatchObject({ remainingMs: H, overdue: false });
    expect(isOverdue(open, T0 + 49 * H)).toBe(true);
    expect(slaClock(inc({ resolvedAfterH: 3 }), T0 + 49 * H)).toBeNull();
  });

  it('takes the city day, the week from Monday and the month in Huế time', () => {
    const now = Date.UTC(2026, 10, 25, 18, 30); // Thu 26 Nov, 01:30 in Huế
    expect(periodStart('today', now)).toBe(Date.UTC(2026, 10, 25, 17)); // 26 Nov 00:00 +07
    expect(periodStart('week', now)).toBe(Date.UTC(2026, 10, 22, 17)); // Mon 23 Nov 00:00 +07
    expect(periodStart('month', now)).toBe(Date.UTC(2026, 9, 31, 17)); // 1 Nov 00:00 +07
  });

  it('computes compliance as resolved within target over resolved, in the period only', () => {
    const now = T0 + 60 * H; // Wed 25 Nov 20:00 in Huế
    const list = [
      inc({ id: 'fast', resolvedAfterH: 5 }), // Mon, on time
      inc({ id: 'late', resolvedAfterH: 55 }), // Wed, late
      inc({ id: 'flood-late', category: 'flooding', resolvedAfterH: 30 }), // Tue, late for a 24 h target
      inc({ id: 'open' }),
      inc({ id: 'rejected', status: 'rejected' }),
    ];
    expect(slaCompliance(list, 'week', now)).toEqual({ resolved: 3, onTime: 1, rate: 1 / 3 });
    expect(slaCompliance(list, 'today', now)).toEqual({ resolved: 1, onTime: 0, rate: 0 });
    expect(slaCompliance([inc({})], 'month', now).rate).toBeNull();
  });

  it('formats a countdown short enough for a list row', () => {
    expect(formatRemaining(2 * H + 5 * 60_000)).toBe('2 h 05 m');
    expect(formatRemaining(-(3 * H + 10 * 60_000))).toBe('-3 h 10 m');
    expect(formatRemaining(50 * H)).toBe('2 d 2 h');
  });
});
