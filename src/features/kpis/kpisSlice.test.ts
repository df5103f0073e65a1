import { describe, expect, it } from 'vitest';
import { streamFrame } from '../../../tests/support/streamFrames';
import { makeStore } from '../../app/store';
import type { Kpi } from '../../shared/protocol/events';

const AT = '2026-12-04T03:00:00.000Z';
const DEC = '2026-11-30T17:00:00.000Z';
const NOV = '2026-10-31T17:00:00.000Z';
const cashless = (value: number, extra: Partial<Kpi> = {}): Kpi => ({
  id: 'cashless-rate',
  value,
  unit: 'percent',
  at: AT,
  period: { kind: 'month', start: DEC },
  ...extra,
});

describe('the KPIs the wall shows', () => {
  it("holds the city's value of the latest period, not a ward's or an earlier period's", () => {
    const store = makeStore();
    const send = (k: Kpi) => store.dispatch(streamFrame([{ type: 'kpi.updated', data: k }], Date.parse(AT)));
    send(cashless(66));
    send(cashless(90, { ward: '19753' }));
    send(cashless(40, { period: { kind: 'month', start: NOV } }));
    expect(store.getState().kpis['cashless-rate']?.value).toBe(66);
    send(cashless(67.5));
    expect(store.getState().kpis['cashless-rate']?.value).toBe(67.5);
  });
});
