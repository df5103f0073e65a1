import type { Hub } from '../../server/hub';

// Reads the hub's /api/metrics (the Prometheus text format) for the tests.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Metrics {
  samples: Sample[];
  /** `# TYPE name type` lines: name -> counter, gauge, histogram, summary */
  types: Map<string, string>;
}

/** Parses the text exposition format (version 0.0.4); throws on a line it cannot read. */
export function parseMetrics(text: string): Metrics {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/.exec(line);
    if (!m) throw new Error(`not a metrics line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[l[1]!] = l[2]!.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    }
    // Read as Prometheus reads it (Go's ParseFloat): NaN and Inf in any case; prom-client writes `Nan`.
    const raw = m[3]!.toLowerCase();
    const value =
      raw === 'nan'
        ? NaN
        : /^[+-]?inf$/.test(raw)
          ? raw.startsWith('-')
            ? -Infinity
            : Infinity
          : Number(raw);
    if (Number.isNaN(value) && raw !== 'nan') throw new Error(`not a number in: ${line}`);
    samples.push({ name: m[1]!, labels, value });
  }
  return { samples, types };
}

/** The value of the one sample with this name whose labels include `labels`; undefined if none. */
export function metricValue(
  metrics: Metrics,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const found = metrics.samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

/** GET /api/metrics with an operator's token (or `token`), parsed. */
export async function scrape(hub: Hub, token = 'dev-operator'): Promise<Metrics> {
  const res = await fetch(`${hub.url}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`/api/metrics: HTTP ${res.status}: ${await res.text()}`);
  return parseMetrics(await res.text());
}
