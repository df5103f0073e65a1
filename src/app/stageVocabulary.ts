import { MAP_LAYERS } from '../features/map/mapSlice';
import type { StageVocabulary } from '../features/stage';
import { HUE_KPIS } from '../shared/city/kpiCatalogue';

/** The panels a scene may put on show, by the id the city's stage file names them with. */
export const PANEL_IDS = [
  'incidents',
  'handling',
  'incidentFeed',
  'kpis',
  'cameras',
  'lights',
  'energy',
  'alerts',
  'systems',
] as const;
export type PanelId = (typeof PANEL_IDS)[number];

/** The figures a tour step may speak of that the stream carries (the KPIs are named by their id). */
export const STREAM_FIGURES = ['cameras.online', 'alerts.lastHour', 'incidents.open'] as const;
export type StreamFigure = (typeof STREAM_FIGURES)[number];

/** What the city's stage file may name: this app's map layers, panels, indicators and stream figures. */
export const STAGE_VOCABULARY: StageVocabulary = {
  layers: MAP_LAYERS,
  panels: PANEL_IDS,
  kpis: HUE_KPIS.map((k) => k.id),
  streamFigures: STREAM_FIGURES,
};
