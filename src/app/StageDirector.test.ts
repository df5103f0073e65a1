import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStage, type StageProfile } from '../features/stage/script';
import { sceneOnShow, stageRequest } from './StageDirector';
import { STAGE_VOCABULARY } from './stageVocabulary';

const parsed = parseStage(JSON.parse(readFileSync('public/city/stage.json', 'utf8')), STAGE_VOCABULARY);
const stage = (parsed.ok ? parsed.stage : null) as StageProfile;

describe('the wall’s scene or playlist', () => {
  it('is asked for in the URL, a playlist before a scene', () => {
    expect(stageRequest('?playlist=night&scene=heritage')).toEqual({ kind: 'playlist', id: 'night' });
    expect(stageRequest('?scene=heritage&lang=en')).toEqual({ kind: 'scene', id: 'heritage' });
    expect(stageRequest('?lang=en')).toBeNull();
  });

  it('shows a playlist’s steps in turn, wrapping round', () => {
    const night = { kind: 'playlist', id: 'night' };
    expect(sceneOnShow(stage, night, 0)).toBe(stage.scenes.overview);
    expect(sceneOnShow(stage, night, 1)).toBe(stage.scenes.lighting);
    expect(sceneOnShow(stage, night, 3)).toBe(stage.scenes.overview);
  });

  it('shows one scene, and nothing for what the file does not have or before it loads', () => {
    expect(sceneOnShow(stage, { kind: 'scene', id: 'heritage' }, 0)?.panels).toEqual(['cameras', 'lights']);
    expect(sceneOnShow(stage, { kind: 'scene', id: 'nowhere' }, 0)).toBeNull();
    expect(sceneOnShow(stage, { kind: 'playlist', id: 'nowhere' }, 0)).toBeNull();
    expect(sceneOnShow(null, { kind: 'scene', id: 'heritage' }, 0)).toBeNull();
    expect(sceneOnShow(stage, null, 0)).toBeNull();
  });
});
