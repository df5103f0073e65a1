import { useCallback, useEffect, useState } from 'react';
import { useAppSelector } from '../../app/hooks';
import { ALARM_LINGER_MS, selectActiveAlarms, selectAlarms, shownAlarms } from './alarmsSlice';
import { AlarmBanner, type Acknowledge } from './AlarmBanner';
import { SoundControl } from './SoundControl';
import { useAlarmSound } from './useAlarmSound';
import './alarms.css';

/**
 * The wall's alarms: a banner for severe incidents as they arrive, their sounds, and the sound
 * control. `onAcknowledge` (operators only) adds an "Acknowledge" button to each ringing alarm.
 *
 * Position: the banner sits fixed at the top centre under the wall's header, the sound control in
 * the middle of the header. A page with another layout moves them with the CSS variables
 * `--alarm-top` and `--alarm-control-top` on any ancestor.
 */
export function AlarmCenter({ onAcknowledge }: { onAcknowledge?: Acknowledge }) {
  const all = useAppSelector(selectAlarms);
  const active = useAppSelector(selectActiveAlarms);
  const sound = useAlarmSound(active);
  const [now, setNow] = useState(() => Date.now());
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());

  // Only an ended alarm waits on the clock (to leave the banner), so tick only while one is shown. A
  // stale `now` errs towards showing: an alarm newer than it counts as lingering and starts the tick.
  const lingering = all.some((a) => a.ended && !dismissed.has(a.id) && now - a.firstSeenAt < ALARM_LINGER_MS);
  useEffect(() => {
    if (!lingering) return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [lingering]);

  const onAcknowledged = useCallback((id: string) => setDismissed((prev) => new Set(prev).add(id)), []);

  const shown = shownAlarms(all, now, dismissed);
  return (
    <>
      <SoundControl sound={sound} urgent={active.length > 0} />
      <AlarmBanner alarms={shown} onAcknowledge={onAcknowledge} onAcknowledged={onAcknowledged} />
    </>
  );
}
