import { describe, expect, it } from 'vitest';
import { listKeyAction } from './useListKeys';

const page = { inSearch: false, typing: false, modified: false };

describe('listKeyAction', () => {
  it('moves with the arrows and focuses the search with /', () => {
    expect(listKeyAction('ArrowDown', page)).toEqual({ type: 'move', step: 1 });
    expect(listKeyAction('ArrowUp', page)).toEqual({ type: 'move', step: -1 });
    expect(listKeyAction('/', page)).toEqual({ type: 'focus-search' });
  });

  it('leaves the search with ↓ (onto the first row) or Escape, even with a modifier', () => {
    const search = { inSearch: true, typing: true, modified: false };
    expect(listKeyAction('ArrowDown', search)).toEqual({ type: 'leave-search', selectFirst: true });
    expect(listKeyAction('Escape', search)).toEqual({ type: 'leave-search', selectFirst: false });
    expect(listKeyAction('ArrowDown', { ...search, modified: true })).toEqual({
      type: 'leave-search',
      selectFirst: true,
    });
    expect(listKeyAction('ArrowUp', search)).toEqual({ type: 'ignore' });
    expect(listKeyAction('/', search)).toEqual({ type: 'ignore' });
  });

  it('takes nothing typed into another field or pressed with a modifier', () => {
    for (const key of ['ArrowDown', 'ArrowUp', '/', 'a', 'Escape']) {
      expect(listKeyAction(key, { ...page, typing: true })).toEqual({ type: 'ignore' });
      expect(listKeyAction(key, { ...page, modified: true })).toEqual({ type: 'ignore' });
    }
  });

  it("passes other keys to the console's own", () => {
    for (const key of ['a', 'G', 'Escape', 'Enter', '1'])
      expect(listKeyAction(key, page)).toEqual({ type: 'pass' });
  });
});
