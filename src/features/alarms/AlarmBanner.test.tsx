import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { givenHub, givenHubRefusesCommands, refusal, type HubDouble } from '../../../mocks/scenarios';
import { aCity, anIncident, aReport, openCity, type TestCity } from '../../../tests/support/city';
import { renderWithProviders } from '../../../tests/support/render';
import type { Lang } from '../../shared/i18n/i18n';
import { AlarmCenter } from './AlarmCenter';

/** The banner as assistive technology finds it; absent (hidden) while nothing rings. */
const banner = (lang: Lang = 'vi') =>
  screen.queryByRole('region', { name: lang === 'vi' ? 'Báo động sự cố' : 'Incident alarms' });

/** The page as App wires it: an operator's page acknowledges through the hub's `send`. */
function renderAlarms(city: TestCity, hub: HubDouble | null, lang: Lang = 'vi') {
  const acknowledge = hub
    ? (incidentId: string) => hub.send('incident.acknowledge', { incidentId })
    : undefined;
  return renderWithProviders(<AlarmCenter onAcknowledge={acknowledge} />, { store: city.store, lang });
}

describe('the alarm banner', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stays out of sight while nothing rings, and raises a severe report as it arrives', () => {
    const city = openCity(aCity());
    renderAlarms(city, null);
    expect(banner()).toBeNull();

    city.receive({
      type: 'incident.reported',
      data: aReport('PA-7', { severity: 'critical', title: 'Cháy xe trên cầu Trường Tiền' }),
    });
    const items = within(banner()!).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]!.textContent).toContain('Khẩn cấp');
    expect(items[0]!.textContent).toContain('Rác thải');
    expect(items[0]!.textContent).toContain('Cháy xe trên cầu Trường Tiền');
    expect(items[0]!.textContent).toContain('Phú Xuân');
  });

  it('does not ring for a report below high', () => {
    const city = openCity(aCity());
    renderAlarms(city, null);
    city.receive({ type: 'incident.reported', data: aReport('PA-8', { severity: 'medium' }) });
    expect(banner()).toBeNull();
  });

  it('reads in English on an English page', () => {
    const city = openCity(aCity());
    renderAlarms(city, givenHubRefusesCommands(refusal.forbidden), 'en');
    city.receive({ type: 'incident.reported', data: aReport('PA-7', { severity: 'high', ward: undefined }) });
    const item = within(banner('en')!).getByRole('listitem');
    expect(item.textContent).toContain('High');
    expect(item.textContent).toContain('Ward unknown');
    expect(within(item).getByRole('button').textContent).toBe('Acknowledge');
  });

  it('lets an operator acknowledge: the command goes to the hub, and the alarm leaves once it is done', async () => {
    const city = openCity(aCity());
    const inc = anIncident('PA-9', { severity: 'critical' });
    const hub = givenHub({ incidents: [inc], publish: (event) => city.receive(event) });
    const { user } = renderAlarms(city, hub);
    city.receive({ type: 'incident.reported', data: aReport('PA-9', { severity: 'critical' }) });

    await user.click(within(banner()!).getByRole('button', { name: 'Xác nhận' }));
    expect(hub.sent).toEqual([{ type: 'incident.acknowledge', data: { incidentId: 'PA-9' } }]);
    await waitFor(() => expect(banner()).toBeNull());
  });

  it('shows an alarm acknowledged elsewhere as done, with who did it, and no button', () => {
    const city = openCity(aCity());
    renderAlarms(city, givenHub({}));
    city.receive({ type: 'incident.reported', data: aReport('PA-3', { severity: 'critical' }) });
    city.receive({
      type: 'incident.updated',
      data: {
        id: 'PA-3',
        status: 'received',
        by: 'Trần Thị B',
        at: new Date().toISOString(),
        acknowledged: true,
      },
    });
    const item = within(banner()!).getByRole('listitem');
    expect(item.textContent).toContain('✓ Đã xác nhận · Trần Thị B');
    expect(within(item).queryByRole('button')).toBeNull();
  });

  it('says why the hub refused an acknowledgement, and keeps the alarm ringing', async () => {
    const city = openCity(aCity());
    const { user } = renderAlarms(city, givenHubRefusesCommands(refusal.forbidden));
    city.receive({ type: 'incident.reported', data: aReport('PA-5', { severity: 'critical' }) });

    await user.click(within(banner()!).getByRole('button', { name: 'Xác nhận' }));
    const alert = await within(banner()!).findByRole('alert');
    expect(alert.textContent).toBe('Không xác nhận được: tài khoản không có quyền thao tác');
    expect(within(banner()!).getByRole('button', { name: 'Xác nhận' })).toBeTruthy();
  });

  it('shows a refusal it does not know as the hub worded it, as text', async () => {
    const city = openCity(aCity());
    const { user } = renderAlarms(city, givenHubRefusesCommands('<img src=x onerror=alert(1)>'), 'en');
    city.receive({ type: 'incident.reported', data: aReport('PA-5', { severity: 'critical' }) });

    await user.click(within(banner('en')!).getByRole('button', { name: 'Acknowledge' }));
    const alert = await within(banner('en')!).findByRole('alert');
    expect(alert.textContent).toBe('Could not acknowledge: <img src=x onerror=alert(1)>');
    expect(alert.querySelector('img')).toBeNull();
  });

  it('shows three alarms, critical first and newest first, and counts the rest', () => {
    const city = openCity(aCity());
    renderAlarms(city, null);
    // A second apart, so that "newest" is told by the clock the page reads, not by arrival order.
    vi.useFakeTimers({ toFake: ['Date'] });
    const arrive = (id: string, severity: 'high' | 'critical') => {
      vi.setSystemTime(Date.now() + 1000);
      city.receive({ type: 'incident.reported', data: aReport(id, { severity, title: id }) });
    };
    arrive('C-1', 'critical');
    arrive('H-1', 'high');
    arrive('C-2', 'critical');
    arrive('H-2', 'high');
    arrive('H-3', 'high');

    const items = within(banner()!).getAllByRole('listitem');
    const ids = ['C-1', 'C-2', 'H-1', 'H-2', 'H-3'];
    expect(items.map((i) => ids.find((id) => i.textContent?.includes(id)))).toEqual(['C-2', 'C-1', 'H-3']);
    expect(screen.getByTestId('alarm-more').textContent).toBe('+2 báo động khác');
  });

  it('offers no acknowledge button on a page that may not send commands', () => {
    const city = openCity(aCity());
    renderAlarms(city, null);
    city.receive({ type: 'incident.reported', data: aReport('PA-1', { severity: 'critical' }) });
    expect(within(banner()!).getByRole('listitem')).toBeTruthy();
    expect(within(banner()!).queryByRole('button')).toBeNull();
  });

  it('renders a producer’s title as text, never as HTML', () => {
    const city = openCity(aCity());
    renderAlarms(city, null);
    const title = '<b>Ngập</b><script>window.owned = 1</script>';
    city.receive({ type: 'incident.reported', data: aReport('PA-1', { severity: 'critical', title }) });
    const item = within(banner()!).getByRole('listitem');
    expect(within(item).getByText(title).textContent).toBe(title);
    expect(item.querySelector('b, script')).toBeNull();
  });
});
