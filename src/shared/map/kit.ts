// What the capabilities' layer builders share: the colour type, the flat-overlay parameters and binary
// point attributes. Builders are pure functions from state to deck.gl layer props; a capability turns
// each into a layer (`new ScatterplotLayer(props)`), and its tests check the props.

export type RGBA = [number, number, number, number];

/** No depth test for overlays on a flat map: points must not hide in the extruded wards. */
export const FLAT = { depthCompare: 'always' } as const;

/** Points as deck.gl binary attributes: a position column (lon, lat) and one RGBA column. */
export function binaryPoints<K extends 'getFillColor' | 'getLineColor'>(
  count: number,
  positions: Float32Array,
  colorProp: K,
  colors: Uint8Array,
) {
  const color = { value: colors, size: 4, normalized: true };
  return {
    length: count,
    attributes: { getPosition: { value: positions, size: 2 }, [colorProp]: color } as {
      getPosition: { value: Float32Array; size: number };
    } & Record<K, typeof color>,
  };
}

/**
 * Below this zoom (as on a 1920-wide wall) the map shows the city whole, and capabilities draw
 * aggregates rather than every item (incidents as clustered columns).
 */
export const OVERVIEW_BELOW_ZOOM = 13.5;
