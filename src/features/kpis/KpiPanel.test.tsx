import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { givenHubApiUnreachable, givenKpiHistory } from '../../../mocks/scenarios';
import { renderWithProviders } from '../../../tests/support/render';
import { streamFrame } from '../../../tests/support/streamFrames';
import { createHubApi } from '../../realtime/hubApi';
import { HUE_KPIS } from '../../shared/city/kpiCatalogue';
import { monthsBefore, nextPeriodStart, periodStart } from '../../shared/city/periods';
import { KPI_IDS } from '../../shared/protocol/codes';
import type { Kpi, KpiSample } from '../../shared/protocol/events';
import { KpiPanel } from './KpiPanel';

// 10:00 on 4 December 2026 in Huế: December is 3 days 10 hours old.
const NOW = Date.parse('2026-12-04T03:00:00.000Z');
const AT = new Date(NOW).toISOString();
const DEC = periodStart('month', NOW);

const hubApi = () => createHubApi({ baseUrl: () => 'http://hub.test', token: 'leader-token' });

/** The stream brings the city's value of each indicator's period in progress. */
function streamValues(
  store: ReturnType<typeof renderWithProviders>['store'],
  values: Record<string, number>,
) {
  const events = Object.entries(values).map(([id, value]) => ({
    type: 'kpi.updated' as const,
    data: { id, value, unit: HUE_KPIS.find((k) => k.id === id)!.unit, at: AT } as Kpi,
  }));
  act(() => {
    store.dispatch(streamFrame(events, NOW));
  });
}

/** Eleven months before December, one value each, for `id`. */
function monthly(id: string, value: (monthsAgo: number) => number): KpiSample[] {
  return Array.from({ length: 11 }, (_, i) => {
    const start = monthsBefore(NOW, i + 1);
    return {
      id,
      value: value(i + 1),
      period: { kind: 'month' as const, start: new Date(start).toISOString() },
      at: new Date(nextPeriodStart('month', start) - 1).toISOString(),
      simulated: true,
    };
  });
}

describe("the wall's KPI trend tiles", () => {
  it('shows its nine indicators, named, and leaves the rest of the catalogue to the briefing', () => {
    givenKpiHistory([], NOW);
    const { store } = renderWithProviders(<KpiPanel api={hubApi()} />);
    streamValues(store, Object.fromEntries(HUE_KPIS.map((k) => [k.id, 1])));
    const tiles = screen.getAllByTestId(/^tile-kpi-/);
    expect(tiles.map((t) => t.dataset.testid)).toEqual(KPI_IDS.map((id) => `tile-kpi-${id}`));
    expect(screen.getByText('Thanh toán không dùng tiền mặt')).toBeTruthy();
    expect(screen.queryByText('digital-teams')).toBeNull();
  });

  it('shows the value, its target and the trend, and marks a value below target in words as well as colour', async () => {
    givenKpiHistory(
      [...monthly('cashless-rate', (ago) => 66 - ago), ...monthly('online-services-rate', () => 94)],
      NOW,
    );
    const { store } = renderWithProviders(<KpiPanel api={hubApi()} />);
    streamValues(store, { 'cashless-rate': 66, 'online-services-rate': 96.2, 'tourist-arrivals': 60_000 });

    const cashless = screen.getByTestId('tile-kpi-cashless-rate');
    expect(within(cashless).getByText('66 %')).toBeTruthy();
    expect(screen.getByTestId('kpi-target-cashless-rate').textContent).toBe('▼ Chỉ tiêu 70 %');
    expect(cashless.dataset.below).toBe('true');
    expect(within(cashless).getByLabelText('Chưa đạt')).toBeTruthy();

    const online = screen.getByTestId('tile-kpi-online-services-rate');
    expect(within(online).getByText('96,2 %')).toBeTruthy();
    expect(online.dataset.below).toBe('false');
    expect(within(online).getByLabelText('Đạt')).toBeTruthy();

    // A month's count to the 4th is held to the month's target for the part gone by: 450,000 × 3 days
    // 10 hours / 31 days, which 60,000 arrivals exceed.
    const tourists = screen.getByTestId('tile-kpi-tourist-arrivals');
    const elapsed = (NOW - DEC) / (nextPeriodStart('month', NOW) - DEC);
    expect(screen.getByTestId('kpi-target-tourist-arrivals').textContent).toBe(
      `✓ Chỉ tiêu ${Math.round(450_000 * elapsed).toLocaleString('vi-VN')}`,
    );
    expect(tourists.dataset.below).toBe('false');

    // The history arrives: the months behind and this one draw a sparkline, in red when below target.
    await waitFor(() => expect(cashless.querySelector('svg')).not.toBeNull());
    expect(cashless.querySelector('path[stroke="var(--bad)"]')).not.toBeNull();
    expect(online.querySelector('path[stroke="var(--accent)"]')).not.toBeNull();
    // No history for the tourists: their value stands without a trend.
    expect(tourists.querySelector('svg')).toBeNull();
  });

  it('shows the values without trends, and no alarm, when the hub does not answer', async () => {
    givenHubApiUnreachable();
    const { store } = renderWithProviders(<KpiPanel api={hubApi()} />);
    streamValues(store, { 'cashless-rate': 66 });
    await new Promise((r) => setTimeout(r, 50));
    const cashless = screen.getByTestId('tile-kpi-cashless-rate');
    expect(within(cashless).getByText('66 %')).toBeTruthy();
    expect(cashless.querySelector('svg')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
