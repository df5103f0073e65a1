import { useEffect, useEffectEvent, useRef, type RefObject } from 'react';
import { selectedAt, stepFrom, type ListModel } from './listModel';

export interface ListKeysOptions {
  onSelect: (id: string) => void;
  /**
   * The console's own keys: offered each key the list does not take, outside a field and without a
   * modifier; returns true if it took the key. `move` steps the selection as ↑/↓ do.
   */
  onKey?: (ev: KeyboardEvent, move: (step: 1 | -1) => void) => boolean;
}

/** What the list does with a key press; data, so that the rules can be tested without a page. */
export type ListKeyAction =
  /** ↓ or Escape in the search field: leave it; ↓ also selects the first row */
  | { type: 'leave-search'; selectFirst: boolean }
  | { type: 'move'; step: 1 | -1 }
  | { type: 'focus-search' }
  /** not the list's key: the console's own may take it */
  | { type: 'pass' }
  /** typed into a field, or with a modifier: nobody's */
  | { type: 'ignore' };

interface Where {
  /** the key went to the search field */
  inSearch: boolean;
  /** the key went to a field that takes keys (text, number, a dropdown…) */
  typing: boolean;
  /** Ctrl, Alt or Meta was held: the browser's or the system's shortcut */
  modified: boolean;
}

export function listKeyAction(key: string, { inSearch, typing, modified }: Where): ListKeyAction {
  if (inSearch && (key === 'ArrowDown' || key === 'Escape'))
    return { type: 'leave-search', selectFirst: key === 'ArrowDown' };
  if (typing || modified) return { type: 'ignore' };
  if (key === 'ArrowDown') return { type: 'move', step: 1 };
  if (key === 'ArrowUp') return { type: 'move', step: -1 };
  if (key === '/') return { type: 'focus-search' };
  return { type: 'pass' };
}

// Inputs that take no typed keys: arrows pressed on a focused checkbox still move the list.
const KEYLESS_INPUTS = new Set(['checkbox', 'button', 'submit', 'reset']);

/** Whether a key pressed on `el` is typed into it (or chooses in it) rather than meant for the page. */
export function takesKeys(el: Element): boolean {
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && !KEYLESS_INPUTS.has((el as HTMLInputElement).type);
}

/**
 * A console's keyboard: ↑/↓ move the selection through the filtered rows, `/` focuses the search,
 * ↓ or Escape in the search leave it (↓ onto the first row). Nothing while typing in a field or with a
 * modifier held; any other key is offered to the console's `onKey`. Returns the search field's ref,
 * for the FilterBar.
 */
export function useListKeys(
  list: ListModel,
  { onSelect, onKey }: ListKeysOptions,
): RefObject<HTMLInputElement | null> {
  const search = useRef<HTMLInputElement>(null);
  const onKeyDown = useEffectEvent((ev: KeyboardEvent) => {
    const { count, idAt } = list;
    const el = ev.target as Element;
    const move = (step: 1 | -1) => {
      const next = stepFrom(selectedAt(list), step, count);
      if (next !== null) onSelect(idAt(next));
    };
    const action = listKeyAction(ev.key, {
      inSearch: el === search.current,
      typing: takesKeys(el),
      modified: ev.ctrlKey || ev.metaKey || ev.altKey,
    });
    switch (action.type) {
      case 'ignore':
        return;
      case 'leave-search':
        search.current?.blur();
        if (action.selectFirst && count > 0) onSelect(idAt(0));
        break;
      case 'move':
        move(action.step);
        break;
      case 'focus-search':
        search.current?.focus();
        break;
      case 'pass':
        if (!onKey?.(ev, move)) return;
    }
    ev.preventDefault();
  });
  useEffect(() => {
    const listener = (ev: KeyboardEvent) => onKeyDown(ev);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
  return search;
}
