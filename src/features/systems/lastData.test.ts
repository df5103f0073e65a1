import { describe, expect, it } from 'vitest';
import { lastDataLabel } from './lastData';

const daysAgo = (n: number) => `${n} ngày trước`;
// City time is UTC+7: 17:01 UTC is 00:01 in Huế.
const justAfterMidnight = '2026-11-23T17:01:00Z';

describe('a system’s last data, as the strip says it', () => {
  it('is the city time within the last 24 hours, even when that was yesterday', () => {
    expect(lastDataLabel('2026-11-23T16:58:00Z', justAfterMidnight, 'vi', daysAgo)).toBe('23:58');
    expect(lastDataLabel('2026-11-23T02:30:00Z', justAfterMidnight, 'vi', daysAgo)).toBe('09:30');
  });

  it('counts whole days once it is a day old or more, and says nothing of a system never heard', () => {
    expect(lastDataLabel('2026-11-22T17:00:00Z', justAfterMidnight, 'vi', daysAgo)).toBe('1 ngày trước');
    expect(lastDataLabel('2026-11-19T12:00:00Z', justAfterMidnight, 'vi', daysAgo)).toBe('4 ngày trước');
    expect(lastDataLabel(null, justAfterMidnight, 'vi', daysAgo)).toBeNull();
  });
});
