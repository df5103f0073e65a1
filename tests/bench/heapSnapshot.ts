import type { CDPSession } from 'playwright-core';

// `npm run bench -- --heap-diff`: a heap snapshot before the window and one after it, summed by what
// each object is, to tell which kinds of object the window's heap growth is made of.

/** The parts of a V8 heap snapshot (.heapsnapshot JSON) that the summary reads. */
export interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: unknown[] } };
  nodes: number[];
  strings: string[];
}

export interface HeapGroup {
  count: number;
  bytes: number;
}

/**
 * Self sizes summed by kind: objects by constructor name, closures as `(closure)`, strings as
 * `(string)`, and so on for V8's other node types. With `codeByName`, compiled code is also summed by
 * its name under `code: <name>` (beside the `(code)` total), to tell which functions' code grew.
 */
export function summarize(snap: HeapSnapshot, codeByName = false): Map<string, HeapGroup> {
  const fields = snap.snapshot.meta.node_fields;
  const stride = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const typeNames = snap.snapshot.meta.node_types[0] as string[];
  if (typeAt < 0 || nameAt < 0 || sizeAt < 0 || !Array.isArray(typeNames)) {
    throw new Error('not a V8 heap snapshot: node_fields lacks type, name or self_size');
  }
  const out = new Map<string, HeapGroup>();
  for (let i = 0; i + stride <= snap.nodes.length; i += stride) {
    const type = typeNames[snap.nodes[i + typeAt]!] ?? 'unknown';
    const key = type === 'object' || type === 'native' ? snap.strings[snap.nodes[i + nameAt]!]! : `(${type})`;
    const size = snap.nodes[i + sizeAt]!;
    add(out, key, size);
    if (codeByName && type === 'code') add(out, `code: ${snap.strings[snap.nodes[i + nameAt]!]}`, size);
  }
  return out;
}

function add(groups: Map<string, HeapGroup>, key: string, bytes: number) {
  const g = groups.get(key) ?? { count: 0, bytes: 0 };
  g.count++;
  g.bytes += bytes;
  groups.set(key, g);
}

export interface HeapGrowth extends HeapGroup {
  kind: string;
}

/** The `top` kinds that grew most in bytes from `before` to `after` (count and bytes as differences). */
export function growth(
  before: Map<string, HeapGroup>,
  after: Map<string, HeapGroup>,
  top = 15,
): HeapGrowth[] {
  const kinds = new Set([...before.keys(), ...after.keys()]);
  const rows: HeapGrowth[] = [];
  for (const kind of kinds) {
    const a = before.get(kind) ?? { count: 0, bytes: 0 };
    const b = after.get(kind) ?? { count: 0, bytes: 0 };
    rows.push({ kind, count: b.count - a.count, bytes: b.bytes - a.bytes });
  }
  return rows.sort((x, y) => y.bytes - x.bytes).slice(0, top);
}

export function formatGrowth(rows: readonly HeapGrowth[]): string {
  const kb = (n: number) => `${n >= 0 ? '+' : ''}${(n / 1024).toFixed(1)} KB`;
  return rows
    .map((r) => `  ${kb(r.bytes).padStart(12)}  ${String(r.count).padStart(8)}  ${r.kind}`)
    .join('\n');
}

/** Takes a heap snapshot of the page over CDP (V8 collects garbage first) and summarises it. */
export async function snapshotSummary(cdp: CDPSession, codeByName = false): Promise<Map<string, HeapGroup>> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return summarize(JSON.parse(chunks.join('')) as HeapSnapshot, codeByName);
}
