import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/protocol/events';
import { INCIDENT_STATUSES, SEVERITIES } from '../../shared/protocol/codes';
import { fold } from '../../shared/text';
import { ConsoleRows, filterAndSort, NO_FILTER, type IncidentFilter, type SortKey } from './filters';

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

describe('console rows kept up to date as reports stream in', () => {
  // A small seeded generator, so that a failure repeats.
  function rng(seed: number) {
    let x = seed;
    return () => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  }

  // Shards as the store keeps them: a changed shard is a new object, the others stay the same.
  const SHARDS = 4;
  const shardOf = (id: string) => id.charCodeAt(id.length - 1) % SHARDS;
  function change(shards: Record<string, Incident>[], put: Incident[], remove: string[] = []) {
    const next = [...shards];
    const copied = new Set<number>();
    const own = (k: number) => {
      if (!copied.has(k)) next[k] = { ...next[k] };
      copied.add(k);
      return next[k]!;
    };
    for (const i of put) own(shardOf(i.id))[i.id] = i;
    for (const id of remove) delete own(shardOf(id))[id];
    return next;
  }

  it('gives what a full filter and sort gives, after every batch of arrivals, changes and removals', () => {
    const r = rng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    let n = 0;
    const fresh = () =>
      inc(`i${String(n++).padStart(4, '0')}`, {
        severity: pick(SEVERITIES),
        status: pick(INCIDENT_STATUSES),
        // Many share a report time, so that ties fall back to the id.
        reportedAt: new Date(T + Math.floor(r() * 20) * 60_000).toISOString(),
        ward: pick(['19753', '19777']),
      });
    const cases: [IncidentFilter, SortKey][] = [
      [NO_FILTER, 'newest'],
      [{ ...NO_FILTER, status: '', text: 'vy da' }, 'oldest'],
      [{ ...NO_FILTER, severities: ['high', 'critical'] }, 'severity'],
      [{ ...NO_FILTER, status: 'received' }, 'deadline'],
    ];
    let shards: Record<string, Incident>[] = Array.from({ length: SHARDS }, () => ({}));
    for (const [filter, sort] of cases) {
      const rows = new ConsoleRows(wardName);
      for (let batch = 0; batch < 60; batch++) {
        const all = () => shards.flatMap((x) => Object.values(x));
        const put: Incident[] = [];
        const remove: string[] = [];
        for (let k = 0; k < 8; k++) {
          const roll = r();
          const current = all();
          if (roll < 0.5 || current.length === 0) put.push(fresh());
          else if (roll < 0.85) {
            const i = pick(current);
            put.push({ ...i, status: pick(INCIDENT_STATUSES), severity: pick(SEVERITIES) });
          } else remove.push(pick(current).id);
        }
        shards = change(
          shards,
          put,
          remove.filter((id) => !put.some((p) => p.id === id)),
        );
        const got = rows.get(shards, filter, sort);
        expect(ids_(got)).toEqual(ids_(filterAndSort(all(), filter, sort, wardName)));
      }
    }
  });

  it('returns the same array while nothing it shows has changed', () => {
    const rows = new ConsoleRows(wardName);
    const a = inc('a');
    const closed = inc('z', { status: 'resolved' });
    let shards = change(
      Array.from({ length: SHARDS }, () => ({})),
      [a, closed],
    );
    const first = rows.get(shards, NO_FILTER, 'newest');
    expect(rows.get(shards, NO_FILTER, 'newest')).toBe(first);
    // A change to an incident the filter hides leaves the rows as they were.
    shards = change(shards, [{ ...closed, status: 'closed' }]);
    expect(rows.get(shards, NO_FILTER, 'newest')).toBe(first);
    shards = change(shards, [{ ...a, status: 'resolved' }]);
    expect(ids_(rows.get(shards, NO_FILTER, 'newest'))).toEqual([]);
  });
});
const ids_ = (list: readonly Incident[]) => list.map((i) => i.id);
