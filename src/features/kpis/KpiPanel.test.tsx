import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { streamFrame } from '../../../tests/support/streamFrames';
import { renderWithProviders } from '../../../tests/support/render';
import { HUE_KPIS } from '../../shared/city/kpiCatalogue';
import { KPI_IDS } from '../../shared/protocol/codes';
import { KpiPanel } from './KpiPanel';

const AT = '2026-12-04T03:00:00.000Z';

describe("the wall's KPI panel", () => {
  it('shows its nine indicators, named, and leaves the rest of the catalogue to the briefing', () => {
    const { store } = renderWithProviders(<KpiPanel />);
    const all = HUE_KPIS.map((k) => ({
      type: 'kpi.updated' as const,
      data: { id: k.id, value: 1, unit: k.unit, at: AT },
    }));
    act(() => {
      store.dispatch(streamFrame(all, Date.parse(AT)));
    });
    const tiles = screen.getAllByTestId(/^tile-kpi-/);
    expect(tiles.map((t) => t.dataset.testid)).toEqual(KPI_IDS.map((id) => `tile-kpi-${id}`));
    expect(screen.getByText('Thanh toán không dùng tiền mặt')).toBeTruthy();
    expect(screen.queryByText('digital-teams')).toBeNull();
  });
});
