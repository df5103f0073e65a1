import { useCallback, useRef, useState } from 'react';
import type { CommandAck } from '../../protocol/events';

/** The hub's last answer, and what the command was about (an incident, a cabinet): its panel shows it. */
export interface CommandAnswer {
  about: string;
  ack: CommandAck;
}

export interface CommandRunner {
  /**
   * Sends a command (`send` makes it), unless one is in flight: resolves with the hub's answer, or
   * null if it was not sent.
   */
  run: (about: string, send: () => Promise<CommandAck>) => Promise<CommandAck | null>;
  /** a command is in flight: the console disables its buttons */
  busy: boolean;
  result: CommandAnswer | null;
}

/**
 * Runs a console's commands, from a button or a key alike, one at a time, and keeps the last answer
 * to show: a refusal (another operator was faster, a cabinet offline) must reach the operator
 * whichever way they asked. Each console words the answer itself, at render, in the page's language.
 */
export function useCommandRunner(): CommandRunner {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CommandAnswer | null>(null);
  // The buttons are disabled only once `busy` renders; a second click or key before that is ignored.
  const inFlight = useRef(false);
  const run = useCallback(async (about: string, send: () => Promise<CommandAck>) => {
    if (inFlight.current) return null;
    inFlight.current = true;
    setBusy(true);
    setResult(null);
    try {
      const ack = await send();
      setResult({ about, ack });
      return ack;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);
  return { run, busy, result };
}
