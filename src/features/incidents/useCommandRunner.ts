import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandData, SendCommand } from '../../realtime/commands';
import type { CommandAck, CommandType } from '../../shared/protocol/events';
import { commandErrorText } from './commandErrors';

export interface CommandResult {
  incidentId: string;
  ok: boolean;
  text: string;
}

export interface CommandRunner {
  run: <T extends CommandType>(type: T, data: CommandData<T>) => Promise<CommandAck>;
  busy: boolean;
  result: CommandResult | null;
}

/**
 * Sends console commands, from a button or a key alike, and keeps the last answer to show: a refusal
 * (another operator was faster, an illegal step) must reach the operator whichever way they asked.
 */
export function useCommandRunner(send: SendCommand): CommandRunner {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CommandResult | null>(null);
  const run = useCallback(
    async <T extends CommandType>(type: T, data: CommandData<T>) => {
      const incidentId = (data as { incidentId: string }).incidentId;
      setBusy(true);
      setResult(null);
      const ack = await send(type, data);
      setBusy(false);
      setResult({
        incidentId,
        ok: ack.ok,
        text: ack.ok ? t('console.done') : commandErrorText(ack.error, t),
      });
      return ack;
    },
    [send, t],
  );
  return { run, busy, result };
}
