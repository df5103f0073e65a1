import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStage } from '../features/stage/script';
import { STAGE_VOCABULARY } from './stageVocabulary';

describe('Huế’s stage file', () => {
  it('passes the check the page makes with this app’s layers, panels, indicators and figures', () => {
    const r = parseStage(JSON.parse(readFileSync('public/city/stage.json', 'utf8')), STAGE_VOCABULARY);
    expect(r.ok ? 'ok' : r.error).toBe('ok');
  });
});
