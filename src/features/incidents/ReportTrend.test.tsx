import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { givenHubApiUnreachable, givenReportArchive } from '../../../mocks/scenarios';
import { aCity, aReportOfDay, CITY_NOW, openCity } from '../../../tests/support/city';
import { renderWithProviders } from '../../../tests/support/render';
import { createHubApi } from '../../realtime/hubApi';
import { reportRecordOf } from '../../shared/city/reports';
import { chartDays, ReportTrend, WeekByCategory } from './ReportTrend';

const H = 3_600_000;
const DAY = 24 * H;
const hubApi = () => createHubApi({ baseUrl: () => 'http://hub.test', token: 'leader-token' });

const many = (n: number, daysAgo: number, afterH?: number) =>
  Array.from({ length: n }, (_, i) => aReportOfDay(`d${daysAgo}-${i}`, daysAgo, afterH));

describe("a leader's report trend", () => {
  it('counts today, seven days and the month, and draws each day of the fortnight', async () => {
    // In the hub's store: 20 reports on 10 November, 6 on the 19th (resolved within the day), 3 on
    // the 22nd. The page holds today's 2 and the 22nd's (a week of reports).
    const page = [...many(2, 0), ...many(3, 1)];
    const past = [...many(20, 13, 5), ...many(6, 4, 2)];
    givenReportArchive([...past, ...page].map(reportRecordOf));
    const city = openCity(aCity({ incidents: page }));
    renderWithProviders(<ReportTrend api={hubApi()} />, { store: city.store });

    expect(screen.getByTestId('reports-today').dataset.received).toBe('2');
    await waitFor(() => expect(screen.getByTestId('reports-month').dataset.received).toBe('31'));
    expect(screen.getByTestId('reports-week').dataset.received).toBe('11');
    expect(screen.getByTestId('reports-month').textContent).toContain('26 đã giải quyết');

    const bars = [...document.querySelectorAll<SVGGElement>('.report-bars g')];
    expect(bars).toHaveLength(15);
    expect(bars.map((b) => Number(b.dataset.received))).toEqual([
      0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 3, 2,
    ]);
    expect(Number(bars[10]!.dataset.resolved)).toBe(6);
    // The tallest day fills the chart; the others stand in proportion to it.
    const height = (b: SVGGElement) => Number(b.querySelector('.received')!.getAttribute('height'));
    expect(height(bars[1]!)).toBe(100);
    expect(height(bars[10]!)).toBeCloseTo(30);
    expect(screen.getByText('09/11')).toBeTruthy();
    expect(screen.getByTestId('reports-peak').textContent).toBe('Cao nhất 20/ngày');
  });

  it('says it waits for the hub, and shows only today, while the hub does not answer', async () => {
    givenHubApiUnreachable();
    const city = openCity(aCity({ incidents: [...many(2, 0), ...many(3, 1)] }));
    renderWithProviders(<ReportTrend api={hubApi()} />, { store: city.store, lang: 'en' });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByTestId('reports-today').dataset.received).toBe('2');
    expect(screen.getByTestId('reports-week').dataset.received).toBe('');
    expect(screen.getByTestId('reports-week').textContent).toContain('–');
    expect(screen.getByText("Waiting for the earlier days' figures from the hub")).toBeTruthy();
    expect(document.querySelector('.report-bars')).toBeNull();
  });

  it('fills the days the hub did not list with zeros', () => {
    const today = { start: Date.UTC(2026, 10, 22, 17), received: 1, resolved: 0, onTime: 0 };
    const days = chartDays([{ start: today.start - 3 * DAY, received: 4, resolved: 2, onTime: 2 }], today);
    expect(days).toHaveLength(15);
    expect(days.map((d) => d.received)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 1]);
    expect(days.every((d, i) => i === 0 || d.start - days[i - 1]!.start === DAY)).toBe(true);
  });

  it("lists the week's reports by category: the hub's six days before today and today's live", async () => {
    const of = (category: string, n: number, daysAgo: number) =>
      many(n, daysAgo).map((r, i) => ({ ...r, id: `${category}-${daysAgo}-${i}`, category }));
    // The page holds yesterday's and today's; the store all of them, and a fortnight ago's trees.
    const page = [...of('waste', 2, 0), ...of('noise-at-night', 1, 0), ...of('road-damage', 1, 1)];
    const store = [...page, ...of('flooding', 3, 2), ...of('waste', 1, 6), ...of('trees', 5, 10)];
    givenReportArchive(store.map(reportRecordOf));
    const city = openCity(aCity({ incidents: page }));
    renderWithProviders(<WeekByCategory api={hubApi()} cityMinute={CITY_NOW} />, { store: city.store });

    const rows = async () =>
      [...document.querySelectorAll<HTMLElement>('.report-category')].map((r) => [
        r.dataset.category,
        r.dataset.count,
        r.textContent,
      ]);
    await waitFor(async () => expect(await rows()).toHaveLength(4));
    // Yesterday's road report is counted once (from the hub), a category the city does not list as other.
    expect(await rows()).toEqual([
      ['flooding', '3', 'Ngập úng, nước đọng3'],
      ['waste', '3', 'Rác thải3'],
      ['other', '1', 'Khác1'],
      ['road-damage', '1', 'Đường hư hỏng1'],
    ]);
    const widths = [...document.querySelectorAll<HTMLElement>('.report-category-bar > span')].map((b) =>
      parseFloat(b.style.width),
    );
    expect(widths[0]).toBe(100);
    expect(widths[2]).toBeCloseTo(100 / 3);
  });

  it('sums the categories past the eighth row into one, without a bar of its own', async () => {
    const cats = [
      'waste',
      'flooding',
      'trees',
      'manhole',
      'telecom',
      'streetlight',
      'urban-order',
      'road-damage',
    ];
    // Today: the first category 9 times, then one fewer each; the last two (2 and 1) are the rest.
    const page = cats.flatMap((category, k) =>
      many(9 - k, 0).map((r, i) => ({ ...r, id: `${category}-${i}`, category })),
    );
    page.push({ ...aReportOfDay('x', 0), category: 'illegal-parking' });
    givenReportArchive(page.map(reportRecordOf));
    const city = openCity(aCity({ incidents: page }));
    renderWithProviders(<WeekByCategory api={hubApi()} cityMinute={CITY_NOW} />, {
      store: city.store,
      lang: 'en',
    });
    await waitFor(() => expect(document.querySelectorAll('.report-category')).toHaveLength(8));
    const rest = document.querySelector<HTMLElement>('.report-category:last-child')!;
    expect([rest.dataset.category, rest.dataset.count, rest.textContent]).toEqual([
      'rest',
      '3',
      'All other categories3',
    ]);
    expect(rest.querySelector('.report-category-bar > span')).toBeNull();
    expect(document.querySelectorAll('.report-category-bar > span')).toHaveLength(7);
  });
});
