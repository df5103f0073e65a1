import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { givenHubApiUnreachable, givenReportArchive } from '../../../mocks/scenarios';
import { aCity, aReportOfDay, openCity } from '../../../tests/support/city';
import { renderWithProviders } from '../../../tests/support/render';
import { createHubApi } from '../../realtime/hubApi';
import { reportRecordOf, type ReportRecord } from '../../shared/city/reports';
import { HandlingPanel } from './HandlingPanel';

const hubApi = () => createHubApi({ baseUrl: () => 'http://hub.test', token: 'operator-token' });

/** The city's past in the hub's store: `n` reports resolved on 10 November, `late` of them past 48 h. */
function pastOfNovember(n: number, late: number): ReportRecord[] {
  return Array.from({ length: n }, (_, i) =>
    reportRecordOf(aReportOfDay(`past-${i}`, 13, i < late ? 60 : 5)),
  );
}

// The page holds finished reports for a week only: on 23 November it has today's and last week's, not
// those of the 1st to the 16th, which the hub's store keeps.
const today = aReportOfDay('today', 0, 2);
const lastWeek = aReportOfDay('last-week', 3, 50);

describe("the handling panel's SLA figures", () => {
  it("counts the month from the hub's store before today, and today from the page's own reports", async () => {
    givenReportArchive([...pastOfNovember(40, 10), reportRecordOf(lastWeek), reportRecordOf(today)]);
    const city = openCity(aCity({ incidents: [today, lastWeek] }));
    renderWithProviders(<HandlingPanel api={hubApi()} />, { store: city.store });

    const month = screen.getByTestId('sla-month');
    // 40 past reports (30 in time), last week's late one, today's in time: 31 of 42.
    await waitFor(() => expect(month.dataset.resolved).toBe('42'));
    expect(Number(month.dataset.value)).toBeCloseTo(31 / 42);
    expect(month.textContent).toContain('74 %');
    expect(month.textContent).toContain('31/42');
    // The day is the page's own, live, and the hub's answer is never added to it a second time.
    expect(screen.getByTestId('sla-today').dataset.resolved).toBe('1');
  });

  it("shows no month figure while the hub does not answer, rather than the page's week passed off as the month", async () => {
    givenHubApiUnreachable();
    const city = openCity(aCity({ incidents: [today, lastWeek] }));
    renderWithProviders(<HandlingPanel api={hubApi()} />, { store: city.store });

    const month = screen.getByTestId('sla-month');
    // Let the failed ask come back before judging what the panel shows.
    await new Promise((r) => setTimeout(r, 50));
    expect(month.dataset.value).toBe('');
    expect(month.textContent).toContain('–');
    expect(month.textContent).not.toContain('1/2');
    expect(screen.getByTestId('sla-today').dataset.resolved).toBe('1');
  });
});
