import { describe, expect, it } from 'vitest';
import { gatewaysView, NAMED_VIEWS, VIEW_NAMES } from './views';

describe('named views', () => {
  it('has a view for every name, inside Huế', () => {
    for (const name of VIEW_NAMES) {
      const v = NAMED_VIEWS[name];
      expect(v.center[0]).toBeGreaterThan(107.4);
      expect(v.center[0]).toBeLessThan(107.8);
      expect(v.center[1]).toBeGreaterThan(16.3);
      expect(v.center[1]).toBeLessThan(16.6);
    }
  });

  it('frames the gateway cameras: centred on them, zoomed out as far as they spread', () => {
    const near = gatewaysView([
      [107.58, 16.46],
      [107.6, 16.47],
    ]);
    const wide = gatewaysView([
      [107.5, 16.4],
      [107.7, 16.55],
    ]);
    expect(near.center).toEqual([107.59, 16.465]);
    expect(wide.zoom).toBeLessThan(near.zoom);
    expect(gatewaysView([])).toEqual(NAMED_VIEWS.gateways);
  });
});
