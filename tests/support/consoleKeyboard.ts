import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

/** A console as its keyboard tests need it; both consoles answer the same keys the same way. */
export interface KeyboardConsole {
  /** renders the console, nothing selected */
  render(): { user: UserEvent };
  /** the ids of its rows in list order: three at least */
  rows: readonly string[];
  /** the id a row shows */
  idOf(row: HTMLElement): string | undefined;
  /** a search text that finds exactly `found`: two rows at least, the first of the list not among them */
  search: { text: string; found: readonly string[] };
  /** a search text that every row matches */
  everyRow: string;
  /** the accessible name of a dropdown among the filters */
  dropdown: string;
}

/**
 * The keyboard flow of a console, through its DOM only (the list is a listbox, the filters a search
 * landmark): ↑/↓ move the selection through the filtered list, / goes to the search, ↓ or Escape
 * leave it, and keys typed in a field stay in the field.
 */
export function describeKeyboardFlow(name: string, c: KeyboardConsole): void {
  const list = () => screen.getByRole('listbox');
  const selected = () => {
    const row = within(list()).queryByRole('option', { selected: true });
    return row ? (c.idOf(row) ?? null) : null;
  };
  const search = () => within(screen.getByRole('search')).getByRole('textbox');
  const first = c.rows[0]!;
  const last = c.rows.at(-1)!;
  const { text, found } = c.search;
  const n = c.rows.length;
  const keys = (key: string, times: number) => `{${key}}`.repeat(times);

  describe(`${name}: the keyboard`, () => {
    it('moves the selection with ↓ and ↑ through the list, stopping at its ends', async () => {
      const { user } = c.render();
      expect(selected()).toBeNull();
      await user.keyboard('{ArrowDown}');
      expect(selected()).toBe(first);
      await user.keyboard('{ArrowDown}');
      expect(selected()).toBe(c.rows[1]);
      await user.keyboard(keys('ArrowDown', n));
      expect(selected()).toBe(last);
      await user.keyboard('{ArrowUp}');
      expect(selected()).toBe(c.rows.at(-2));
      await user.keyboard(keys('ArrowUp', n));
      expect(selected()).toBe(first);
    });

    it('/ puts the cursor in the search without typing the slash', async () => {
      const { user } = c.render();
      await user.keyboard('/');
      expect(document.activeElement).toBe(search());
      expect(search()).toHaveProperty('value', '');
    });

    it('takes what is typed in the search as text: ↑ there does not move the selection', async () => {
      const { user } = c.render();
      await user.keyboard('{ArrowDown}{ArrowDown}');
      await user.click(search());
      await user.keyboard(`${c.everyRow}{ArrowUp}`);
      expect(search()).toHaveProperty('value', c.everyRow);
      expect(document.activeElement).toBe(search());
      expect(selected()).toBe(c.rows[1]);
    });

    it('moves through the filtered list only', async () => {
      const { user } = c.render();
      await user.keyboard('/');
      await user.keyboard(text);
      expect(within(list()).getAllByRole('option')).toHaveLength(found.length);
      await user.keyboard('{Escape}{ArrowDown}');
      expect(selected()).toBe(found[0]);
      await user.keyboard(keys('ArrowDown', n));
      expect(selected()).toBe(found.at(-1));
      await user.keyboard(keys('ArrowUp', n));
      expect(selected()).toBe(found[0]);
    });

    it('↓ in the search leaves it for the first row of what it found', async () => {
      const { user } = c.render();
      await user.keyboard('/');
      await user.keyboard(`${text}{ArrowDown}`);
      expect(document.activeElement).not.toBe(search());
      expect(selected()).toBe(found[0]);
      await user.keyboard('{ArrowDown}');
      expect(selected()).toBe(found[1]);
    });

    it('Escape in the search leaves it, selecting nothing', async () => {
      const { user } = c.render();
      await user.keyboard('/');
      await user.keyboard('{Escape}');
      expect(document.activeElement).not.toBe(search());
      expect(selected()).toBeNull();
      await user.keyboard('{ArrowDown}');
      expect(selected()).toBe(first);
    });

    it('does not navigate from a dropdown of the filters', async () => {
      const { user } = c.render();
      await user.keyboard('{ArrowDown}');
      screen.getByRole('combobox', { name: c.dropdown }).focus();
      await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
      expect(selected()).toBe(first);
    });
  });
}
