import { describe, expect, it } from 'vitest';
import { selectedAt, stepFrom } from './listModel';

describe('selectedAt', () => {
  const ids = ['a', 'b', 'c'];
  const list = (selectedId: string | null) => ({
    count: ids.length,
    idAt: (i: number) => ids[i]!,
    selectedId,
  });

  it('finds the selected row among those shown, or -1', () => {
    expect(selectedAt(list('b'))).toBe(1);
    expect(selectedAt(list('z'))).toBe(-1);
    expect(selectedAt(list(null))).toBe(-1);
  });
});

describe('stepFrom', () => {
  it('steps within the rows, and from no selection onto the first', () => {
    expect(stepFrom(2, 1, 5)).toBe(3);
    expect(stepFrom(2, -1, 5)).toBe(1);
    expect(stepFrom(4, 1, 5)).toBe(4);
    expect(stepFrom(0, -1, 5)).toBe(0);
    expect(stepFrom(-1, 1, 5)).toBe(0);
    expect(stepFrom(-1, -1, 5)).toBe(0);
  });

  it('has nowhere to go in an empty list', () => {
    expect(stepFrom(-1, 1, 0)).toBeNull();
    expect(stepFrom(3, -1, 0)).toBeNull();
  });
});
