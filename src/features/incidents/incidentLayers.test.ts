import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/protocol/events';
import { iconMapping } from '../../shared/map/icons';
import { clusterIncidents } from './clusters';
import {
  clusterColumnProps,
  columnHeight,
  incidentDiscProps,
  incidentIconProps,
  pulseLayerProps,
  pulsingIncidents,
  SEVERITY_COLORS,
} from './incidentLayers';

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
