import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCity, CITY_NOW, openCity } from '../../../tests/support/city';
import { renderWithProviders } from '../../../tests/support/render';
import { givenWardShapes } from '../../../mocks/scenarios';
import type { HubApi, KpiHistoryQuery } from '../../app/connection';
import { HubApiError } from '../../app/connection';
import { HUE_KPIS } from '../../shared/city/kpiCatalogue';
import { monthsBefore } from '../../shared/city/periods';
import type { KpiSample } from '../../shared/protocol/events';
import { BriefingPage } from './BriefingPage';

const iso = (t: number) => new Date(t).toISOString();

/** A month's value of an indicator `back` months before this one, measured at that month's end (or now). */
function month(id: string, back: number, value: number): KpiSample {
  const start = monthsBefore(CITY_NOW, back);
  const end = back === 0 ? CITY_NOW - 60_000 : monthsBefore(CITY_NOW, back - 1) - 1;
  return { id, value, period: { kind: 'month', start: iso(start) }, at: iso(end), simulated: true };
}

/**
 * The hub's history as the page asks for it: cashless payments below their 70 % target this month
 * and rising through the year, online services above their 95 %, nothing else.
 */
const HISTORY: KpiSample[] = [
  ...Array.from({ length: 11 }, (_, i) => month('cashless-rate', 10 - i, 55 + i)),
  month('online-services-rate', 0, 96.5),
  month('online-services-rate', 1, 95.5),
];

function hubWith(history: readonly KpiSample[], asked: KpiHistoryQuery[] = []): HubApi {
  return {
    async kpiHistory(id, q) {
      asked.push(q);
      if (q.ward) return { samples: [], dropped: 0, to: CITY_NOW };
      const from = q.from ?? monthsBefore(CITY_NOW, 24);
      const samples = history.filter((s) => s.id === id && Date.parse(s.period.start) >= from);
      return { samples, dropped: 0, to: CITY_NOW };
    },
    async cityHistory(q) {
      asked.push({ ...q, ward: 'city' });
      const from = q.from ?? monthsBefore(CITY_NOW, 24);
      const indicators = new Map(
        HUE_KPIS.map((k) => [
          k.id,
          history.filter((s) => s.id === k.id && Date.parse(s.period.start) >= from),
        ]),
      );
      return { indicators, dropped: 0, to: CITY_NOW };
    },
    async reportsSummary(q) {
      return {
        from: q.from ?? CITY_NOW,
        to: q.to ?? CITY_NOW,
        bucket: q.bucket,
        buckets: [],
        categories: [],
        simulated: false,
      };
    },
  };
}

function openBriefing(api: HubApi, lang: 'vi' | 'en' = 'vi') {
  givenWardShapes();
  const city = openCity(aCity({ now: CITY_NOW }));
  return renderWithProviders(<BriefingPage api={api} header={null} />, { store: city.store, lang });
}

const tile = (id: string) => screen.getByTestId(`briefing-tile-${id}`);

describe('the leaders’ briefing', () => {
  it('shows each headline against its target, plainly below it where it is, for this month', async () => {
    const asked: KpiHistoryQuery[] = [];
    openBriefing(hubWith(HISTORY, asked));
    await waitFor(() => expect(tile('cashless-rate').dataset.value).toBe('65'));
    // every indicator's city history in one request, as far back as the hub keeps by default
    expect(asked.filter((q) => q.ward === 'city')).toEqual([{ ward: 'city' }]);
    expect(screen.getByTestId('briefing-period-month').getAttribute('aria-pressed')).toBe('true');
    const cashless = tile('cashless-rate');
    expect(cashless.dataset.below).toBe('true');
    expect(within(cashless).getByText('▼ Chưa đạt')).toBeTruthy();
    expect(within(cashless).getByText('+1 điểm %')).toBeTruthy();
    expect(tile('online-services-rate').dataset.below).toBe('false');
    expect(within(tile('online-services-rate')).getByText('✓ Đạt')).toBeTruthy();
    // no data is said as such, not drawn as 0
    expect(tile('tourist-arrivals').dataset.value).toBe('');
    expect(within(tile('tourist-arrivals')).getByText('Chưa có số liệu')).toBeTruthy();
  });

  it('moves through the periods by the presenter’s keys, and the figures follow', async () => {
    const { user } = openBriefing(hubWith(HISTORY));
    await waitFor(() => expect(tile('cashless-rate').dataset.value).toBe('65'));
    await user.keyboard('5');
    expect(screen.getByTestId('briefing').dataset.period).toBe('year');
    // the year to date: the mean of January to November, 55 … 65
    expect(Number(tile('cashless-rate').dataset.value)).toBeCloseTo(60, 6);
    await user.keyboard('{PageUp}');
    expect(screen.getByTestId('briefing').dataset.period).toBe('quarter');
    // October and November
    expect(Number(tile('cashless-rate').dataset.value)).toBeCloseTo(64.5, 6);
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(screen.getByTestId('briefing').dataset.period).toBe('today');
    // a monthly rate today is this month's
    expect(tile('cashless-rate').dataset.value).toBe('65');
  });

  it('opens an indicator from its tile and every indicator from the table, in English too', async () => {
    const { user } = openBriefing(hubWith(HISTORY), 'en');
    await waitFor(() => expect(tile('cashless-rate').dataset.value).toBe('65'));
    await user.click(tile('cashless-rate'));
    const detail = screen.getByTestId('briefing-kpi-detail');
    expect(within(detail).getByRole('heading', { name: 'Cashless payments' })).toBeTruthy();
    expect(within(detail).getByTestId('detail-value').textContent).toBe('65 %');
    expect(within(detail).getByText('▼ Not met')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('briefing-kpi-detail')).toBeNull();
    await user.click(screen.getByTestId('briefing-all'));
    const table = screen.getByTestId('briefing-table');
    expect(within(table).getAllByTestId(/^table-row-/)).toHaveLength(HUE_KPIS.length);
    expect(within(table).getByText('Public administration')).toBeTruthy();
  });

  it('says so when the hub cannot give the history, and shows no made-up figures', async () => {
    const down: HubApi = {
      kpiHistory: async () => {
        throw new HubApiError('hub unreachable: connect ECONNREFUSED', null);
      },
      cityHistory: async () => {
        throw new HubApiError('hub unreachable: connect ECONNREFUSED', null);
      },
      reportsSummary: async () => {
        throw new HubApiError('hub unreachable', null);
      },
    };
    openBriefing(down);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Không tải được số liệu: hub unreachable');
    expect(tile('cashless-rate').dataset.value).toBe('');
  });
});
