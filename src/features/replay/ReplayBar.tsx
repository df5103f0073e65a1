import { createContext, useContext, useLayoutEffect, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCityMoment, formatCityTime } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import './replay.css';

/** The playback speeds: city seconds a real second. */
export const REPLAY_SPEEDS = [1, 10, 60] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

export type ReplayView =
  | { mode: 'live' }
  | { mode: 'loading' }
  | { mode: 'failed'; error: string }
  | {
      mode: 'replay';
      from: number;
      to: number;
      at: number;
      playing: boolean;
      speed: ReplaySpeed;
      /** items of the hub's answer that did not read and were skipped */
      dropped: number;
    };

export interface ReplayControls {
  onOpen(): void;
  onLive(): void;
  onSeek(at: number): void;
  onPlayPause(): void;
  onSpeed(speed: ReplaySpeed): void;
}

/** What the replay's controls show and do; src/app/ReplayScreen.tsx provides it to a wall it may replay. */
export const ReplayContext = createContext<{ view: ReplayView; controls: ReplayControls } | null>(null);

/**
 * The wall's way into a replay: one small button, mounted in the wall's layout (over its map's corner),
 * shown only where a replay is offered (an operator's or a leader's wall) and while the wall is live.
 */
export function ReplayOpen() {
  const { t } = useTranslation();
  const replay = useContext(ReplayContext);
  if (!replay || replay.view.mode === 'replay') return null;
  const { view, controls } = replay;
  return (
    <div className="replay-open-box">
      {view.mode === 'failed' && (
        <span className="replay-error" role="alert" data-testid="replay-error">
          {t('replay.failed', { error: view.error })}
        </span>
      )}
      <button
        type="button"
        className="replay-open"
        data-testid="replay-open"
        disabled={view.mode === 'loading'}
        onClick={controls.onOpen}
        title="R"
      >
        ⟲ {view.mode === 'loading' ? t('replay.loading') : t('replay.open')}
      </button>
    </div>
  );
}

/** Gap between the banner and the map's attribution line, in rem. */
const BANNER_GAP_REM = 0.6;

/**
 * Where the replay sits on this wall: the bar in the box of the strip under the map (the systems'
 * statuses, which are not part of the history), the banner centred over the map's foot, above its
 * attribution line. It marks the two (`data-replay="covered"`, `"framed"`) for replay.css to hide the
 * strip's contents and frame the map; this is the one place that knows the wall's class names.
 * Without a strip or a map, replay.css places both.
 */
function useAnchors(active: boolean): { bar?: CSSProperties; banner?: CSSProperties } {
  const [anchors, setAnchors] = useState<{ bar?: CSSProperties; banner?: CSSProperties }>({});
  useLayoutEffect(() => {
    if (!active) return;
    const strip = document.querySelector<HTMLElement>('.wall-strip');
    const map = document.querySelector<HTMLElement>('.wall-map');
    strip?.setAttribute('data-replay', 'covered');
    map?.setAttribute('data-replay', 'framed');
    const measure = () => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const next: { bar?: CSSProperties; banner?: CSSProperties } = {};
      const s = strip?.getBoundingClientRect();
      if (s && s.width > 0 && s.height > 0)
        next.bar = {
          left: s.left,
          top: s.top,
          width: s.width,
          height: s.height,
          bottom: 'auto',
          transform: 'none',
        };
      const m = map?.getBoundingClientRect();
      if (m && m.width > 0) {
        // The attribution line's top, wherever the map's style and type scale put it.
        const credit = map?.querySelector('.maplibregl-ctrl-attrib')?.getBoundingClientRect();
        const foot = credit && credit.height > 0 ? Math.min(m.bottom, credit.top) : m.bottom;
        next.banner = { left: m.left + m.width / 2, bottom: innerHeight - foot + BANNER_GAP_REM * rem };
      }
      setAnchors(next);
    };
    measure();
    const seen = new ResizeObserver(measure);
    for (const el of [strip, map]) if (el) seen.observe(el);
    addEventListener('resize', measure);
    return () => {
      seen.disconnect();
      removeEventListener('resize', measure);
      strip?.removeAttribute('data-replay');
      map?.removeAttribute('data-replay');
    };
  }, [active]);
  return anchors;
}

/**
 * The replay's banner and scrubber, over the bottom of the wall while it shows the past: the banner
 * says so and when, the bar scrubs, plays and speeds it. It holds no state: src/app/ReplayScreen.tsx
 * runs the replay and its keys.
 */
export function ReplayBar({ view, controls }: { view: ReplayView; controls: ReplayControls }) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'vi') as Lang;
  const anchors = useAnchors(view.mode === 'replay');
  if (view.mode !== 'replay') return null;
  const time = formatCityTime(view.at, lang);
  return (
    <>
      <div className="replay-banner" data-testid="replay-banner" role="status" style={anchors.banner}>
        {t('replay.banner', { time })}
      </div>
      <div className="replay-bar" data-testid="replay-bar" style={anchors.bar}>
        <button type="button" className="replay-live" data-testid="replay-live" onClick={controls.onLive}>
          ● {t('replay.live')}
        </button>
        <button
          type="button"
          className="replay-play"
          data-testid="replay-play"
          aria-label={view.playing ? t('replay.pause') : t('replay.play')}
          onClick={controls.onPlayPause}
        >
          {view.playing ? '❚❚' : '▶'}
        </button>
        <span className="replay-edge num">{formatCityMoment(view.from, view.to, lang)}</span>
        <input
          type="range"
          className="replay-slider"
          data-testid="replay-slider"
          aria-label={t('replay.slider')}
          aria-valuetext={time}
          // Whole minutes from the first one of the range: a seek lands on hh:mm:00.
          min={Math.ceil(view.from / 60_000) * 60_000}
          max={view.to}
          step={60_000}
          value={view.at}
          onChange={(e) => controls.onSeek(Number(e.currentTarget.value))}
        />
        <span className="replay-edge num">{formatCityTime(view.to, lang)}</span>
        <span className="replay-speeds" role="group" aria-label={t('replay.speed')}>
          {REPLAY_SPEEDS.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={view.speed === s}
              data-testid={`replay-speed-${s}`}
              onClick={() => controls.onSpeed(s)}
            >
              {s}×
            </button>
          ))}
        </span>
        <span className="replay-keys">{t('replay.keys')}</span>
        {view.dropped > 0 && (
          <span className="replay-dropped">{t('replay.dropped', { n: view.dropped })}</span>
        )}
      </div>
    </>
  );
}
