import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandAck } from '../../../shared/protocol/events';
import type { CommandAnswer } from '../../../shared/ui/console/useCommandRunner';
import type { CommandData } from '../../../app/connection';
import { lightsAnswerText } from '../lightsErrors';

export type LightsSet = CommandData<'lights.set'>;

/** Sends a `lights.set` through the console's runner; null if another command was still in flight. */
export type SetLights = (data: LightsSet) => Promise<CommandAck | null>;

interface Props {
  cabinetId: string;
  /** the hub reports the cabinet's control status (it may not control it otherwise) */
  hasStatus: boolean;
  setLights: SetLights;
  /** a command is in flight */
  busy: boolean;
  /** the runner's last answer, shown if it was about this cabinet */
  result: CommandAnswer | null;
}

/**
 * A cabinet's switches: on, off, back to its schedule, or dimmed to a level, and the hub's answer.
 * Keyed by cabinet with its panel: the dim level starts afresh for another.
 */
export function CabinetControls({ cabinetId, hasStatus, setLights, busy, result }: Props) {
  const { t } = useTranslation();
  const [level, setLevel] = useState('50');
  const dimLevel = parseDimLevel(level);
  const answer = result?.about === cabinetId ? result.ack : null;
  const set = (data: Omit<LightsSet, 'cabinetId'>) => void setLights({ cabinetId, ...data });
  return (
    <>
      {!hasStatus && <p className="lights-note">{t('lights.noStatus')}</p>}
      <div className="console-actions" role="group" aria-label={t('lights.controls')}>
        <button type="button" data-testid="cab-on" disabled={busy} onClick={() => set({ mode: 'on' })}>
          {t('lights.on')}
        </button>
        <button type="button" data-testid="cab-off" disabled={busy} onClick={() => set({ mode: 'off' })}>
          {t('lights.off')}
        </button>
        <button type="button" data-testid="cab-auto" disabled={busy} onClick={() => set({ mode: 'auto' })}>
          {t('lights.auto')}
        </button>
      </div>
      <form
        className="lights-dim"
        onSubmit={(e) => {
          e.preventDefault();
          if (dimLevel !== null) set({ mode: 'dim', level: dimLevel });
        }}
      >
        <label>
          {t('lights.dimLevel')}
          <input
            type="number"
            data-testid="cab-level"
            min={0}
            max={100}
            step={1}
            value={level}
            aria-invalid={dimLevel === null}
            onChange={(e) => setLevel(e.target.value)}
          />
        </label>
        <button type="submit" data-testid="cab-dim" disabled={busy || dimLevel === null}>
          {t('lights.dim')}
        </button>
      </form>
      <p className="lights-note">{t('lights.hint')}</p>
      {busy && (
        <div className="console-result" role="status">
          {t('lights.sending')}
        </div>
      )}
      {answer && (
        <div
          className={`console-result ${answer.ok ? 'ok' : 'error'}`}
          role="status"
          data-testid="cab-result"
        >
          {lightsAnswerText(answer, t)}
        </div>
      )}
    </>
  );
}

/** The dim level typed, as the command takes it (a whole number 0-100), or null if it is not one. */
function parseDimLevel(text: string): number | null {
  if (!/^\s*\d{1,3}\s*$/.test(text)) return null;
  const n = Number(text);
  return n <= 100 ? n : null;
}
