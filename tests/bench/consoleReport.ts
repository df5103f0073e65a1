import { INCIDENT_CATEGORIES, INCIDENT_SOURCES, SEVERITIES } from '../../src/shared/protocol/codes';
import type { IngestEvent } from '../support/ingest';
import { percentile, round } from '../support/stats';

// The operator-console benchmark's logic, free of I/O: which scenario a command line asks for, the
// incidents it sends, and how raw readings become figures, verdicts and a table.

export const SCENARIOS = ['wall', 'console', 'server', 'briefing', 'flyover', 'soak'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/**
 * Takes `--scenario NAME` (or `--scenario=NAME`) out of the arguments; the rest belongs to that
 * scenario's own options. Without the flag the wall benchmark runs, as it always did.
 */
export function splitScenario(argv: readonly string[]): { scenario: Scenario; rest: string[] } {
  const rest: string[] = [];
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--scenario') {
      name = argv[++i];
      if (name === undefined) throw new Error(`--scenario needs a value: ${SCENARIOS.join(', ')}`);
    } else if (arg.startsWith('--scenario=')) {
      name = arg.slice('--scenario='.length);
    } else {
      rest.push(arg);
    }
  }
  name ??= 'wall';
  if (!(SCENARIOS as readonly string[]).includes(name)) {
    throw new Error(`unknown --scenario ${name}: use ${SCENARIOS.join(', ')}`);
  }
  return { scenario: name as Scenario, rest };
}

// ---- The incidents ----

export interface WardSpot {
  code: string;
  name: string;
  population: number;
  point: readonly [number, number];
}

/** Report titles by category, the way Hue-S reports read: what, then where. */
const TITLES: Record<(typeof INCIDENT_CATEGORIES)[number], readonly string[]> = {
  waste: ['Rác thải tồn đọng', 'Bãi rác tự phát', 'Thùng rác đầy, bốc mùi'],
  'illegal-discharge': ['Xả nước thải ra mương', 'Xả thải trái phép xuống sông'],
  'illegal-construction': ['Xây dựng không phép', 'Cơi nới nhà trái phép'],
  'road-damage': ['Ổ gà trên mặt đường', 'Mặt đường sụt lún', 'Nứt vỡ mặt đường'],
  'sidewalk-encroachment': ['Lấn chiếm vỉa hè buôn bán', 'Quán cóc lấn chiếm vỉa hè'],
  manhole: ['Nắp hố ga bị vỡ', 'Mất nắp cống thoát nước'],
  'illegal-parking': ['Đỗ xe sai quy định', 'Ô tô đậu chắn lối đi'],
  flooding: ['Ngập úng sau mưa', 'Nước ngập sâu, xe chết máy'],
  streetlight: ['Đèn đường không sáng', 'Cột đèn nghiêng, nguy hiểm'],
  telecom: ['Cáp viễn thông võng thấp', 'Dây cáp rối sà xuống đường'],
  trees: ['Cây xanh gãy đổ', 'Cành cây có nguy cơ gãy'],
  'urban-order': ['Tụ tập gây mất trật tự', 'Karaoke gây ồn ào ban đêm'],
};

const STREETS = [
  'Lê Lợi',
  'Hùng Vương',
  'Trần Hưng Đạo',
  'Nguyễn Huệ',
  'Bà Triệu',
  'Điện Biên Phủ',
  'Lê Duẩn',
  'Nguyễn Trãi',
  'Phan Đình Phùng',
  'Hà Nội',
  'Đống Đa',
  'Ngô Quyền',
  'Chi Lăng',
  'Huỳnh Thúc Kháng',
  'Tố Hữu',
  'Võ Văn Kiệt',
  'Nguyễn Sinh Cung',
  'Phạm Văn Đồng',
  'Trường Chinh',
  'Đặng Thái Thân',
  'Mai Thúc Loan',
  'Lý Thường Kiệt',
] as const;

/** Shares roughly as the city's reports come in: mostly routine, a few urgent. */
const SEVERITY_WEIGHTS: Record<(typeof SEVERITIES)[number], number> = {
  low: 45,
  medium: 35,
  high: 15,
  critical: 5,
};
const SOURCE_WEIGHTS: Record<(typeof INCIDENT_SOURCES)[number], number> = {
  'hue-s': 60,
  hotline: 15,
  camera: 10,
  patrol: 10,
  other: 5,
};

function pickWeighted<K extends string>(random: () => number, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((n, [, w]) => n + w, 0);
  let r = random() * total;
  for (const [k, w] of entries) {
    r -= w;
    if (r < 0) return k;
  }
  return entries[entries.length - 1]![0];
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/** Wards weighted by population, so the dense city wards get most reports, as they do. */
export function wardPicker(wards: readonly WardSpot[]): (random: () => number) => WardSpot {
  if (wards.length === 0) throw new Error('no wards to place incidents in');
  const cumulative: number[] = [];
  let total = 0;
  for (const w of wards) cumulative.push((total += Math.max(1, w.population)));
  return (random) => {
    const r = random() * total;
    const i = cumulative.findIndex((c) => r < c);
    return wards[i < 0 ? wards.length - 1 : i]!;
  };
}

export interface ConsoleIncidentOptions {
  /** the incident's id; the console's free-text filter searches ids too */
  id: string;
  /** when it was reported, epoch ms of city time; undefined lets the hub stamp it */
  reportedAtMs?: number;
}

/** One varied report: a real ward, a spot near its representative point, a Vietnamese title. */
export function consoleIncident(
  random: () => number,
  ward: WardSpot,
  opts: ConsoleIncidentOptions,
): Extract<IngestEvent, { type: 'incident.reported' }> {
  const category = pick(random, INCIDENT_CATEGORIES);
  const street = pick(random, STREETS);
  const houseNo = 1 + Math.floor(random() * 250);
  const title = `${pick(random, TITLES[category])} trước số ${houseNo} ${street}`;
  // ~500 m around the point: close enough to stay inside the ward for most of them
  const lon = ward.point[0] + (random() - 0.5) * 0.01;
  const lat = ward.point[1] + (random() - 0.5) * 0.01;
  const withDescription = random() < 0.5;
  return {
    type: 'incident.reported',
    data: {
      id: opts.id,
      category,
      title,
      ...(withDescription
        ? {
            description: `Người dân phản ánh: ${title.toLowerCase()}, ${ward.name}. Đề nghị cơ quan chức năng kiểm tra, xử lý.`,
          }
        : {}),
      location: { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 },
      ward: ward.code,
      severity: pickWeighted(random, SEVERITY_WEIGHTS),
      source: pickWeighted(random, SOURCE_WEIGHTS),
      ...(opts.reportedAtMs === undefined ? {} : { reportedAt: new Date(opts.reportedAtMs).toISOString() }),
    },
  };
}

const DAY_MS = 86_400_000;

/**
 * `count` reports spread over the `days` before `cityNowMs`, more of them recent (a month's backlog
 * thins out with age), so some are overdue and some are fresh against the 48-hour target.
 */
export function consoleBacklog(
  random: () => number,
  wards: readonly WardSpot[],
  count: number,
  cityNowMs: number,
  days = 30,
): Extract<IngestEvent, { type: 'incident.reported' }>[] {
  const wardOf = wardPicker(wards);
  const out: Extract<IngestEvent, { type: 'incident.reported' }>[] = [];
  for (let n = 1; n <= count; n++) {
    const ageMs = random() ** 2 * days * DAY_MS;
    out.push(
      consoleIncident(random, wardOf(random), {
        id: backlogId(n),
        reportedAtMs: Math.round(cityNowMs - ageMs),
      }),
    );
  }
  return out;
}

export const backlogId = (n: number) => `CB-${String(n).padStart(5, '0')}`;
export const liveId = (n: number) => `CB-LIVE-${String(n).padStart(4, '0')}`;

/** Splits `items` into batches of at most `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  if (!(size >= 1)) throw new Error('batch size must be at least 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ---- Readings to figures ----

export interface FrameStats {
  frames: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  /** share of frames that took longer than 50 ms (0..1) */
  over50Share: number | null;
}

/** Frame times from successive requestAnimationFrame timestamps. */
export function frameStats(timestamps: readonly number[]): FrameStats {
  const deltas: number[] = [];
  for (let i = 1; i < timestamps.length; i++) deltas.push(timestamps[i]! - timestamps[i - 1]!);
  return {
    frames: deltas.length,
    p50Ms: round(percentile(deltas, 50), 1),
    p95Ms: round(percentile(deltas, 95), 1),
    maxMs: round(deltas.length ? Math.max(...deltas) : Number.NaN, 1),
    over50Share: deltas.length ? round(deltas.filter((d) => d > 50).length / deltas.length, 3) : null,
  };
}

export interface LatencyStats {
  n: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
}

export function latencyStats(values: readonly number[]): LatencyStats {
  return {
    n: values.length,
    p50Ms: round(percentile(values, 50), 1),
    p95Ms: round(percentile(values, 95), 1),
    maxMs: round(values.length ? Math.max(...values) : Number.NaN, 1),
  };
}

/** When an input was handled and shown: the later of the paint after it and the paints after any
 * change of the row count it caused (a deferred filter would change the count after the first paint). */
export function settledLatency(startMs: number, paintAfterInputMs: number, rowPaintsMs: readonly number[]) {
  return Math.max(paintAfterInputMs, ...rowPaintsMs) - startMs;
}

export interface SelectChange {
  select: 'status' | 'sort';
  value: string;
  rows: number;
  ms: number;
}

export interface QueryResult {
  query: string;
  rows: number;
  /** last keystroke to the list settled */
  ms: number;
}

export interface ConsoleMeasurements {
  renderer: string | null;
  glBackend: string;
  chromium: string;
  incidentsIngested: number;
  /** data-rows with the status filter on "all" once the page held the backlog */
  rowsAll: number;
  /** ms from navigation start until data-rows first reached the backlog, and the paint after */
  firstFullListMs: number | null;
  queries: QueryResult[];
  /** every keystroke of every query: keystroke to the paint after it */
  keystrokeMs: number[];
  selects: SelectChange[];
  scroll: {
    frameTimestamps: number[];
    maxDomRows: number;
    reachedBottom: boolean;
    stepPx: number;
  };
  keyboard: {
    presses: number;
    /** selection moves seen (index of the selected row after the last press minus before the first) */
    moved: number;
    /** first keydown to the paint after the last one */
    totalMs: number;
    perPressMs: number[];
  };
  live: {
    ratePerSec: number;
    seconds: number;
    sent: number;
    accepted: number;
    /** seconds of wall time the window lasted */
    windowS: number;
    taskDurationS: number;
    heapBytesBefore: number;
    heapBytesAfter: number;
    rowsBefore: number;
    rowsAfter: number;
    /** the newest live incident was on screen at the end */
    newestShown: boolean;
    hubEvents: number;
    frameTimestamps: number[];
  };
  /** the same reading with the console open and nothing ingested, for comparison; null when skipped */
  idle: { windowS: number; taskDurationS: number; hubEvents: number } | null;
  offsiteRequests: number;
  pageErrors: number;
}

const MB = 1024 * 1024;

export interface ConsoleFigures {
  date: string;
  renderer: string | null;
  glBackend: string;
  chromium: string;
  incidentsIngested: number;
  rowsAll: number;
  firstFullListMs: number | null;
  filter: LatencyStats & { keystrokeP50Ms: number | null; keystrokeP95Ms: number | null };
  queries: QueryResult[];
  statusSelect: LatencyStats;
  sortSelect: LatencyStats;
  selects: SelectChange[];
  scroll: FrameStats & { maxDomRows: number; reachedBottom: boolean; stepPx: number };
  keyboard: LatencyStats & { presses: number; moved: number; msPerSelectionChange: number | null };
  live: {
    ratePerSec: number;
    seconds: number;
    sent: number;
    accepted: number;
    mainThreadBusy: number | null;
    heapMbBefore: number | null;
    heapMbAfter: number | null;
    rowsBefore: number;
    rowsAfter: number;
    newestShown: boolean;
    hubEventsPerSec: number | null;
    frames: FrameStats;
  };
  idle: { mainThreadBusy: number | null; hubEventsPerSec: number | null } | null;
  offsiteRequests: number;
  pageErrors: number;
}

const busy = (taskS: number, windowS: number) =>
  windowS > 0 ? round(Math.min(1, Math.max(0, taskS / windowS)), 3) : null;

export function consoleFigures(m: ConsoleMeasurements, date = new Date()): ConsoleFigures {
  const q = latencyStats(m.queries.map((x) => x.ms));
  const keys = latencyStats(m.keystrokeMs);
  const kb = latencyStats(m.keyboard.perPressMs);
  return {
    date: date.toISOString(),
    renderer: m.renderer,
    glBackend: m.glBackend,
    chromium: m.chromium,
    incidentsIngested: m.incidentsIngested,
    rowsAll: m.rowsAll,
    firstFullListMs: m.firstFullListMs === null ? null : round(m.firstFullListMs, 0),
    filter: { ...q, keystrokeP50Ms: keys.p50Ms, keystrokeP95Ms: keys.p95Ms },
    queries: m.queries.map((x) => ({ ...x, ms: round(x.ms, 1) ?? Number.NaN })),
    statusSelect: latencyStats(m.selects.filter((s) => s.select === 'status').map((s) => s.ms)),
    sortSelect: latencyStats(m.selects.filter((s) => s.select === 'sort').map((s) => s.ms)),
    selects: m.selects.map((s) => ({ ...s, ms: round(s.ms, 1) ?? Number.NaN })),
    scroll: {
      ...frameStats(m.scroll.frameTimestamps),
      maxDomRows: m.scroll.maxDomRows,
      reachedBottom: m.scroll.reachedBottom,
      stepPx: m.scroll.stepPx,
    },
    keyboard: {
      ...kb,
      presses: m.keyboard.presses,
      moved: m.keyboard.moved,
      msPerSelectionChange: m.keyboard.moved > 0 ? round(m.keyboard.totalMs / m.keyboard.moved, 1) : null,
    },
    live: {
      ratePerSec: m.live.ratePerSec,
      seconds: m.live.seconds,
      sent: m.live.sent,
      accepted: m.live.accepted,
      mainThreadBusy: busy(m.live.taskDurationS, m.live.windowS),
      heapMbBefore: round(m.live.heapBytesBefore / MB, 1),
      heapMbAfter: round(m.live.heapBytesAfter / MB, 1),
      rowsBefore: m.live.rowsBefore,
      rowsAfter: m.live.rowsAfter,
      newestShown: m.live.newestShown,
      hubEventsPerSec: m.live.windowS > 0 ? round(m.live.hubEvents / m.live.windowS, 0) : null,
      frames: frameStats(m.live.frameTimestamps),
    },
    idle: m.idle
      ? {
          mainThreadBusy: busy(m.idle.taskDurationS, m.idle.windowS),
          hubEventsPerSec: m.idle.windowS > 0 ? round(m.idle.hubEvents / m.idle.windowS, 0) : null,
        }
      : null,
    offsiteRequests: m.offsiteRequests,
    pageErrors: m.pageErrors,
  };
}

/** Issue 4's "stays fast with 10,000 incidents", as the lead set the targets. */
export function consoleVerdicts(f: ConsoleFigures): { name: string; ok: boolean }[] {
  return [
    { name: 'list holds >= 10,000 incidents', ok: f.rowsAll >= 10_000 },
    { name: 'filter p95 < 200 ms', ok: f.filter.p95Ms !== null && f.filter.p95Ms < 200 },
    {
      name: 'status & sort selects p95 < 200 ms',
      ok: [f.statusSelect.p95Ms, f.sortSelect.p95Ms].every((p) => p !== null && p < 200),
    },
    { name: 'scroll p95 frame < 50 ms', ok: f.scroll.p95Ms !== null && f.scroll.p95Ms < 50 },
    { name: 'scroll keeps < 100 rows in the DOM', ok: f.scroll.maxDomRows > 0 && f.scroll.maxDomRows < 100 },
    {
      name: 'main thread < 50% busy (live updates)',
      ok: f.live.mainThreadBusy !== null && f.live.mainThreadBusy < 0.5,
    },
  ];
}

const ms = (v: number | null) => (v === null ? 'n/a' : `${v} ms`);
const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
const trio = (s: { p50Ms: number | null; p95Ms: number | null; maxMs: number | null }) =>
  `${ms(s.p50Ms)} / ${ms(s.p95Ms)} / ${ms(s.maxMs)}`;

export function formatConsoleTable(f: ConsoleFigures): string {
  const rows: [string, string][] = [
    ['renderer', `${f.renderer ?? 'none'} (${f.glBackend})`],
    ['incidents ingested / rows (all)', `${f.incidentsIngested} / ${f.rowsAll}`],
    ['first full list after navigation', ms(f.firstFullListMs)],
    [`filter: last key -> settled p50/p95/max`, `${trio(f.filter)} (${f.filter.n} queries)`],
    ['filter: any keystroke p50 / p95', `${ms(f.filter.keystrokeP50Ms)} / ${ms(f.filter.keystrokeP95Ms)}`],
    ['status select p50/p95/max', `${trio(f.statusSelect)} (${f.statusSelect.n} changes)`],
    ['sort select p50/p95/max', `${trio(f.sortSelect)} (${f.sortSelect.n} changes)`],
    [
      'scroll frame p50/p95/max',
      `${trio(f.scroll)} (${f.scroll.frames} frames, ${f.scroll.stepPx} px/frame, bottom ${f.scroll.reachedBottom ? 'reached' : 'NOT reached'})`,
    ],
    ['scroll frames > 50 ms', pct(f.scroll.over50Share)],
    ['scroll max rows in DOM', String(f.scroll.maxDomRows)],
    [
      'keyboard: ms per selection change',
      `${ms(f.keyboard.msPerSelectionChange)} (${f.keyboard.moved} moves / ${f.keyboard.presses} presses)`,
    ],
    ['keyboard: press -> paint p50/p95/max', trio(f.keyboard)],
    [
      `live ${f.live.ratePerSec}/s for ${f.live.seconds} s: main thread`,
      `${pct(f.live.mainThreadBusy)} busy (${f.live.accepted}/${f.live.sent} accepted, hub ${f.live.hubEventsPerSec ?? 'n/a'} ev/s)`,
    ],
    ['live: frame p50/p95/max', trio(f.live.frames)],
    [
      'live: rows before -> after',
      `${f.live.rowsBefore} -> ${f.live.rowsAfter} (newest shown: ${f.live.newestShown ? 'yes' : 'no'})`,
    ],
    ['live: JS heap before -> after', `${f.live.heapMbBefore ?? 'n/a'} -> ${f.live.heapMbAfter ?? 'n/a'} MB`],
  ];
  if (f.idle) {
    rows.push([
      'idle console (no ingest): main thread',
      `${pct(f.idle.mainThreadBusy)} busy (hub ${f.idle.hubEventsPerSec ?? 'n/a'} ev/s)`,
    ]);
  }
  rows.push(['offsite requests / page errors', `${f.offsiteRequests} / ${f.pageErrors}`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  for (const v of consoleVerdicts(f)) lines.push(`${(v.ok ? 'PASS' : 'MISS').padEnd(width)}  ${v.name}`);
  return lines.join('\n');
}

// ---- CPU profiles ----

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface FrameCost {
  functionName: string;
  url: string;
  /** 0-based, as the profile gives them */
  lineNumber: number;
  columnNumber: number;
  selfMs: number;
  /** time with this function anywhere on the stack (counted once per sample, recursion or not) */
  totalMs: number;
}

/** Chromium's pseudo-frames: not code of the page. */
const PSEUDO = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/**
 * Self and total time per function (by name and position) in a CDP CPU profile. Each sample's
 * time delta goes to the sample's own frame (self) and to every distinct frame on its stack (total).
 * `busyMs` is the time outside (idle).
 */
export function profileCosts(profile: CpuProfile): { busyMs: number; costs: FrameCost[] } {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n: ProfileNode) =>
    `${n.callFrame.functionName}\u0000${n.callFrame.url}\u0000${n.callFrame.lineNumber}\u0000${n.callFrame.columnNumber}`;
  const costs = new Map<string, FrameCost>();
  const costOf = (n: ProfileNode) => {
    const key = keyOf(n);
    let c = costs.get(key);
    if (!c) {
      c = {
        functionName: n.callFrame.functionName || '(anonymous)',
        url: n.callFrame.url,
        lineNumber: n.callFrame.lineNumber,
        columnNumber: n.callFrame.columnNumber,
        selfMs: 0,
        totalMs: 0,
      };
      costs.set(key, c);
    }
    return c;
  };
  let busyMs = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const dt = (deltas[i] ?? 0) / 1000;
    if (node.callFrame.functionName !== '(idle)') busyMs += dt;
    costOf(node).selfMs += dt;
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = node; n; n = byId.get(parent.get(n.id) ?? -1)) {
      const key = keyOf(n);
      if (seen.has(key)) continue;
      seen.add(key);
      costOf(n).totalMs += dt;
    }
  });
  return { busyMs, costs: [...costs.values()] };
}

/** Where a generated position came from, when a source map knows it. */
export interface OriginalPosition {
  source: string;
  line: number;
  name: string | null;
}

/** A source path from a map, shortened to what a reader recognises (src/…, node_modules/…). */
export function shortSource(source: string): string {
  const i = source.search(/(?:^|\/)(src|node_modules|mocks)\//);
  return i < 0 ? source : source.slice(source[i] === '/' ? i + 1 : i);
}

/**
 * The costliest functions as table lines: by self time, and (for code of the app itself, under
 * src/) by total time, which names the app function that pays for library work under it.
 */
export function formatProfile(
  profile: CpuProfile,
  locate: (url: string, line: number, column: number) => OriginalPosition | null,
  top = 15,
): string {
  const { busyMs, costs } = profileCosts(profile);
  const where = (c: FrameCost) => {
    const o = c.url ? locate(c.url, c.lineNumber, c.columnNumber) : null;
    if (o) return `${o.name ?? c.functionName} ${shortSource(o.source)}:${o.line}`;
    return `${c.functionName} ${c.url ? `${c.url.split('/').pop()}:${c.lineNumber + 1}` : ''}`.trim();
  };
  const line = (v: number, c: FrameCost) =>
    `${v.toFixed(0).padStart(7)} ms ${((100 * v) / Math.max(busyMs, 1e-9)).toFixed(1).padStart(5)}%  ${where(c)}`;
  const self = [...costs]
    .filter((c) => c.functionName !== '(idle)')
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top)
    .map((c) => line(c.selfMs, c));
  const app = [...costs]
    .filter((c) => !PSEUDO.has(c.functionName) && c.url)
    .map((c) => ({ c, o: locate(c.url, c.lineNumber, c.columnNumber) }))
    .filter(({ o }) => o !== null && shortSource(o.source).startsWith('src/'))
    .sort((a, b) => b.c.totalMs - a.c.totalMs)
    .slice(0, top)
    .map(({ c }) => line(c.totalMs, c));
  return [
    `busy ${busyMs.toFixed(0)} ms; self time (share of busy):`,
    ...self,
    'app functions by total time (self + callees):',
    ...app,
  ].join('\n');
}

/**
 * Main-thread CPU in deck.gl's frame function (`_onRenderFrame`: canvas size, layer and attribute
 * updates, picking, draw calls), in ms, from a CPU profile. deck.gl's own cpuTimePerFrame is the wall
 * time between the start and the end of that function, which counts the time the renderer waited for
 * a core the GPU process or the hub had; the profile counts only the samples taken in it.
 */
export function deckFrameCpuMs(
  profile: CpuProfile,
  locate: (url: string, line: number, column: number) => OriginalPosition | null,
): number {
  return profileCosts(profile)
    .costs.filter((c) => {
      if (!c.url) return false;
      const o = locate(c.url, c.lineNumber, c.columnNumber);
      return (
        o !== null && (o.name ?? c.functionName) === '_onRenderFrame' && o.source.includes('@deck.gl/core')
      );
    })
    .reduce((ms, c) => ms + c.totalMs, 0);
}
