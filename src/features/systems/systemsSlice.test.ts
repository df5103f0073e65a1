import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCity, CITY_NOW, openCity } from '../../../tests/support/city';
import { systemsReceived } from '../../realtime/streamActions';
import type { SystemStatus } from '../../shared/protocol/events';
import { selectSystemsReport } from './systemsSlice';

const AT = new Date(CITY_NOW).toISOString();
const lighting = (status: SystemStatus['status']): SystemStatus => ({
  system: 'lighting',
  status,
  lastAt: AT,
});

describe('the systems slice', () => {
  it("takes the snapshot's statuses, then each update the hub pushes", () => {
    const city = openCity(aCity(), 5, [lighting('connected')]);
    const report = () => selectSystemsReport(city.store.getState());
    expect(report()).toEqual({ at: AT, systems: [lighting('connected')] });

    const later = new Date(CITY_NOW + 60_000).toISOString();
    act(() => {
      city.store.dispatch(systemsReceived({ at: later, systems: [lighting('late')] }));
    });
    expect(report()).toEqual({ at: later, systems: [lighting('late')] });

    // A hub from before the statuses sends snapshots without them: what the page knew stays.
    city.snapshot(aCity(), 9);
    expect(report()?.systems).toEqual([lighting('late')]);
  });

  it('knows nothing before the hub says', () => {
    expect(selectSystemsReport(openCity(aCity()).store.getState())).toBeNull();
  });
});
