import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../tests/support/render';
import { aCity, anIncident, openCity } from '../../../tests/support/city';
import { connectionChanged, eventsReceived, hubSelected } from '../../realtime/streamActions';
import type { Lang } from '../../shared/i18n/i18n';
import { ReplayContext, type ReplayControls, type ReplayView } from '../replay';
import { Header } from './Header';

/** The header's connection indicator: what an operator reads there, and the state it stands for. */
const connection = () => screen.getByTestId('connection');

describe('Header: the connection as an operator reads it', () => {
  const states: { status: 'connecting' | 'live' | 'reconnecting' | 'offline'; vi: string; en: string }[] = [
    { status: 'connecting', vi: 'Đang kết nối', en: 'Connecting' },
    { status: 'live', vi: 'Trực tuyến', en: 'Live' },
    { status: 'reconnecting', vi: 'Đang kết nối lại', en: 'Reconnecting' },
    { status: 'offline', vi: 'Mất kết nối', en: 'Offline' },
  ];
  for (const { status, vi, en } of states) {
    for (const [lang, text] of [
      ['vi', vi],
      ['en', en],
    ] as [Lang, string][]) {
      it(`says "${text}" while ${status} (${lang})`, () => {
        const { store } = renderWithProviders(<Header />, { lang });
        act(() => store.dispatch(connectionChanged({ status })));
        expect(connection().dataset.status).toBe(status);
        expect(connection().textContent).toContain(text);
      });
    }
  }

  it('starts as connecting, before the socket says anything', () => {
    renderWithProviders(<Header />);
    expect(connection().dataset.status).toBe('connecting');
    expect(connection().textContent).toContain('Đang kết nối');
  });

  it('says the access token was refused rather than just offline (vi, en)', () => {
    const { store, unmount } = renderWithProviders(<Header />);
    act(() => store.dispatch(connectionChanged({ status: 'offline', error: 'unauthorized' })));
    expect(connection().textContent).toContain('Mã truy cập không hợp lệ');
    expect(connection().textContent).not.toContain('Mất kết nối');
    unmount();

    const en = renderWithProviders(<Header />, { lang: 'en' });
    act(() => en.store.dispatch(connectionChanged({ status: 'offline', error: 'unauthorized' })));
    expect(connection().textContent).toContain('Access token refused');
  });

  it('goes back to live after a reconnect, with the refusal forgotten', () => {
    const { store } = renderWithProviders(<Header />, { lang: 'en' });
    act(() => store.dispatch(connectionChanged({ status: 'reconnecting', error: 'xhr poll error' })));
    expect(connection().textContent).toContain('Reconnecting');
    act(() => store.dispatch(connectionChanged({ status: 'live' })));
    expect(connection().dataset.status).toBe('live');
    expect(connection().textContent).toContain('Live');
  });

  it('shows the seq the page holds, in the language’s digits', () => {
    const city = openCity(aCity(), 12_345);
    renderWithProviders(<Header />, { store: city.store });
    expect(connection().textContent).toContain('#12.345');
  });

  it('while resyncing after a gap, keeps the last seq applied until the hub catches the page up', () => {
    const city = openCity(aCity(), 500);
    renderWithProviders(<Header />, { store: city.store, lang: 'en' });
    act(() => city.store.dispatch(connectionChanged({ status: 'live' })));
    city.receive({ type: 'incident.reported', data: anIncident('PA-1') });
    expect(connection().textContent).toContain('#501');

    // Two events are lost; the third arrives beyond the gap and waits for the resync.
    city.lose(2);
    city.receive({ type: 'incident.reported', data: anIncident('PA-4') });
    expect(city.resyncs).toEqual([501]);
    expect(connection().textContent).toContain('#501');
    expect(connection().dataset.status).toBe('live');

    city.snapshot(aCity(), 504);
    expect(connection().textContent).toContain('#504');
  });

  it('counts the events it dropped as bad, so that an operator can tell a producer is broken', () => {
    const { store } = renderWithProviders(<Header />, { lang: 'en' });
    act(() =>
      store.dispatch(
        eventsReceived({
          events: [],
          lights: null,
          lastSeq: 0,
          lastTs: null,
          count: 0,
          dropped: { malformed: 2, 'invalid-data': 1 },
          receivedAt: Date.now(),
        }),
      ),
    );
    expect(connection().textContent).toContain('3 bad events dropped');
  });

  it('names the hub only when the page has several to fail over between', () => {
    const { store } = renderWithProviders(<Header />, { lang: 'en' });
    act(() => store.dispatch(hubSelected({ url: '', host: 'localhost:8080', index: 0, count: 1 })));
    expect(connection().textContent).not.toContain('hub localhost:8080');
    act(() =>
      store.dispatch(hubSelected({ url: 'http://ioc-b:8080', host: 'ioc-b:8080', index: 1, count: 2 })),
    );
    expect(connection().textContent).toContain('hub ioc-b:8080');
    expect(connection().title).toBe('Hub http://ioc-b:8080 (2 of 2)');
  });
});

describe('Header: the simulation badge', () => {
  const simulated = (scale: number) => ({ ...aCity(), clock: { now: Date.now(), scale, simulated: true } });
  const replay = (playing: boolean): ReplayView => ({
    mode: 'replay',
    from: 0,
    to: 1,
    at: 0,
    playing,
    speed: 10,
    dropped: 0,
  });
  const controls: ReplayControls = {
    onOpen() {},
    onLive() {},
    onSeek() {},
    onPlayPause() {},
    onSpeed() {},
  };

  it('says the simulator’s speed on a live wall', () => {
    const city = openCity(simulated(720));
    renderWithProviders(<Header />, { store: city.store, lang: 'en' });
    expect(screen.getByTestId('sim-badge').textContent).toMatch(/×720/);
  });

  it('says no speed during a replay (the replay’s clock runs at its playing speed, 0 when paused)', () => {
    const city = openCity(simulated(60));
    renderWithProviders(
      <ReplayContext.Provider value={{ view: replay(false), controls }}>
        <Header />
      </ReplayContext.Provider>,
      { store: city.store, lang: 'en' },
    );
    const badge = screen.getByTestId('sim-badge');
    expect(badge.textContent).not.toMatch(/×/);
    expect(badge.title).toBe('');
  });
});
