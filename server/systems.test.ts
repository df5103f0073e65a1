import { describe, expect, it } from 'vitest';
import type { StreamEvent, SystemsReport } from '../src/shared/protocol/events';
import { report } from './fixtures';
import { SYSTEM_THRESHOLDS, SystemsAnnouncer, systemStatus, SystemsWatch } from './systems';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('a system judged by the age of its last data', () => {
  it('is connected, then late, then silent, at its own thresholds', () => {
    const lamps = SYSTEM_THRESHOLDS.lighting;
    expect(systemStatus(30_000, lamps)).toBe('connected');
    expect(systemStatus(MINUTE, lamps)).toBe('late');
    expect(systemStatus(5 * MINUTE, lamps)).toBe('silent');
    expect(systemStatus(null, lamps)).toBe('silent');
    // A month's statistics are not late after a week.
    expect(systemStatus(7 * DAY, SYSTEM_THRESHOLDS.statistics)).toBe('connected');
    expect(systemStatus(41 * DAY, SYSTEM_THRESHOLDS.statistics)).toBe('late');
  });
});

describe('SystemsWatch', () => {
  it('hears each system in its events and heartbeats, on the real clock, showing city time', () => {
    let real = 1_000_000;
    const watch = new SystemsWatch(() => real);
    const cityTs = Date.parse('2026-11-23T10:00:00.000Z');
    const events = [
      { seq: 1, ts: cityTs, type: 'incident.reported', data: report('PA-1', { source: 'hue-s' }) },
      { seq: 2, ts: cityTs, type: 'incident.reported', data: report('PA-2', { source: 'hotline' }) },
      {
        seq: 3,
        ts: cityTs,
        type: 'kpi.updated',
        data: { id: 'budget-revenue', value: 1, unit: 'billion-vnd', at: '2026-11-23T10:00:00Z' },
      },
      { seq: 4, ts: cityTs, type: 'light.states', data: { i: [0], s: [1], l: [100] } },
    ] as StreamEvent[];
    watch.noteEvents(events);
    watch.heard('museum', cityTs + 1000);
    real += 2 * MINUTE;
    const status = new Map(watch.statuses().map((s) => [s.system, s]));
    expect(status.get('hue-s')).toEqual({
      system: 'hue-s',
      status: 'late',
      lastAt: '2026-11-23T10:00:00.000Z',
    });
    expect(status.get('lighting')?.status).toBe('late');
    expect(status.get('statistics')?.status).toBe('connected');
    expect(status.get('museum')).toMatchObject({ status: 'connected', lastAt: '2026-11-23T10:00:01.000Z' });
    expect(status.get('cameras')).toEqual({ system: 'cameras', status: 'silent', lastAt: null });
  });
});

describe('SystemsAnnouncer', () => {
  const CITY = Date.parse('2026-11-23T10:00:00.000Z');
  function announcer() {
    let real = 1_000_000;
    const watch = new SystemsWatch(() => real);
    const sent: SystemsReport[] = [];
    const a = new SystemsAnnouncer(
      watch,
      (r) => sent.push(r),
      () => CITY,
      () => real,
      5000,
    );
    return { watch, sent, a, pass: (ms: number) => (real += ms) };
  }
  const statusOf = (r: SystemsReport | undefined, system: string) =>
    r?.systems.find((s) => s.system === system)?.status;

  it('pushes a status change once, at the first check after it', () => {
    const { watch, sent, a, pass } = announcer();
    watch.heard('lighting', CITY);
    a.check();
    expect(sent).toHaveLength(1);
    expect(statusOf(sent[0], 'lighting')).toBe('connected');
    // Nothing changed: nothing is sent.
    pass(1000);
    a.check();
    expect(sent).toHaveLength(1);
    // A minute without lamp data: the lighting is late, and the viewers are told once.
    pass(MINUTE);
    a.check();
    pass(1000);
    a.check();
    a.check();
    expect(sent).toHaveLength(2);
    expect(statusOf(sent[1], 'lighting')).toBe('late');
    expect(sent[1]!.at).toBe('2026-11-23T10:00:00.000Z');
    // A heartbeat: connected again, told at once, though the last push was a second ago.
    watch.heard('lighting', CITY + 5000);
    a.check();
    expect(sent).toHaveLength(3);
    expect(sent[2]!.systems.find((s) => s.system === 'lighting')).toEqual({
      system: 'lighting',
      status: 'connected',
      lastAt: '2026-11-23T10:00:05.000Z',
    });
  });

  it('sends moved times of last data alone at most every refresh interval', () => {
    const { watch, sent, a, pass } = announcer();
    watch.heard('cameras', CITY);
    a.check();
    for (let i = 1; i <= 9; i++) {
      pass(1000);
      watch.heard('cameras', CITY + i * 1000);
      a.check();
    }
    // Nine seconds of camera events, all connected: the first push, and one refresh at 5 s.
    expect(sent).toHaveLength(2);
    expect(sent[1]!.systems.find((s) => s.system === 'cameras')?.lastAt).toBe('2026-11-23T10:00:05.000Z');
  });
});
