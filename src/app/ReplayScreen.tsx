import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Provider } from 'react-redux';
import { LampColumns } from '../features/lights/lampColumns';
import { LampFaultWatch } from '../features/lights/lampFaults';
import {
  ReplayBar,
  ReplayContext,
  REPLAY_SPEEDS,
  replayStateAt,
  replayStepKey,
  type ReplayControls,
  type ReplaySpeed,
  type ReplayView,
} from '../features/replay';
import { decodeLampRuns, type LampFrame, type ReplayHistory } from '../shared/protocol/replay';
import { selectSession, type HubApi } from './connection';
import { useAppSelector, useAppStore } from './hooks';
import { replaySnapshot } from './replaySnapshot';
import { makeStore, type AppStore } from './store';

/** A playing replay steps this often in real time (at 60×, a city minute a second). */
const STEP_MS = 250;
/** ← and → move the replay by this much; with Shift, by an hour. */
const SEEK_MS = 5 * 60_000;
const SEEK_LONG_MS = 3600_000;

/**
 * A replay's own copy of the page: a store made with the same slices, and lamp columns and a fault
 * watch of its own, fed from the hub's history of the last 24 hours. It is not the live page's.
 */
interface ReplayCopy {
  history: ReplayHistory;
  dropped: number;
  store: AppStore;
  lamps: LampColumns;
  faults: LampFaultWatch;
}

type Playback = { at: number; playing: boolean; speed: ReplaySpeed };

/**
 * Time replay of the last 24 hours on the wall (operators and leaders; a guest has the tour).
 *
 * Why two stores: replay must never mix with live state. The live store, its lamp columns and the
 * realtime pipeline go on exactly as before while the wall replays: events keep arriving and are
 * applied to the live state, `lastSeq` moves on, nothing is held back. The replay is a second store
 * of the same slices (makeStore) with lamp columns of its own, given one snapshot per step (built
 * by the pure replay engine from the hub's history), and the wall's panels are shown through it by
 * swapping the store of the Provider around them. Returning to live swaps the Provider back: the
 * panels read the live state as it stands, and the stream never paused, so there is no resync. The
 * alarms, outside this Provider, keep ringing for live incidents during a replay.
 */
export function ReplayScreen({
  lamps,
  faults,
  api,
  children,
}: {
  lamps: LampColumns;
  faults: LampFaultWatch;
  api: HubApi;
  children: (lamps: LampColumns, faults: LampFaultWatch) => ReactNode;
}) {
  const live = useAppStore();
  const role = useAppSelector(selectSession)?.role;
  const fetchReplay = api.replay;
  const allowed = (role === 'operator' || role === 'leader') && fetchReplay !== undefined;
  const [copy, setCopy] = useState<ReplayCopy | null>(null);
  const [status, setStatus] = useState<{ mode: 'live' | 'loading' } | { mode: 'failed'; error: string }>({
    mode: 'live',
  });
  const [playback, setPlayback] = useState<Playback | null>(null);
  const atRef = useRef(0);
  const loading = useRef<AbortController | null>(null);

  const open = useCallback(() => {
    if (!allowed || loading.current || copy) return;
    const abort = new AbortController();
    loading.current = abort;
    setStatus({ mode: 'loading' });
    fetchReplay({}, abort.signal).then(
      ({ history, dropped }) => {
        loading.current = null;
        const s = live.getState();
        // The view and the page's settings carry over; the city's data comes from the replay's snapshots.
        const store = makeStore({ config: s.config, connection: s.connection, map: s.map, stage: s.stage });
        const replayLamps = new LampColumns();
        const replayFaults = new LampFaultWatch(store, replayLamps, () => atRef.current);
        atRef.current = history.to;
        setCopy({
          history,
          dropped,
          store,
          lamps: replayLamps,
          faults: replayFaults,
        });
        setPlayback({ at: history.to, playing: false, speed: 60 });
        setStatus({ mode: 'live' });
      },
      (err: unknown) => {
        loading.current = null;
        if (!abort.signal.aborted) setStatus({ mode: 'failed', error: (err as Error).message });
      },
    );
  }, [allowed, copy, fetchReplay, live]);

  const backToLive = useCallback(() => {
    loading.current?.abort();
    loading.current = null;
    setCopy(null);
    setPlayback(null);
    setStatus({ mode: 'live' });
  }, []);

  // The replay's fault watch runs while it is shown, and stops with it (live again, or the page gone).
  useEffect(() => copy?.faults.start(), [copy]);

  // Playing: the instant moves at the chosen speed, and stops at the end of the history.
  const playing = playback?.playing === true;
  useEffect(() => {
    if (!playing || !copy) return;
    const id = setInterval(() => {
      setPlayback((p) => {
        if (!p) return p;
        const at = Math.min(copy.history.to, p.at + STEP_MS * p.speed);
        return { ...p, at, playing: at < copy.history.to };
      });
    }, STEP_MS);
    return () => clearInterval(id);
  }, [playing, copy]);

  // Each step: the replay's store is given the state of the instant, when anything it shows changed
  // or the clock it extrapolates has drifted from the instant (a seek, a pause, a new speed).
  const shown = useRef<{
    key: string;
    frame: LampFrame | null;
    at: number;
    real: number;
    rate: number;
  } | null>(null);
  useEffect(() => {
    if (!copy || !playback) {
      shown.current = null;
      return;
    }
    atRef.current = playback.at;
    const { history, store } = copy;
    const key = replayStepKey(history, playback.at);
    const rate = playback.playing ? playback.speed : 0;
    const real = Date.now();
    const last = shown.current;
    const expected = last ? last.at + (real - last.real) * last.rate : NaN;
    if (last && last.key === key && last.rate === rate && Math.abs(expected - playback.at) < 30_000) return;
    const state = replayStateAt(history, playback.at);
    if (state.lamps !== last?.frame) {
      const frame = state.lamps ? decodeLampRuns(state.lamps.runs, lamps.count) : null;
      copy.lamps.loadFrame(
        lamps,
        frame?.state ?? new Uint8Array(lamps.count),
        frame?.level ?? new Uint8Array(lamps.count),
      );
    }
    const clock = live.getState().connection.clock;
    store.dispatch(
      replaySnapshot(
        state,
        live.getState(),
        copy.lamps.summary(),
        { speed: rate, simulated: clock?.simulated ?? false },
        real,
        history.power,
      ),
    );
    shown.current = { key, frame: state.lamps, at: playback.at, real, rate };
  }, [copy, playback, lamps, live]);

  const controls = useMemo<ReplayControls>(
    () => ({
      onOpen: open,
      onLive: backToLive,
      onSeek: (at) => setPlayback((p) => (p && copy ? { ...p, at: clampTo(copy.history, at) } : p)),
      onPlayPause: () =>
        setPlayback((p) => {
          if (!p || !copy) return p;
          // Play from the end starts the day again from its beginning.
          const at = !p.playing && p.at >= copy.history.to ? copy.history.from : p.at;
          return { ...p, at, playing: !p.playing };
        }),
      onSpeed: (speed) => setPlayback((p) => (p ? { ...p, speed } : p)),
    }),
    [open, backToLive, copy],
  );

  // R opens the replay or returns to live, Esc returns to live; in a replay, Space plays or pauses,
  // ← → move it (Shift: by the hour), S changes the speed.
  useEffect(() => {
    if (!allowed) return;
    const onKey = (ev: KeyboardEvent) => {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      const target = ev.target as HTMLElement | null;
      if (target?.closest('textarea, select, [contenteditable="true"]')) return;
      const field = target instanceof HTMLInputElement ? target.type : null;
      if (field !== null && field !== 'range' && field !== 'checkbox' && field !== 'button') return;
      const c = controls;
      const key = ev.key.length === 1 ? ev.key.toLowerCase() : ev.key;
      const inReplay = copy !== null;
      if (key === 'r') (inReplay ? c.onLive : c.onOpen)();
      else if (!inReplay) return;
      else if (key === 'Escape') c.onLive();
      else if (key === ' ') c.onPlayPause();
      else if (key === 's') c.onSpeed(nextSpeed(playback?.speed ?? 60));
      else if ((key === 'ArrowLeft' || key === 'ArrowRight') && field !== 'range') {
        const step = (ev.shiftKey ? SEEK_LONG_MS : SEEK_MS) * (key === 'ArrowLeft' ? -1 : 1);
        c.onSeek((playback?.at ?? 0) + step);
      } else return;
      ev.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [allowed, controls, copy, playback]);

  // A guest never replays: should a page's session turn out to be a guest's, it shows live.
  const shownCopy = allowed ? copy : null;

  const view = useMemo<ReplayView>(
    () =>
      copy && playback
        ? { mode: 'replay', from: copy.history.from, to: copy.history.to, dropped: copy.dropped, ...playback }
        : status,
    [copy, playback, status],
  );
  // The wall's own control (ReplayOpen, in its layout) reads it; it changes only with the replay.
  const context = useMemo(() => (allowed ? { view, controls } : null), [allowed, view, controls]);
  return (
    <>
      <ReplayContext.Provider value={context}>
        <Provider store={shownCopy ? shownCopy.store : live}>
          {shownCopy ? children(shownCopy.lamps, shownCopy.faults) : children(lamps, faults)}
        </Provider>
      </ReplayContext.Provider>
      {allowed && <ReplayBar view={view} controls={controls} />}
    </>
  );
}

function clampTo(history: ReplayHistory, at: number): number {
  return Math.min(Math.max(at, history.from), history.to);
}

function nextSpeed(speed: ReplaySpeed): ReplaySpeed {
  return REPLAY_SPEEDS[(REPLAY_SPEEDS.indexOf(speed) + 1) % REPLAY_SPEEDS.length]!;
}
