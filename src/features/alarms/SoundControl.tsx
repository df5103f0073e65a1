import { useTranslation } from 'react-i18next';
import type { AlarmSound } from './useAlarmSound';

/**
 * "Enable sound" until a person clicks it (browsers keep audio locked until a gesture), then a mute
 * toggle: a fixed label with its state in aria-pressed, the icon and the colour. `urgent` draws the eye to a locked control while an alarm rings unheard.
 */
export function SoundControl({ sound, urgent }: { sound: AlarmSound; urgent: boolean }) {
  const { t } = useTranslation();
  if (sound.status === 'unavailable') return null;
  if (sound.status === 'locked')
    return (
      <button
        type="button"
        className={`alarm-sound alarm-sound-enable${urgent ? ' alarm-sound-urgent' : ''}`}
        data-testid="sound-enable"
        onClick={() => void sound.enable()}
      >
        <SpeakerIcon muted />
        {t('alarm.enableSound')}
      </button>
    );
  return (
    <button
      type="button"
      className={`alarm-sound${sound.muted ? ' alarm-sound-muted' : ''}`}
      data-testid="sound-mute"
      aria-pressed={sound.muted}
      onClick={sound.toggleMute}
    >
      <SpeakerIcon muted={sound.muted} />
      {t('alarm.mute')}
    </button>
  );
}

function SpeakerIcon({ muted = false }: { muted?: boolean }) {
  return (
    <svg className="alarm-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 9v6h4l5 4V5L7 9H3Z" fill="currentColor" />
      {muted ? (
        <path d="m16 9 5 6m0-6-5 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      ) : (
        <path
          d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12"
          stroke="currentColor"
          strokeWidth="2"
          fill="none"
          strokeLinecap="round"
        />
      )}
    </svg>
  );
}
