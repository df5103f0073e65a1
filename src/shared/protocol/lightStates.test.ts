import { describe, expect, it } from 'vitest';
import { isLightStates, LightStatesBuilder, lightStatesProblem } from './lightStates';

describe('lightStatesProblem', () => {
  it('accepts equal columns of known lamps, each once', () => {
    expect(lightStatesProblem({ i: [4, 0, 2], s: [1, 0, 3], l: [100, 0, 0] }, 5)).toBeNull();
    expect(isLightStates({ i: [4], s: [2], l: [37.5] }, 5)).toBe(true);
  });

  it('names the first bad entry of each kind', () => {
    const ok = { i: [0, 1, 2], s: [1, 1, 1], l: [100, 100, 100] };
    expect(lightStatesProblem({ ...ok, s: [1, 1] }, 5)?.path).toBe('s');
    expect(lightStatesProblem({ ...ok, l: [1, 1, 1, 1] }, 5)?.path).toBe('l');
    expect(lightStatesProblem({ ...ok, i: [0, 5, 2] }, 5)).toEqual({
      path: 'i.1',
      message: 'lamp index must be an integer from 0 to 4',
    });
    expect(lightStatesProblem({ ...ok, i: [0, -1, 2] }, 5)?.path).toBe('i.1');
    expect(lightStatesProblem({ ...ok, i: [0, 1.5, 2] }, 5)?.path).toBe('i.1');
    expect(lightStatesProblem({ ...ok, i: [0, '1', 2] }, 5)?.path).toBe('i.1');
    expect(lightStatesProblem({ ...ok, i: [2, 1, 2] }, 5)).toEqual({
      path: 'i.2',
      message: 'lamp 2 is named twice (also at i.0): each lamp at most once',
    });
    expect(lightStatesProblem({ ...ok, s: [1, 4, 1] }, 5)?.path).toBe('s.1');
    expect(lightStatesProblem({ ...ok, l: [1, Number.NaN, 1] }, 5)?.path).toBe('l.1');
    expect(lightStatesProblem({ ...ok, l: [1, 1, null] }, 5)?.path).toBe('l.2');
    expect(lightStatesProblem({ ...ok, l: [1, 1, 100.5] }, 5)?.path).toBe('l.2');
    expect(lightStatesProblem({ ...ok, l: [Infinity, 1, 1] }, 5)?.path).toBe('l.0');
  });

  it('refuses what is not three arrays, and an empty batch', () => {
    for (const data of [null, 7, [], [[0, 1, 100]], { i: [0], s: [1] }, { i: 'x', s: [], l: [] }]) {
      expect(lightStatesProblem(data, 5)).not.toBeNull();
    }
    expect(lightStatesProblem({ i: [], s: [], l: [] }, 5)?.message).toBe('expected at least one lamp');
    expect(lightStatesProblem({ i: [0], s: [1], l: [1] }, 0)?.message).toBe(
      'lamp index must be a known lamp (this hub has none)',
    );
  });

  it('does not carry the lamps of one check into the next', () => {
    // The duplicate table is shared between checks: a lamp named by the last batch is fresh here.
    expect(lightStatesProblem({ i: [3], s: [1], l: [1] }, 5)).toBeNull();
    expect(lightStatesProblem({ i: [3, 3], s: [1, 1], l: [1, 1] }, 5)?.path).toBe('i.1');
    expect(lightStatesProblem({ i: [3], s: [1], l: [1] }, 5)).toBeNull();
    // A larger inventory after a smaller one.
    expect(lightStatesProblem({ i: [70_000, 3], s: [1, 1], l: [1, 1] }, 80_000)).toBeNull();
  });
});

describe('LightStatesBuilder', () => {
  it('keeps each lamp once, with its latest state, in the place of its first change', () => {
    const b = new LightStatesBuilder(10);
    b.set(7, 1, 100);
    b.set(2, 2, 50);
    b.add({ i: [7, 9], s: [3, 0], l: [0, 0] });
    b.set(10, 1, 100); // beyond the inventory: ignored
    expect(b.size).toBe(3);
    expect(b.take()).toEqual({ i: [7, 2, 9], s: [3, 2, 0], l: [0, 50, 0] });
  });

  it('starts empty after take', () => {
    const b = new LightStatesBuilder(10);
    expect(b.take()).toBeNull();
    b.set(7, 1, 100);
    const first = b.take();
    b.set(7, 2, 30);
    expect(b.take()).toEqual({ i: [7], s: [2], l: [30] });
    // What was taken is the caller's: later changes do not reach it.
    expect(first).toEqual({ i: [7], s: [1], l: [100] });
  });
});
