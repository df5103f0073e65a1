/* eslint-disable @typescript-eslint/no-explicit-any -- the tests spoil a parsed JSON file field by field */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STAGE_VOCABULARY } from '../../app/stageVocabulary';
import { parseStage, type StageVocabulary } from './script';

// The app's own vocabulary: the parser is tested against what the page will really accept.
const VOCABULARY: StageVocabulary = STAGE_VOCABULARY;

const shipped = () => JSON.parse(readFileSync('public/city/stage.json', 'utf8')) as Record<string, any>;

describe('the city stage file', () => {
  it('ships Huế’s scenes, two playlists and a tour of eight scenes that all pass the check', () => {
    const r = parseStage(shipped(), VOCABULARY);
    if (!r.ok) throw new Error(r.error);
    expect(Object.keys(r.stage.scenes)).toHaveLength(8);
    expect(Object.keys(r.stage.playlists)).toEqual(['day', 'night']);
    expect(r.stage.tour.steps.map((s) => s.scene)).toEqual([
      'overview',
      'reports',
      'safety',
      'lighting',
      'services',
      'smart-wards',
      'heritage',
      'closing',
    ]);
    // Every step speaks both languages and names a figure read live, not a number in its words.
    for (const s of r.stage.tour.steps) {
      expect(s.caption.vi).not.toBe(s.caption.en);
      expect(s.figure).toBeDefined();
    }
  });

  it('fills in a playlist’s hold on input when the city leaves it out', () => {
    const file = shipped();
    delete file.playlists.day.pauseOnInputSeconds;
    const r = parseStage(file, VOCABULARY);
    expect(r.ok && r.stage.playlists.day!.pauseOnInputSeconds).toBe(120);
  });

  it.each([
    [
      'a caption without its English',
      (f: any) => delete f.tour.steps[2].caption.en,
      'tour.steps[2].caption.en',
    ],
    ['a dwell of two seconds', (f: any) => (f.tour.steps[0].dwellSeconds = 2), 'tour.steps[0].dwellSeconds'],
    [
      'a step naming no scene there is',
      (f: any) => (f.tour.steps[5].scene = 'smart-ward'),
      'tour.steps[5].scene: no scene "smart-ward"',
    ],
    [
      'a playlist naming no scene there is',
      (f: any) => (f.playlists.night.steps[1].scene = 'lights'),
      'playlists.night.steps[1].scene',
    ],
    [
      'an unknown panel',
      (f: any) => f.scenes.safety.panels.push('weather'),
      'scenes.safety.panels[2]: not a known panel',
    ],
    [
      'an unknown map layer',
      (f: any) => (f.scenes.lighting.layers.weather = true),
      'scenes.lighting.layers: Unrecognized key: "weather"',
    ],
    [
      'an unknown indicator',
      (f: any) => (f.tour.steps[1].figure = { kpi: 'happiness' }),
      'tour.steps[1].figure',
    ],
    ['a pitch past 85°', (f: any) => (f.scenes.heritage.view.pitch = 90), 'scenes.heritage.view.pitch'],
    ['a field the format does not have', (f: any) => (f.scenes.overview.colour = 'red'), 'scenes.overview'],
    ['another version', (f: any) => (f.version = 2), 'version'],
    ['an empty tour', (f: any) => (f.tour.steps = []), 'tour.steps'],
  ])('refuses %s, naming the field', (_, spoil, path) => {
    const file = shipped();
    spoil(file);
    const r = parseStage(file, VOCABULARY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(path);
  });

  it('refuses what is not a stage file at all', () => {
    const r = parseStage([1, 2, 3], VOCABULARY);
    expect(r).toEqual({ ok: false, error: expect.stringContaining('(the file)') });
  });
});
