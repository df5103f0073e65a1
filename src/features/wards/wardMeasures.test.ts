import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/protocol/events';
import { wardMeasures, worstWards } from './wardMeasures';

const inc = (ward: string | undefined, status: Incident['status']): Incident => ({
  id: Math.random().toString(36),
  category: 'waste',
  title: 't',
  location: { lon: 107.58, lat: 16.46 },
  severity: 'low',
  source: 'hue-s',
  reportedAt: '2026-11-23T00:00:00Z',
  updatedAt: '2026-11-23T00:00:00Z',
  status,
  history: [],
  ...(ward ? { ward } : {}),
});

describe('wardMeasures', () => {
  it('counts open incidents per ward and per 10,000 residents, ignoring closed and ward-less ones', () => {
    const pop = new Map([
      ['A', 20_000],
      ['B', 5_000],
      ['C', 0],
    ]);
    const m = wardMeasures(
      [
        inc('A', 'received'),
        inc('A', 'in_progress'),
        inc('A', 'resolved'),
        inc('B', 'assigned'),
        inc(undefined, 'received'),
      ],
      pop,
    );
    expect(m.get('A')).toEqual({ open: 2, per10k: 1 });
    expect(m.get('B')).toEqual({ open: 1, per10k: 2 });
    expect(m.get('C')).toEqual({ open: 0, per10k: 0 });
  });
});

describe('worstWards', () => {
  it('ranks wards with open incidents by open incidents per resident, then by count', () => {
    const m = new Map([
      ['A', { open: 2, per10k: 1 }],
      ['B', { open: 1, per10k: 2 }],
      ['C', { open: 0, per10k: 0 }],
      ['D', { open: 4, per10k: 1 }],
    ]);
    expect(worstWards(m, 5).map((w) => w.code)).toEqual(['B', 'D', 'A']);
    expect(worstWards(m, 2)).toEqual([
      { code: 'B', open: 1, per10k: 2 },
      { code: 'D', open: 4, per10k: 1 },
    ]);
  });
});
