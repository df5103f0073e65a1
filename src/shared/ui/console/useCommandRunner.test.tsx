// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandAck } from '../../protocol/events';
import { useCommandRunner, type CommandRunner } from './useCommandRunner';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A command whose answer the test gives when it wants, and how often it was sent. */
function pending() {
  let answer: (ack: CommandAck) => void = () => {};
  const sent = { count: 0 };
  const send = () => {
    sent.count++;
    return new Promise<CommandAck>((resolve) => (answer = resolve));
  };
  return { send, sent, answer: (ack: CommandAck) => answer(ack) };
}

describe('useCommandRunner', () => {
  let root: Root;
  let runner: CommandRunner;
  function Probe() {
    const r = useCommandRunner();
    // The test reads what the console would render from.
    runner = r;
    return null;
  }

  beforeEach(() => {
    root = createRoot(document.createElement('div'));
    act(() => root.render(<Probe />));
  });
  afterEach(() => act(() => root.unmount()));

  it('is busy while a command is in flight, then keeps the answer with what it was about', async () => {
    const cmd = pending();
    let done!: Promise<CommandAck | null>;
    act(() => {
      done = runner.run('INC-1', cmd.send);
    });
    expect(runner.busy).toBe(true);
    expect(runner.result).toBeNull();
    await act(async () => cmd.answer({ ok: false, error: 'forbidden' }));
    expect(await done).toEqual({ ok: false, error: 'forbidden' });
    expect(runner.busy).toBe(false);
    expect(runner.result).toEqual({ about: 'INC-1', ack: { ok: false, error: 'forbidden' } });
  });

  it('sends one command at a time: a second before the first is answered is not sent', async () => {
    const first = pending();
    const second = pending();
    let again!: Promise<CommandAck | null>;
    act(() => {
      void runner.run('CAB-1', first.send);
      again = runner.run('CAB-1', second.send);
    });
    expect(await again).toBeNull();
    expect(second.sent.count).toBe(0);
    await act(async () => first.answer({ ok: true }));
    const third = pending();
    act(() => {
      void runner.run('CAB-2', third.send);
    });
    expect(third.sent.count).toBe(1);
  });

  it('clears the last answer when the next command goes', async () => {
    const first = pending();
    act(() => {
      void runner.run('INC-1', first.send);
    });
    await act(async () => first.answer({ ok: true }));
    expect(runner.result?.about).toBe('INC-1');
    act(() => {
      void runner.run('INC-2', pending().send);
    });
    expect(runner.result).toBeNull();
  });
});
