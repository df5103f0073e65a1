import { percentile, round } from '../support/stats';
import type { WireCount } from './wire';

/** One reading of deck.gl's metrics (`window.__iocWall.map.metrics`), which it refreshes every 60 frames. */
export interface MapMetricsSample {
  /** ms of CPU per animation frame, averaged over deck.gl's window */
  cpuTimePerFrame: number;
  /** ms spent updating attributes over the whole window */
  updateAttributesTime: number;
  fps: number;
  /** frames deck.gl redrew in the window */
  framesRedrawn: number;
}

/**
 * The windows worth averaging out of readings taken once a second: deck.gl refreshes its metrics
 * every 60 of its frames, which on a software renderer is less often than once a second, so a
 * reading that equals the previous one is the same window read twice. Its very first report comes
 * before any frame was timed (fps 0) and means nothing either.
 */
export function distinctMapWindows(samples: readonly (MapMetricsSample | null)[]): MapMetricsSample[] {
  const out: MapMetricsSample[] = [];
  let last: MapMetricsSample | null = null;
  for (const s of samples) {
    if (!s) continue;
    const same =
      last !== null &&
      s.cpuTimePerFrame === last.cpuTimePerFrame &&
      s.updateAttributesTime === last.updateAttributesTime &&
      s.fps === last.fps &&
      s.framesRedrawn === last.framesRedrawn;
    last = s;
    if (!same && s.fps > 0) out.push(s);
  }
  return out;
}

const mean = (values: number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;

/** What one bench run measured, raw, before it is turned into figures. */
export interface Measurements {
  renderer: string | null;
  glBackend: string;
  chromium: string;
  lamps: number;
  targetEventsPerSec: number;
  /** the measured window, in seconds of wall time */
  windowS: number;
  /** updates (lamp updates and reports) in the requests the hub answered 202 for in the window */
  ingestAccepted: number;
  ingestRefused: number;
  ingestFailures: number;
  /** the hub's seq delta over the window: ingest plus the simulator's own events, what went into its log */
  hubEvents: number;
  /** the hub's replay log capacity, in events */
  logSize?: number;
  /** window.__iocWall.updatesApplied delta over the window: each lamp of a lamp event counts one */
  pageApplied: number;
  /** window.__iocWall.eventsApplied delta over the window */
  pageEvents?: number;
  /** what a viewer socket in the bench process received over the window (tests/bench/wire.ts) */
  wire?: WireCount;
  /** CDP Performance.getMetrics TaskDuration delta, seconds */
  taskDurationS: number;
  /** CPU seconds of the bench's own process over the window: the hub, its simulator, the load generator */
  hubProcessCpuS?: number;
  frames: number;
  latenciesMs: number[];
  incidentsSent: number;
  heapBytesBefore: number;
  heapBytesAfter: number;
  /** the heap after a forced GC at the start, every HEAP_SAMPLE_S during the window, and at the end */
  heapBytesSeries?: number[];
  offsiteRequests: number;
  pageErrors: number;
  /** deck.gl's metrics read once a second during the window (null before the map reports any) */
  mapMetrics: (MapMetricsSample | null)[];
}

export interface BenchFigures {
  date: string;
  renderer: string | null;
  glBackend: string;
  chromium: string;
  lamps: number;
  targetEventsPerSec: number;
  seconds: number | null;
  /** the lower of what the hub accepted from the generator and what the page applied */
  sustainedEventsPerSec: number | null;
  ingestAcceptedPerSec: number | null;
  hubEventsPerSec: number | null;
  /** updates the page applied a second (each lamp of a lamp event counts one) */
  pageAppliedPerSec: number | null;
  /** events the page applied a second */
  pageEventsPerSec: number | null;
  /** how many seconds of the stream the hub's replay log holds at this window's rate into it */
  logReachS: number | null;
  /** lamp updates a second on the stream, as a viewer socket received them */
  wireLampUpdatesPerSec: number | null;
  /** bytes of `events` frames a second, as a viewer socket received them */
  wireBytesPerSec: number | null;
  /** bytes of `events` frames per lamp update they carried (the frames' reports included) */
  wireBytesPerLampUpdate: number | null;
  mainThreadBusy: number | null;
  /** the bench's own process (hub, simulator, load generator): CPU per second of the window, in cores */
  hubProcessCores: number | null;
  fps: number | null;
  latencyMsP50: number | null;
  latencyMsP95: number | null;
  latencyMsMax: number | null;
  incidentsSent: number;
  incidentsSeen: number;
  heapMbBefore: number | null;
  heapMbAfter: number | null;
  /** after / before − 1 */
  heapGrowth: number | null;
  heapMbSeries: number[];
  ingestRefused: number;
  ingestFailures: number;
  offsiteRequests: number;
  pageErrors: number;
  /** deck.gl's cpuTimePerFrame, mean over its metric windows in the measured window */
  mapCpuMsPerFrame: number | null;
  /** deck.gl's updateAttributesTime, mean per metric window (about 60 frames) */
  mapUpdateAttributesMs: number | null;
  /** attribute updates per redrawn frame: all windows' updateAttributesTime over all their redraws */
  mapUpdateAttributesMsPerFrame: number | null;
  /** deck.gl's fps, mean over its metric windows */
  mapFps: number | null;
  /** how many distinct deck.gl metric windows the map figures average */
  mapMetricWindows: number;
}

const MB = 1024 * 1024;

export function figures(m: Measurements, date = new Date()): BenchFigures {
  const perSec = (n: number) => n / m.windowS;
  const windows = distinctMapWindows(m.mapMetrics);
  const redrawn = windows.reduce((n, w) => n + w.framesRedrawn, 0);
  const attributesMs = windows.reduce((n, w) => n + w.updateAttributesTime, 0);
  return {
    date: date.toISOString(),
    renderer: m.renderer,
    glBackend: m.glBackend,
    chromium: m.chromium,
    lamps: m.lamps,
    targetEventsPerSec: m.targetEventsPerSec,
    seconds: round(m.windowS, 2),
    sustainedEventsPerSec: round(Math.min(perSec(m.ingestAccepted), perSec(m.pageApplied)), 0),
    ingestAcceptedPerSec: round(perSec(m.ingestAccepted), 0),
    hubEventsPerSec: round(perSec(m.hubEvents), 0),
    pageAppliedPerSec: round(perSec(m.pageApplied), 0),
    pageEventsPerSec: m.pageEvents === undefined ? null : round(perSec(m.pageEvents), 0),
    logReachS: m.logSize === undefined || m.hubEvents <= 0 ? null : round(m.logSize / perSec(m.hubEvents), 1),
    wireLampUpdatesPerSec: m.wire ? round(perSec(m.wire.lampUpdates), 0) : null,
    wireBytesPerSec: m.wire ? round(perSec(m.wire.bytes), 0) : null,
    wireBytesPerLampUpdate:
      m.wire && m.wire.lampUpdates > 0 ? round(m.wire.bytes / m.wire.lampUpdates, 1) : null,
    mainThreadBusy: round(Math.min(1, Math.max(0, m.taskDurationS / m.windowS)), 3),
    hubProcessCores: m.hubProcessCpuS === undefined ? null : round(perSec(m.hubProcessCpuS), 2),
    fps: round(perSec(m.frames), 1),
    latencyMsP50: round(percentile(m.latenciesMs, 50), 0),
    latencyMsP95: round(percentile(m.latenciesMs, 95), 0),
    latencyMsMax: round(m.latenciesMs.length ? Math.max(...m.latenciesMs) : Number.NaN, 0),
    incidentsSent: m.incidentsSent,
    incidentsSeen: m.latenciesMs.length,
    heapMbBefore: round(m.heapBytesBefore / MB, 1),
    heapMbAfter: round(m.heapBytesAfter / MB, 1),
    heapGrowth: round(m.heapBytesAfter / m.heapBytesBefore - 1, 3),
    heapMbSeries: (m.heapBytesSeries ?? []).map((b) => round(b / MB, 1) ?? Number.NaN),
    ingestRefused: m.ingestRefused,
    ingestFailures: m.ingestFailures,
    offsiteRequests: m.offsiteRequests,
    pageErrors: m.pageErrors,
    mapCpuMsPerFrame: round(mean(windows.map((w) => w.cpuTimePerFrame)), 2),
    mapUpdateAttributesMs: round(mean(windows.map((w) => w.updateAttributesTime)), 2),
    mapUpdateAttributesMsPerFrame: round(redrawn > 0 ? attributesMs / redrawn : Number.NaN, 3),
    mapFps: round(mean(windows.map((w) => w.fps)), 1),
    mapMetricWindows: windows.length,
  };
}

/**
 * The targets of issue 2 (main thread below 50% busy and p95 latency below 250 ms at the target
 * rate), of issue 3 (the map's CPU time per frame below 10 ms) and of issue 5 (the heap within 10%
 * after a minute). `ok` is null where a run cannot say: no incidents sent, no map, a shorter window.
 */
export function verdicts(f: BenchFigures): { name: string; ok: boolean | null }[] {
  const minute = (f.seconds ?? 0) >= 59;
  return [
    { name: 'sustained >= 95% of target', ok: (f.sustainedEventsPerSec ?? 0) >= 0.95 * f.targetEventsPerSec },
    { name: 'main thread < 50% busy', ok: f.mainThreadBusy !== null && f.mainThreadBusy < 0.5 },
    {
      name: 'latency p95 < 250 ms',
      ok: f.incidentsSent === 0 ? null : f.latencyMsP95 !== null && f.latencyMsP95 < 250,
    },
    { name: 'every incident shown', ok: f.incidentsSent === 0 ? null : f.incidentsSeen === f.incidentsSent },
    {
      name: 'map CPU per frame < 10 ms',
      ok: f.mapMetricWindows === 0 ? null : f.mapCpuMsPerFrame !== null && f.mapCpuMsPerFrame < 10,
    },
    {
      name: 'JS heap within 10% after a minute',
      ok: !minute || f.heapGrowth === null ? null : f.heapGrowth <= 0.1,
    },
  ];
}

const show = (v: number | string | null, unit = '') => (v === null ? 'n/a' : `${v}${unit}`);

export function formatTable(f: BenchFigures): string {
  const rows: [string, string][] = [
    ['renderer', `${f.renderer ?? 'none'} (${f.glBackend})`],
    ['lamps', show(f.lamps)],
    // An update is a lamp change or a report: in protocol version 1 each was an event, in version 2
    // a tick's lamp changes are one event. The rates asked and sustained are in updates.
    ['target updates/s', show(f.targetEventsPerSec)],
    ['sustained updates/s', show(f.sustainedEventsPerSec)],
    ['  accepted by hub (ingest)/s', show(f.ingestAcceptedPerSec)],
    ['  applied by page (with sim)/s', show(f.pageAppliedPerSec)],
    ['events into the hub log/s', show(f.hubEventsPerSec)],
    ['events applied by page/s', show(f.pageEventsPerSec)],
    ['replay log reach', show(f.logReachS, ' s')],
    ['lamp updates on the wire/s', show(f.wireLampUpdatesPerSec)],
    [
      'wire bytes per lamp update',
      `${show(f.wireBytesPerLampUpdate, ' B')} (${show(f.wireBytesPerSec === null ? null : round(f.wireBytesPerSec / 1024, 0), ' KiB/s')})`,
    ],
    ['main thread busy', f.mainThreadBusy === null ? 'n/a' : `${(f.mainThreadBusy * 100).toFixed(1)}%`],
    [
      'hub + simulator + load CPU',
      f.hubProcessCores === null ? 'n/a' : `${Math.round(f.hubProcessCores * 100)}% of a core`,
    ],
    ['frames/s', show(f.fps)],
    [
      'latency p50 / p95 / max',
      `${show(f.latencyMsP50)} / ${show(f.latencyMsP95)} / ${show(f.latencyMsMax)} ms`,
    ],
    ['incidents seen / sent', `${f.incidentsSeen} / ${f.incidentsSent}`],
    [
      'JS heap before -> after',
      `${show(f.heapMbBefore)} -> ${show(f.heapMbAfter)} MB (${f.heapGrowth === null ? 'n/a' : `${f.heapGrowth >= 0 ? '+' : ''}${(f.heapGrowth * 100).toFixed(1)}%`})`,
    ],
    ['  after GC along the way', f.heapMbSeries.length ? `${f.heapMbSeries.join(', ')} MB` : 'n/a'],
    ['map CPU per frame (deck.gl)', `${show(f.mapCpuMsPerFrame, ' ms')} (${f.mapMetricWindows} windows)`],
    [
      'map attribute updates',
      `${show(f.mapUpdateAttributesMs, ' ms')} per window, ${show(f.mapUpdateAttributesMsPerFrame, ' ms')} per frame`,
    ],
    ['map frames/s (deck.gl)', show(f.mapFps)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  for (const v of verdicts(f)) {
    lines.push(`${(v.ok === null ? 'n/a' : v.ok ? 'PASS' : 'MISS').padEnd(width)}  ${v.name}`);
  }
  return lines.join('\n');
}
