import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/protocol/events';
import { filterAndSort, fold, NO_FILTER } from './filters';

const T = Date.UTC(2026, 10, 23, 1);
function inc(id: string, extra: Partial<Incident> = {}): Incident {
  const at = new Date(T).toISOString();
  return {
    id,
    category: 'waste',
    title: `Rác ${id}`,
    location: { lon: 107.58, lat: 16.46 },
    severity: 'medium',
    source: 'hue-s',
    reportedAt: at,
    status: 'received',
    updatedAt: at,
    history: [],
    ward: '19753',
    ...extra,
  };
}
const names: Record<string, string> = { '19753': 'Phú Xuân', '19777': 'Vỹ Dạ' };
const wardName = (c?: string) => (c ? (names[c] ?? null) : null);
const ids = (list: Incident[]) => list.map((i) => i.id);

describe('console filters', () => {
  const at = (h: number) => new Date(T + h * 3_600_000).toISOString();
  const list = [
    inc('a', { severity: 'critical', reportedAt: at(1) }),
    inc('b', {
      category: 'flooding',
      ward: '19777',
      reportedAt: at(3),
      title: 'Ngập đường Nguyễn Sinh Cung',
    }),
    inc('c', { status: 'resolved', reportedAt: at(2) }),
    inc('d', { category: 'noise-at-night', source: 'hotline', reportedAt: at(0) }),
  ];

  it('shows open incidents by default, newest first', () => {
    expect(ids(filterAndSort(list, NO_FILTER, 'newest', wardName))).toEqual(['b', 'a', 'd']);
  });

  it('filters by category, with unknown ones under "other"', () => {
    expect(ids(filterAndSort(list, { ...NO_FILTER, category: 'other' }, 'newest', wardName))).toEqual(['d']);
    expect(ids(filterAndSort(list, { ...NO_FILTER, category: 'flooding' }, 'newest', wardName))).toEqual([
      'b',
    ]);
  });

  it('filters by ward, severity, status, source', () => {
    expect(ids(filterAndSort(list, { ...NO_FILTER, ward: '19777' }, 'newest', wardName))).toEqual(['b']);
    expect(ids(filterAndSort(list, { ...NO_FILTER, severities: ['critical'] }, 'newest', wardName))).toEqual([
      'a',
    ]);
    expect(ids(filterAndSort(list, { ...NO_FILTER, status: 'resolved' }, 'newest', wardName))).toEqual(['c']);
    expect(ids(filterAndSort(list, { ...NO_FILTER, status: '' }, 'oldest', wardName))).toEqual([
      'd',
      'a',
      'c',
      'b',
    ]);
    expect(ids(filterAndSort(list, { ...NO_FILTER, source: 'hotline' }, 'newest', wardName))).toEqual(['d']);
  });

  it('searches text without diacritics, in title and ward name', () => {
    expect(ids(filterAndSort(list, { ...NO_FILTER, text: 'nguyen sinh' }, 'newest', wardName))).toEqual([
      'b',
    ]);
    expect(ids(filterAndSort(list, { ...NO_FILTER, text: 'vy da' }, 'newest', wardName))).toEqual(['b']);
    expect(fold('Đường Phú Hội')).toBe('duong phu hoi');
  });

  it('sorts by severity, then newest', () => {
    expect(ids(filterAndSort(list, { ...NO_FILTER, status: '' }, 'severity', wardName))[0]).toBe('a');
  });
});
