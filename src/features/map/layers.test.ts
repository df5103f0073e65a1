import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/protocol/events';
import { clusterIncidents } from './clusters';
import { iconMapping } from './icons';
import {
  cameraLayerProps,
  clusterColumnProps,
  faultLayerProps,
  pickedFault,
  columnHeight,
  flashingCameras,
  incidentDiscProps,
  incidentIconProps,
  lampLayerProps,
  pulseLayerProps,
  pulsingIncidents,
  rampColor,
  SEVERITY_COLORS,
  wardExtrusionProps,
  type WardFeature,
} from './layers';

const T = '2026-11-23T03:00:00.000Z';
function incident(id: string, extra: Partial<Incident> = {}): Incident {
  return {
    id,
    category: 'flooding',
    title: id,
    location: { lon: 107.588, lat: 16.473 },
    severity: 'medium',
    source: 'hue-s',
    reportedAt: T,
    status: 'assigned',
    updatedAt: T,
    history: [],
    ...extra,
  };
}

describe('lampLayerProps', () => {
  it('hands deck.gl the typed-array columns as binary attributes, positions unchanged between repaints', () => {
    const source = { count: 2, positions: new Float32Array(4), colors: new Uint8Array(8) };
    const a = lampLayerProps(source, source.colors.slice(), true);
    const b = lampLayerProps(source, source.colors.slice(), false);
    expect(a.data.length).toBe(2);
    expect(a.data.attributes.getPosition).toEqual({ value: source.positions, size: 2 });
    expect(a.data.attributes.getPosition.value).toBe(b.data.attributes.getPosition.value);
    // A repaint brings a new colour array: that identity change is what makes deck.gl upload it.
    expect(a.data.attributes.getFillColor.value).not.toBe(b.data.attributes.getFillColor.value);
    expect(a.data.attributes.getFillColor).toMatchObject({ size: 4, normalized: true });
    expect(b.visible).toBe(false);
  });
});

describe('incident layers', () => {
  it('colours discs by severity and draws unknown categories with the "other" pictogram', () => {
    const discs = incidentDiscProps([incident('a', { severity: 'critical' })], true);
    expect(discs.getFillColor(incident('a', { severity: 'critical' }))).toEqual(SEVERITY_COLORS.critical);
    expect(discs.getRadius(incident('x', { severity: 'critical' }))).toBeGreaterThan(
      discs.getRadius(incident('y', { severity: 'low' })),
    );
    const icons = incidentIconProps([], 'data:', iconMapping(), true);
    expect(icons.getIcon(incident('b', { category: 'flooding' }))).toBe('flooding');
    expect(icons.getIcon(incident('c', { category: 'noise-at-night' }))).toBe('other');
    expect(Object.keys(icons.iconMapping)).toContain('other');
  });

  it('rings overdue incidents in red, thicker', () => {
    const p = incidentDiscProps([], true, 1, new Set(['late']));
    expect(p.getLineColor(incident('late'))).not.toEqual(p.getLineColor(incident('fine')));
    expect(p.getLineWidth(incident('late'))).toBeGreaterThan(p.getLineWidth(incident('fine')));
  });

  it('pulses critical incidents and those nobody has taken up yet', () => {
    const open = [
      incident('crit', { severity: 'critical', status: 'in_progress' }),
      incident('new', { status: 'received' }),
      incident('handled', { status: 'assigned' }),
    ];
    expect(pulsingIncidents(open).map((i) => i.id)).toEqual(['crit', 'new']);
    const start = pulseLayerProps(open, 0, true);
    const end = pulseLayerProps(open, 0.9, true);
    expect(end.getRadius).toBeGreaterThan(start.getRadius);
    expect(end.opacity).toBeLessThan(start.opacity);
    // The animation must not touch attributes: no update trigger moves with the phase.
    expect('updateTriggers' in end).toBe(false);
    expect(pulseLayerProps([], 0, true).visible).toBe(false);
  });
});

describe('clusterIncidents', () => {
  const near = [
    incident('a', { location: { lon: 107.588, lat: 16.473 }, severity: 'low' }),
    incident('b', { location: { lon: 107.5882, lat: 16.4731 }, severity: 'high' }),
    incident('c', { location: { lon: 107.5881, lat: 16.4729 }, severity: 'medium' }),
  ];
  const far = incident('far', { location: { lon: 107.62, lat: 16.44 }, severity: 'critical' });

  it('groups nearby incidents, counts them and takes the worst severity', () => {
    const clusters = clusterIncidents([...near, far], 12);
    expect(clusters).toHaveLength(2);
    const big = clusters.find((c) => c.count === 3)!;
    expect(big.worst).toBe('high');
    expect(big.ids.sort()).toEqual(['a', 'b', 'c']);
    expect(big.position[0]).toBeCloseTo(107.5881, 4);
    expect(clusters.find((c) => c.count === 1)!.worst).toBe('critical');
  });

  it('splits clusters as the map zooms in', () => {
    expect(clusterIncidents(near, 12)).toHaveLength(1);
    expect(clusterIncidents(near, 20).length).toBeGreaterThan(1);
  });

  it('makes columns taller with more incidents, in the colour of the worst one', () => {
    const props = clusterColumnProps(clusterIncidents([...near, far], 12), 12, true);
    const [a, b] = props.data;
    expect(props.getFillColor(a!)).toEqual(SEVERITY_COLORS[a!.worst]);
    expect(columnHeight(3, 10)).toBeGreaterThan(columnHeight(1, 10));
    expect(props.getElevation(a!)).toBe(
      columnHeight(a!.count, (156_543 * Math.cos((16.46 * Math.PI) / 180)) / 2 ** 12),
    );
    expect(b).toBeDefined();
  });
});

describe('cameras', () => {
  const cams = [
    {
      id: 'A',
      name: 'A',
      site: 's',
      kind: 'fixed' as const,
      gateway: false,
      location: { lon: 107.58, lat: 16.46 },
      online: true,
    },
    {
      id: 'B',
      name: 'B',
      site: 's',
      kind: 'ptz' as const,
      gateway: false,
      location: { lon: 107.58, lat: 16.46 },
      online: false,
    },
  ];

  it('flashes the cameras that raised an alert within the window, not those before it', () => {
    const now = Date.parse(T);
    const alerts = [
      { cameraId: 'A', at: new Date(now - 5_000).toISOString() },
      { cameraId: 'B', at: new Date(now - 60_000).toISOString() },
    ];
    expect([...flashingCameras(alerts, now, 10_000)]).toEqual(['A']);
  });

  it('shows online state, and blinks a flashing camera', () => {
    const on = cameraLayerProps(cams, new Set(['A']), true, 'data:', iconMapping(), true);
    const off = cameraLayerProps(cams, new Set(['A']), false, 'data:', iconMapping(), true);
    expect(on.getColor(cams[0]!)).not.toEqual(off.getColor(cams[0]!));
    expect(on.getColor(cams[1]!)).not.toEqual(off.getColor(cams[0]!));
    expect(on.getSize(cams[0]!)).toBeGreaterThan(on.getSize(cams[1]!));
  });
});

describe('wardExtrusionProps', () => {
  it('raises and reddens the ward with the most open incidents per resident', () => {
    const wards: WardFeature[] = [
      { type: 'Feature', properties: { id: '1', name: 'A', population: 10_000 }, geometry: null },
      { type: 'Feature', properties: { id: '2', name: 'B', population: 10_000 }, geometry: null },
    ];
    const measures = new Map([
      ['1', { open: 8, per10k: 8 }],
      ['2', { open: 1, per10k: 1 }],
    ]);
    const p = wardExtrusionProps(wards, measures, true);
    expect(p.getElevation(wards[0]!)).toBeGreaterThan(p.getElevation(wards[1]!));
    expect(p.getFillColor(wards[0]!)).toEqual(rampColor(8, 8));
    expect(rampColor(8, 8)[0]).toBeGreaterThan(rampColor(1, 8)[0]);
  });
});

describe('pickedFault', () => {
  const markers = (lamps: number[], codes: number[]) => ({
    count: lamps.length,
    positions: new Float32Array(lamps.length * 2),
    colors: new Uint8Array(lamps.length * 4),
    lamps: Uint32Array.from(lamps),
    codes: Uint8Array.from(codes),
  });
  const layerOf = (props: { id: string; data: unknown }) => ({ id: props.id, props: { data: props.data } });

  it("reads the lamp from the picked layer's own data, whatever the page's faults are now", () => {
    // A click picked index 1 in the markers drawn from one fault list; the page has a newer list
    // since, where index 1 is another lamp. The click is about the marker that was under it.
    const drawn = layerOf(faultLayerProps(markers([10, 42, 77], [1, 3, 1]), true));
    const newer = layerOf(faultLayerProps(markers([10, 11, 42, 77], [1, 1, 3, 1]), true));
    expect(pickedFault({ index: 1, layer: drawn })).toEqual({ lamp: 42, code: 3 });
    expect(pickedFault({ index: 1, layer: newer })).toEqual({ lamp: 11, code: 1 });
  });

  it('gives nothing for another layer, no layer, or an index out of the markers', () => {
    const drawn = layerOf(faultLayerProps(markers([10, 42], [1, 3]), true));
    expect(pickedFault({ index: 0, layer: { id: 'cameras', props: { data: [] } } })).toBeNull();
    expect(pickedFault({ index: 0, layer: null })).toBeNull();
    expect(pickedFault(null)).toBeNull();
    expect(pickedFault({ index: 2, layer: drawn })).toBeNull();
    expect(pickedFault({ index: -1, layer: drawn })).toBeNull();
  });
});
