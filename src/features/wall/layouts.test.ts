import { describe, expect, it } from 'vitest';
import { layoutFor, layoutIdFor, LAYOUT_IDS, templateWithout } from './layouts';

describe('wall layouts', () => {
  it('chooses the layout by the shape of the screen, not its size', () => {
    expect(layoutIdFor(1920, 1080)).toBe('standard');
    expect(layoutIdFor(3840, 2160)).toBe('standard');
    expect(layoutIdFor(5760, 3240)).toBe('standard');
    expect(layoutIdFor(2560, 1080)).toBe('standard'); // 21:9 still fits three columns
    expect(layoutIdFor(7680, 2160)).toBe('wide');
    expect(layoutIdFor(6656, 1792)).toBe('wide');
    expect(layoutIdFor(1080, 1920)).toBe('standard');
  });

  it('scales the type with the shorter side: a wider wall shows more, not bigger', () => {
    const rem = (w: number, h: number) => layoutFor(w, h).remPx;
    expect(rem(1920, 1080)).toBe(16);
    expect(rem(3840, 2160)).toBe(32);
    expect(rem(7680, 2160)).toBe(32);
    expect(rem(5760, 3240)).toBe(48);
    expect(rem(6656, 1792)).toBeCloseTo(26.54, 2);
  });

  it('gives a wide wall more columns beside the map', () => {
    const columns = (w: number, h: number) => layoutFor(w, h).areas.filter((a) => a.kind === 'column').length;
    expect(columns(1920, 1080)).toBe(2);
    expect(columns(7680, 2160)).toBe(3);
    expect(layoutFor(7680, 2160).template[1]!.split(' ')).toHaveLength(4);
  });

  it('shrinks the type where a forced layout would not fit the screen otherwise', () => {
    const forced = layoutFor(1920, 1080, 'wide');
    expect(forced.id).toBe('wide');
    // 170 rem across 1920 px: the text gets smaller rather than clipped.
    expect(forced.remPx).toBeLessThanOrEqual(1920 / 170);
    expect(layoutFor(7680, 2160, 'standard').remPx).toBe(32);
    // A tiny window still gets a readable minimum, never zero.
    expect(layoutFor(10, 10).remPx).toBe(8);
  });

  it('places each panel once in each layout (which panels: src/app/wallPanels.test.ts), in named areas', () => {
    for (const id of LAYOUT_IDS) {
      const layout = layoutFor(1920, 1080, id);
      const panels = layout.areas.flatMap((a) => a.panels);
      expect(new Set(panels).size, id).toBe(panels.length);
      const named = new Set(layout.template.join(' ').split(' '));
      expect([...named].sort(), id).toEqual(layout.areas.map((a) => a.id).sort());
      for (const row of layout.template)
        expect(row.split(' '), id).toHaveLength(layout.columns.split(/ (?![^(]*\))/).length);
    }
  });
});

describe('areas a scene leaves empty', () => {
  const standard = layoutFor(1920, 1080, 'standard').template;
  const wide = layoutFor(7680, 2160, 'wide').template;

  it('go to the map beside them, and the strip under it widens with it', () => {
    expect(templateWithout(standard, new Set(['right']))).toEqual([
      'head head head',
      'left map map',
      'left strip strip',
    ]);
    expect(templateWithout(wide, new Set(['incidents', 'kpis']))).toEqual([
      'head head head head',
      'map map map cameras',
      'strip strip strip cameras',
    ]);
  });

  it('give an emptied strip to the map above it, and a column beside it to the map too', () => {
    expect(templateWithout(standard, new Set(['strip', 'right']))).toEqual([
      'head head head',
      'left map map',
      'left map map',
    ]);
    expect(templateWithout(standard, new Set(['left', 'strip', 'right']))).toEqual([
      'head head head',
      'map map map',
      'map map map',
    ]);
  });

  it('leave the template as it is when nothing is empty or the map itself is', () => {
    expect(templateWithout(standard, new Set())).toBe(standard);
    expect(templateWithout(standard, new Set(['map']))).toBe(standard);
  });
});
