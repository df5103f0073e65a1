import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../tests/support/render';
import { connectionChanged, eventsReceived } from '../../realtime/streamActions';
import { Freshness } from './Freshness';
import { ResyncNotice } from './ResyncNotice';

const lampsArrived = (receivedAt: number) =>
  eventsReceived({
    events: [],
    lights: { version: 1, count: 1, byState: [0, 1, 0, 0], powerW: 150 },
    lastSeq: 1,
    lastTs: receivedAt,
    count: 1,
    dropped: {},
    receivedAt,
  });

// The badges and the notice read the real clock: the tests own it.
beforeEach(() => {
  vi.useFakeTimers({ now: 1_800_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the freshness badge', () => {
  it('says in words and a mark that there is no data yet', () => {
    renderWithProviders(<Freshness of="lamps" />);
    const badge = screen.getByTestId('fresh-lamps');
    expect(badge.textContent).toBe('✕Xấu · chưa có dữ liệu');
    expect(badge.dataset.quality).toBe('bad');
  });

  it('shows the age while fresh, then says how old the data is once the lamps stop for 30 s', () => {
    const { store } = renderWithProviders(
      <div className="tile">
        <Freshness of="lamps" />
      </div>,
      { lang: 'en' },
    );
    act(() => {
      store.dispatch(lampsArrived(Date.now()));
    });
    act(() => vi.advanceTimersByTime(3000));
    const badge = screen.getByTestId('fresh-lamps');
    expect(badge.textContent).toBe('●Good · 3 s');
    expect(badge.dataset.stale).toBe('false');
    act(() => vi.advanceTimersByTime(27_000));
    expect(badge.textContent).toBe('▲Uncertain · data 30 s old');
    expect(badge.dataset.stale).toBe('true');
    expect(badge.getAttribute('aria-label')).toBe('Data quality: Uncertain. Data received 30 s ago.');
  });
});

describe('the resync notice', () => {
  it('shows for a few seconds after the stream comes back from a gap', () => {
    const { store } = renderWithProviders(<ResyncNotice />);
    act(() => {
      store.dispatch(lampsArrived(Date.now()));
      store.dispatch(connectionChanged({ status: 'reconnecting' }));
    });
    act(() => vi.advanceTimersByTime(42_000));
    expect(screen.queryByTestId('resync-notice')).toBeNull();
    act(() => {
      store.dispatch(lampsArrived(Date.now()));
    });
    expect(screen.getByTestId('resync-notice').textContent).toBe(
      'Đã kết nối lại sau 42 giây gián đoạn: đã bù dữ liệu bị lỡ',
    );
    act(() => vi.advanceTimersByTime(9000));
    expect(screen.queryByTestId('resync-notice')).toBeNull();
  });
});
