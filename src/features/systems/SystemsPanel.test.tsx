import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../tests/support/render';
import { systemsReceived } from '../../realtime/streamActions';
import { KPI_SYSTEMS } from '../../shared/city/kpiCatalogue';
import type { SystemStatus, SystemsReport } from '../../shared/protocol/events';
import { SystemsPanel } from './SystemsPanel';

// 14:30 on 4 December 2026 in Huế.
const AT = '2026-12-04T07:30:00.000Z';

function report(over: Partial<Record<SystemStatus['system'], Omit<SystemStatus, 'system'>>>): SystemsReport {
  return {
    at: AT,
    systems: KPI_SYSTEMS.map((system) => ({
      system,
      ...(over[system] ?? { status: 'connected' as const, lastAt: '2026-12-04T07:29:50.000Z' }),
    })),
  };
}

describe('the systems strip', () => {
  it('shows each system by name, its status in colour and mark, and the time of its last data', () => {
    const { store } = renderWithProviders(<SystemsPanel />);
    expect(screen.getByText('Đang chờ trạng thái các hệ thống…')).toBeTruthy();
    act(() => {
      store.dispatch(
        systemsReceived(
          report({
            lighting: { status: 'late', lastAt: '2026-12-04T07:28:00.000Z' },
            statistics: { status: 'silent', lastAt: '2026-11-30T02:00:00.000Z' },
            'bike-sharing': { status: 'silent', lastAt: null },
          }),
        ),
      );
    });
    expect(screen.getAllByRole('listitem')).toHaveLength(KPI_SYSTEMS.length);

    const lamps = screen.getByTestId('system-lighting');
    expect(lamps.dataset.status).toBe('late');
    expect(lamps.className).toContain('sys-late');
    expect(lamps.textContent).toBe('◷Chiếu sáng14:28');
    expect(lamps.getAttribute('aria-label')).toBe('Chiếu sáng: Chậm, dữ liệu cuối 14:28');

    expect(screen.getByTestId('system-statistics').getAttribute('aria-label')).toBe(
      'Thống kê: Mất tín hiệu, dữ liệu cuối 4 ngày trước',
    );
    expect(within(screen.getByTestId('system-bike-sharing')).getByText('—')).toBeTruthy();
    expect(screen.getByTestId('system-hue-s').textContent).toBe('✓Hue-S14:29');
    // The counts say the statuses in words.
    expect(screen.getByText('✓ 14 Kết nối')).toBeTruthy();
    expect(screen.getByText('◷ 1 Chậm')).toBeTruthy();
    expect(screen.getByText('✕ 2 Mất tín hiệu')).toBeTruthy();
  });

  it('speaks English too', () => {
    const { store } = renderWithProviders(<SystemsPanel />, { lang: 'en' });
    act(() => {
      store.dispatch(systemsReceived(report({ cameras: { status: 'silent', lastAt: null } })));
    });
    expect(screen.getByTestId('system-cameras').getAttribute('aria-label')).toBe(
      'Cameras: Silent, last data no data yet',
    );
    expect(screen.getByText('Connected systems')).toBeTruthy();
  });
});
