import { describe, expect, it } from 'vitest';
import { reported, useHarness } from './harness';

const kpi = (value: number) => ({
  type: 'kpi.updated',
  data: { id: 'online-services-rate', value, unit: 'percent', at: new Date().toISOString() },
});

describe('the briefing’s view of the stream', () => {
  const h = useHarness();

  it('sends a briefing its indicators and clock, not the city’s incidents, alerts, cameras and lamps', async () => {
    const hub = await h.start({ sim: { seed: 7, lamps: 500 } });
    const city = await h.connect(hub, { token: 'dev-leader' });
    const briefing = await h.connect(hub, { token: 'dev-leader', view: 'briefing' });
    for (const v of [city, briefing]) await v.until((x) => x.snapshots.length > 0, 'a snapshot');

    const full = city.snapshots[0]!;
    const slim = briefing.snapshots[0]!;
    expect(full.state.lamps.count).toBe(500);
    expect(slim.state.lamps.count).toBe(0);
    expect(slim.state.incidents).toEqual([]);
    expect(slim.state.cameras).toEqual([]);
    expect(slim.state.kpis.map((k) => k.id).sort()).toEqual(full.state.kpis.map((k) => k.id).sort());
    expect(slim.state.kpis.length).toBeGreaterThan(0);
    // Two snapshots taken moments apart of a ×720 clock: the same clock, not the same instant.
    expect(slim.state.clock).toMatchObject({ scale: full.state.clock.scale, simulated: true });
    expect(slim.power).toBeUndefined();
    expect(JSON.stringify(slim).length).toBeLessThan(JSON.stringify(full).length / 5);
  });

  it('keeps the seqs whole: what it does not carry comes elided under the same seq, and a replay too', async () => {
    const hub = await h.start();
    const briefing = await h.connect(hub, { token: 'dev-guest', view: 'briefing' });
    const answer = await h.ingest(hub, [reported({ id: 'inc-v1' }), kpi(91.5), reported({ id: 'inc-v2' })]);
    expect(answer.status).toBe(202);
    await briefing.untilSeq(3);
    expect(briefing.events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'stream.elided'],
      [2, 'kpi.updated'],
      [3, 'stream.elided'],
    ]);
    expect(briefing.events[0]!.data).toEqual({ type: 'incident.reported' });
    expect(briefing.events[1]!.data).toMatchObject({ id: 'online-services-rate', value: 91.5 });

    const late = await h.connect(hub, { token: 'dev-operator', view: 'briefing', lastSeq: 0 });
    await late.untilSeq(3);
    expect(late.events.map((e) => e.type)).toEqual(['stream.elided', 'kpi.updated', 'stream.elided']);
  });

  it('refuses a producer that ingests the placeholder itself', async () => {
    const hub = await h.start();
    const answer = await h.ingest(hub, [{ type: 'stream.elided', data: { type: 'incident.reported' } }]);
    expect(answer.status).toBe(400);
    expect(answer.body.issues?.[0]?.message).toMatch(/unknown event type "stream.elided"/);
  });
});
