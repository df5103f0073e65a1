import type { TFunction } from 'i18next';
import { INCIDENT_STATUSES } from '../../shared/protocol/codes';
import type { CommandAck } from '../../shared/protocol/events';

const ACTIONS = new Set(['acknowledge', 'assign', 'start', 'resolve', 'reject']);
const STATUSES = new Set<string>(INCIDENT_STATUSES);

/**
 * The hub's refusal of a command, in the operator's language. The hub answers in stable English
 * (docs/protocol.md): `forbidden`, `illegal transition: incident.start from received`, `unknown
 * incident: X`…; the console says what happened and, for a refused step, why it most likely
 * happened: another operator got there first. Anything unrecognised is shown as the hub said it.
 */
export function commandErrorText(error: string, t: TFunction): string {
  if (error === 'forbidden') return t('commandError.forbidden');
  if (error === 'timeout') return t('commandError.timeout');
  if (/^unknown incident: /.test(error)) return t('commandError.unknownIncident');
  const illegal = /^illegal transition: incident\.(\w+) (?:from (\w+)|(already acknowledged))$/.exec(error);
  if (illegal && ACTIONS.has(illegal[1]!)) {
    const action = t(`console.${illegal[1]!}`);
    if (illegal[3]) return t('commandError.alreadyAcknowledged');
    if (STATUSES.has(illegal[2]!))
      return t('commandError.illegal', { action, status: t(`status.${illegal[2]!}`) });
  }
  return t('commandError.other', { error });
}

/** The hub's answer to an incident command as the console shows it: done, or why not. */
export function incidentAnswerText(ack: CommandAck, t: TFunction): string {
  return ack.ok ? t('console.done') : commandErrorText(ack.error, t);
}
