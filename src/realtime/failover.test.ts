import { describe, expect, it } from 'vitest';
import { DEFAULT_FAILOVER, FailoverTracker, hubHost, nextHubIndex } from './failover';

const policy = { ...DEFAULT_FAILOVER, maxFailures: 2, maxDownMs: 3000 };

describe('nextHubIndex', () => {
  it('goes round the list', () => {
    expect([0, 1, 2].map((i) => nextHubIndex(i, 3))).toEqual([1, 2, 0]);
    expect(nextHubIndex(0, 1)).toBe(0);
  });
});

describe('FailoverTracker', () => {
  it('moves on after two failed attempts in a row', () => {
    const t = new FailoverTracker(3, policy);
    t.down(0);
    expect(t.failed(300)).toBe(false);
    expect(t.failed(900)).toBe(true);
    expect(t.move()).toEqual({ index: 1, delayMs: 0 });
    expect(t.index).toBe(1);
  });

  it('moves on when a hub has not (re)connected within the time bound, without any failure', () => {
    const t = new FailoverTracker(2, policy);
    t.down(1000);
    expect(t.deadline()).toBe(4000);
    expect(t.shouldMove(3999)).toBe(false);
    expect(t.shouldMove(4000)).toBe(true);
    // Waiting for a hub already waited for does not restart its clock.
    t.down(2000);
    expect(t.deadline()).toBe(4000);
  });

  it('starts over on a connection: failures before it do not count', () => {
    const t = new FailoverTracker(2, policy);
    t.down(0);
    t.failed(500);
    t.connected();
    expect(t.deadline()).toBeNull();
    expect(t.shouldMove(60_000)).toBe(false);
    // A drop later: the hub gets its full allowance again.
    t.down(60_000);
    expect(t.failed(60_500)).toBe(false);
    expect(t.failed(61_000)).toBe(true);
  });

  it('never moves with one hub: socket.io keeps retrying it', () => {
    const t = new FailoverTracker(1, policy);
    t.down(0);
    for (let i = 1; i <= 10; i++) expect(t.failed(i * 1000)).toBe(false);
    expect(t.deadline()).toBeNull();
  });

  it('after each round that found no hub, pauses longer and gives each hub longer', () => {
    const t = new FailoverTracker(2, policy);
    const round = () => [t.move(), t.move()].map((m) => m.delayMs);
    expect(round()).toEqual([0, 1000]);
    expect(t.maxDownMs).toBe(6000);
    expect(round()).toEqual([0, 2000]);
    expect(t.maxDownMs).toBe(12_000);
    expect(round()).toEqual([0, 4000]);
    expect(t.maxDownMs).toBe(20_000);
    for (let i = 0; i < 5; i++) round();
    expect(t.move().delayMs).toBe(0);
    expect(t.move().delayMs).toBe(DEFAULT_FAILOVER.maxRoundDelayMs);
    // A connection ends the backoff.
    t.connected();
    expect(t.maxDownMs).toBe(3000);
    expect(round()).toEqual([0, 1000]);
  });

  it('with two hubs, goes back and forth', () => {
    const t = new FailoverTracker(2, policy);
    expect([t.move().index, t.move().index, t.move().index]).toEqual([1, 0, 1]);
  });
});

describe('hubHost', () => {
  it("is the URL's host:port, or the page's own host for ''", () => {
    expect(hubHost('http://10.0.0.5:8080')).toBe('10.0.0.5:8080');
    expect(hubHost('https://hub.hue.gov.vn')).toBe('hub.hue.gov.vn');
    expect(hubHost('', 'wall.local:8080')).toBe('wall.local:8080');
  });
});
