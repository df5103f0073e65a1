import { useCallback, useEffect, useRef, useState } from 'react';
import { type AlarmAudio, audioSupported, autoplayAllowed, createAlarmAudio } from './alarmAudio';
import { browserStorage, readMuted, writeMuted } from './mutePreference';
import { EMPTY_SOUND_MEMORY, planSound, type SoundAlarm } from './soundScheduler';

/** How often the scheduler looks again: fine enough for a 10-second repeat, cheap enough to forget. */
const TICK_MS = 500;

/** `locked`: the browser waits for a gesture (the "enable sound" control); `ready`: sound can play. */
export type SoundStatus = 'unavailable' | 'locked' | 'ready';

export interface AlarmSound {
  status: SoundStatus;
  muted: boolean;
  /** call from a click: creates or resumes the audio context under the gesture */
  enable: () => Promise<void>;
  toggleMute: () => void;
}

/** Plays the ringing alarms' sounds as planSound decides; the React side of the scheduler. */
export function useAlarmSound(active: readonly SoundAlarm[]): AlarmSound {
  const [audio, setAudio] = useState<AlarmAudio | null>(null);
  const [status, setStatus] = useState<SoundStatus>(() => (audioSupported() ? 'locked' : 'unavailable'));
  const [muted, setMuted] = useState(() => readMuted(browserStorage()));
  const memory = useRef(EMPTY_SOUND_MEMORY);

  // Where policy lets the page play without a gesture (a kiosk), skip the "enable sound" step.
  useEffect(() => {
    if (!autoplayAllowed()) return;
    const created = createAlarmAudio();
    if (!created) return;
    let cancelled = false;
    void created.resume().then((ok) => {
      if (cancelled) return created.close();
      setAudio(created);
      setStatus(ok ? 'ready' : 'locked');
    });
    return () => {
      cancelled = true;
    };
  }, []);

  // The browser may suspend the context on its own (device change, OS interruption): ask again then.
  useEffect(() => {
    if (!audio) return;
    const off = audio.onStateChange(() => setStatus(audio.running() ? 'ready' : 'locked'));
    return () => {
      off();
      audio.close();
    };
  }, [audio]);

  const enable = useCallback(async () => {
    const current = audio ?? createAlarmAudio();
    if (!current) {
      setStatus('unavailable');
      return;
    }
    if (current !== audio) setAudio(current);
    const ok = await current.resume();
    setStatus(ok ? 'ready' : 'locked');
  }, [audio]);

  const toggleMute = useCallback(() => {
    const next = !muted;
    writeMuted(browserStorage(), next);
    setMuted(next);
  }, [muted]);

  // Re-run on every change of the ringing set, so that a new alarm sounds at once, not a tick later.
  useEffect(() => {
    if (status !== 'ready' || !audio) return;
    const tick = () => {
      const plan = planSound(active, memory.current, Date.now(), muted);
      memory.current = plan.memory;
      if (plan.play) audio.play(plan.play);
    };
    tick();
    const id = setInterval(tick, TICK_MS);
    return () => clearInterval(id);
  }, [status, audio, muted, active]);

  return { status, muted, enable, toggleMute };
}
