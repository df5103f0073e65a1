import type { TFunction } from 'i18next';
import type { CommandAck } from '../../shared/protocol/events';

/**
 * The hub's refusal of a `lights.set`, in the operator's language. The hub answers in stable English
 * (docs/protocol.md, `lights.set`); each known refusal says what to do about it, anything else is
 * shown as the hub said it.
 */
export function lightsErrorText(error: string, t: TFunction): string {
  if (error === 'forbidden') return t('lights.error.forbidden');
  if (error === 'timeout') return t('lights.error.timeout');
  if (error === 'no lighting control on this hub') return t('lights.error.noControl');
  const cabinet = /^(unknown cabinet|cabinet offline): (.+)$/.exec(error);
  if (cabinet?.[1] === 'unknown cabinet') return t('lights.error.unknownCabinet', { id: cabinet[2] });
  if (cabinet?.[1] === 'cabinet offline') return t('lights.error.offline', { id: cabinet[2] });
  return t('lights.error.other', { error });
}

/**
 * The whole answer as the console shows it: on success how many lamps took the command, since about
 * one in thirty misses it and a failed lamp never answers; on refusal, why.
 */
export function lightsAnswerText(ack: CommandAck, t: TFunction): string {
  if (!ack.ok) return lightsErrorText(ack.error, t);
  if (!ack.lights) return t('lights.sent');
  const { took, lamps, noResponse } = ack.lights;
  return t('lights.outcome', { took, lamps, noResponse });
}
