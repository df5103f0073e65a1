import { describe, expect, it } from 'vitest';
import {
  faultsOnlyToggled,
  layerToggled,
  mapSlice,
  selectionCleared,
  itemSelected,
  viewRequested,
} from './mapSlice';

const reduce = mapSlice.reducer;

describe('map slice', () => {
  it('toggles one layer at a time', () => {
    const s = reduce(undefined, layerToggled('lamps'));
    expect(s.layers.lamps).toBe(false);
    expect(s.layers.incidents).toBe(true);
    expect(reduce(s, layerToggled('lamps')).layers.lamps).toBe(true);
  });

  it('makes each view request a new one, so asking twice for the same view flies twice', () => {
    const a = reduce(undefined, viewRequested('dong-ba'));
    const b = reduce(a, viewRequested('dong-ba'));
    expect(b.view.name).toBe('dong-ba');
    expect(b.view.request).toBe(a.view.request + 1);
  });

  it('selects and clears', () => {
    const s = reduce(undefined, itemSelected({ kind: 'incident', id: 'x' }));
    expect(s.selected).toEqual({ kind: 'incident', id: 'x' });
    expect(reduce(s, selectionCleared()).selected).toBeNull();
  });
});

describe('faults only', () => {
  it('hides the lamps and keeps the fault markers, then brings the lamps back', () => {
    let s = mapSlice.reducer(undefined, { type: 'init' });
    s = mapSlice.reducer(s, layerToggled('faults'));
    expect(s.layers.faults).toBe(false);
    s = mapSlice.reducer(s, faultsOnlyToggled());
    expect(s.layers).toMatchObject({ lamps: false, faults: true });
    s = mapSlice.reducer(s, faultsOnlyToggled());
    expect(s.layers).toMatchObject({ lamps: true, faults: true });
  });
});
