import { describe, expect, it } from 'vitest';
import { layoutFor, LAYOUT_IDS } from '../features/wall/layouts';
import { PANEL_IDS } from './stageVocabulary';

describe('the wall’s layouts and the app’s panels', () => {
  it('place every panel the app has exactly once, and no other', () => {
    for (const id of LAYOUT_IDS) {
      const placed = layoutFor(1920, 1080, id).areas.flatMap((a) => a.panels);
      expect([...placed].sort(), id).toEqual([...PANEL_IDS].sort());
    }
  });
});
