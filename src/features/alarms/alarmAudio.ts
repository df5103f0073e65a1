import type { AlarmSeverity } from './alarmsSlice';
import { SOUND_PATTERNS } from './soundScheduler';

/**
 * The thin WebAudio side of the alarms: tones synthesised in the browser, nothing to download. What
 * to play and when is decided by planSound; this only turns a pattern into oscillators.
 */
export interface AlarmAudio {
  /** true once the context runs: browsers start it suspended until a person interacts with the page */
  running(): boolean;
  /** resume the context; call it from a click, the gesture autoplay rules ask for */
  resume(): Promise<boolean>;
  play(severity: AlarmSeverity): void;
  /** called when the browser suspends or resumes the context on its own */
  onStateChange(listener: () => void): () => void;
  close(): void;
}

type AudioContextCtor = new () => AudioContext;

function audioContextCtor(): AudioContextCtor | null {
  const g = globalThis as { AudioContext?: AudioContextCtor; webkitAudioContext?: AudioContextCtor };
  return g.AudioContext ?? g.webkitAudioContext ?? null;
}

export function audioSupported(): boolean {
  return audioContextCtor() !== null;
}

/**
 * Whether this page may start audio without a gesture (a kiosk launched with an autoplay policy,
 * or a browser that reports it). Browsers that cannot tell answer false: the page shows the
 * "enable sound" control, which is the safe side.
 */
export function autoplayAllowed(): boolean {
  const nav = globalThis.navigator as
    (Navigator & { getAutoplayPolicy?: (type: 'audiocontext') => string }) | undefined;
  try {
    return nav?.getAutoplayPolicy?.('audiocontext') === 'allowed';
  } catch {
    return false;
  }
}

/** null where the browser has no Web Audio. */
export function createAlarmAudio(): AlarmAudio | null {
  const Ctor = audioContextCtor();
  if (!Ctor) return null;
  const ctx = new Ctor();
  // One master gain and a compressor: several tones at once must not clip into a crackle.
  const master = ctx.createGain();
  master.gain.value = 0.9;
  const limiter = ctx.createDynamicsCompressor();
  master.connect(limiter).connect(ctx.destination);

  return {
    running: () => ctx.state === 'running',
    async resume() {
      try {
        await ctx.resume();
      } catch {
        return false;
      }
      return ctx.state === 'running';
    },
    play(severity) {
      if (ctx.state !== 'running') return;
      const t0 = ctx.currentTime + 0.02;
      for (const tone of SOUND_PATTERNS[severity]) {
        const start = t0 + tone.at;
        const end = start + tone.duration;
        const osc = ctx.createOscillator();
        osc.type = tone.wave;
        osc.frequency.value = tone.frequency;
        const env = ctx.createGain();
        // Short attack, exponential decay: no clicks at the edges of a tone.
        env.gain.setValueAtTime(0.0001, start);
        env.gain.exponentialRampToValueAtTime(tone.gain, start + 0.015);
        env.gain.exponentialRampToValueAtTime(0.0001, end);
        osc.connect(env).connect(master);
        osc.start(start);
        osc.stop(end + 0.02);
        osc.onended = () => env.disconnect();
      }
    },
    onStateChange(listener) {
      ctx.addEventListener('statechange', listener);
      return () => ctx.removeEventListener('statechange', listener);
    },
    close() {
      void ctx.close().catch(() => undefined);
    },
  };
}
