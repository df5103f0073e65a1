import { describe, expect, it } from 'vitest';
import { DEFAULT_BASEMAP_STYLE, wallConfig } from './config';

describe('wallConfig', () => {
  it('serves the default Huế style when BASEMAP_STYLE is unset or blank', () => {
    expect(wallConfig({})).toEqual({ city: 'Huế', basemapStyle: DEFAULT_BASEMAP_STYLE });
    expect(wallConfig({ BASEMAP_STYLE: '   ' }).basemapStyle).toBe('/styles/hue-dark.json');
  });

  it('passes a city’s own style on, trimmed', () => {
    expect(wallConfig({ BASEMAP_STYLE: ' /styles/my-city.json\n' }).basemapStyle).toBe(
      '/styles/my-city.json',
    );
    expect(wallConfig({ BASEMAP_STYLE: 'https://tiles.hue.gov.vn/style.json' }).basemapStyle).toBe(
      'https://tiles.hue.gov.vn/style.json',
    );
  });
});
