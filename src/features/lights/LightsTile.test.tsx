import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCity, lampInventory, openCity } from '../../../tests/support/city';
import { renderWithProviders } from '../../../tests/support/render';
import { LAMP_FAULT, LAMP_OFF, LAMP_ON } from '../../shared/protocol/codes';
import type { Cabinet } from '../../shared/protocol/events';
import { LightsTile } from './LightsTile';

// The wall's lights tile, alone on the page: no map is mounted, and its fault count is still right,
// because the page's fault judgement (LampFaultWatch) runs whatever views are on it.

const cabinet = (id: string, online: boolean): Cabinet => ({
  id,
  ward: '19753',
  group: 'truc-chinh',
  status: { mode: 'on', level: 100, online, override: null, next: null },
});

function city() {
  return openCity(
    aCity({
      lamps: lampInventory([
        { cabinet: cabinet('CAB-1', true), lamps: [LAMP_ON, LAMP_FAULT, LAMP_ON] },
        { cabinet: cabinet('CAB-2', true), lamps: [LAMP_ON, LAMP_ON] },
      ]),
    }),
  );
}

const faults = () => screen.getByTestId('lights-faults');

describe('the lights tile without a map', () => {
  it('counts the failed lamps of the snapshot, by kind', () => {
    const c = city();
    renderWithProviders(<LightsTile />, { store: c.store });
    expect(screen.queryByTestId('map')).toBeNull();
    expect(faults().dataset.value).toBe('1');
    expect(screen.getByTestId('lights-fault-lamp-failure').dataset.value).toBe('1');
    expect(faults().textContent).toContain('Đèn hỏng');
  });

  it('follows the stream: a lamp that fails, and one commanded on that stays dark', () => {
    const c = city();
    renderWithProviders(<LightsTile />, { store: c.store, lang: 'en' });
    c.receive({ type: 'light.states', data: { i: [3, 4], s: [LAMP_FAULT, LAMP_OFF], l: [0, 0] } });
    expect(faults().dataset.value).toBe('3');
    expect(screen.getByTestId('lights-fault-lamp-failure').dataset.value).toBe('2');
    expect(screen.getByTestId('lights-fault-not-switched').dataset.value).toBe('1');
    expect(faults().textContent).toContain('Lamp failure');
  });
});
