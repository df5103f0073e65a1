import { describe, expect, it } from 'vitest';
import { growth, summarize, type HeapSnapshot } from './heapSnapshot';

// A snapshot in V8's layout: 7 fields per node, types by index, names by index into `strings`.
const META = {
  node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
  node_types: [['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native']],
};
const OBJECT = 3;
const STRING = 2;
const CLOSURE = 5;

function snapshot(nodes: [type: number, name: number, size: number][]): HeapSnapshot {
  return {
    snapshot: { meta: META },
    nodes: nodes.flatMap(([type, name, size], id) => [type, name, id, size, 0, 0, 0]),
    strings: ['Incident', 'Object', 'bench-1-1', 'onTick'],
  };
}

describe('heap snapshot summary', () => {
  it('sums self sizes by constructor for objects and by type for the rest', () => {
    const s = summarize(
      snapshot([
        [OBJECT, 0, 100],
        [OBJECT, 0, 60],
        [OBJECT, 1, 40],
        [STRING, 2, 32],
        [CLOSURE, 3, 28],
      ]),
    );
    expect(s.get('Incident')).toEqual({ count: 2, bytes: 160 });
    expect(s.get('Object')).toEqual({ count: 1, bytes: 40 });
    expect(s.get('(string)')).toEqual({ count: 1, bytes: 32 });
    expect(s.get('(closure)')).toEqual({ count: 1, bytes: 28 });
  });

  it('ranks what grew, including kinds that appeared or went away', () => {
    const before = summarize(
      snapshot([
        [OBJECT, 1, 500],
        [STRING, 2, 32],
      ]),
    );
    const after = summarize(
      snapshot([
        [OBJECT, 0, 300],
        [OBJECT, 0, 300],
        [STRING, 2, 40],
      ]),
    );
    expect(growth(before, after)).toEqual([
      { kind: 'Incident', count: 2, bytes: 600 },
      { kind: '(string)', count: 0, bytes: 8 },
      { kind: 'Object', count: -1, bytes: -500 },
    ]);
    expect(growth(before, after, 1)).toHaveLength(1);
  });

  it('sums compiled code by function name when asked, beside the total', () => {
    const snap = snapshot([
      [4, 3, 900],
      [4, 3, 100],
      [4, 0, 50],
    ]);
    expect(summarize(snap).get('code: onTick')).toBeUndefined();
    const s = summarize(snap, true);
    expect(s.get('(code)')).toEqual({ count: 3, bytes: 1050 });
    expect(s.get('code: onTick')).toEqual({ count: 2, bytes: 1000 });
    expect(s.get('code: Incident')).toEqual({ count: 1, bytes: 50 });
  });

  it('refuses JSON that is not a heap snapshot', () => {
    expect(() =>
      summarize({ snapshot: { meta: { node_fields: [], node_types: [] } }, nodes: [], strings: [] }),
    ).toThrow(/not a V8 heap snapshot/);
  });
});
