import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { cameraRequested, layersSet, type MapLayerId } from '../features/map/mapSlice';
import {
  programStarted,
  selectStage,
  useHoldOnInput,
  useProgramClock,
  useStage,
  type Scene,
  type StageProfile,
} from '../features/stage';
import { useAppDispatch, useAppSelector } from './hooks';
import { STAGE_VOCABULARY, type PanelId } from './stageVocabulary';

/** What the wall's URL asks the stage for: `?scene=ID` or `?playlist=ID` (a playlist wins). */
export function stageRequest(search: string): { kind: 'scene' | 'playlist'; id: string } | null {
  const q = new URLSearchParams(search);
  const playlist = q.get('playlist');
  if (playlist) return { kind: 'playlist', id: playlist };
  const scene = q.get('scene');
  return scene ? { kind: 'scene', id: scene } : null;
}

/** The scene on show on the wall, or null when the wall is its own (no scene, no playlist). */
export function sceneOnShow(
  stage: StageProfile | null,
  program: { kind: string; id: string } | null,
  step: number,
): Scene | null {
  if (!stage || !program) return null;
  if (program.kind === 'scene') return stage.scenes[program.id] ?? null;
  if (program.kind === 'playlist') {
    const steps = stage.playlists[program.id]?.steps;
    const s = steps?.[step % steps.length];
    return s ? (stage.scenes[s.scene] ?? null) : null;
  }
  return null;
}

/**
 * Runs the wall's scene or playlist from its URL: flies the map to each scene, sets its layers, rotates
 * a playlist after each dwell, and holds it while a person uses the wall. `visible` tells the wall
 * which panels the scene puts on show. Says so on the wall when the URL names what the city's stage
 * file does not have, or the file is bad.
 */
export function useStageDirector(
  search: string,
  lead: boolean,
): {
  /** the id of the scene on show, or null when the wall is its own */
  scene: string | null;
  panels: ReadonlySet<PanelId> | null;
  /** the scene's own layout id, if it names one */
  layout: string | null;
  problem: string | null;
} {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const request = useMemo(() => stageRequest(search), [search]);
  const load = useStage(STAGE_VOCABULARY, request !== null);
  const stage = load.phase === 'ready' ? load.stage : null;
  const state = useAppSelector(selectStage);
  const playlist = request?.kind === 'playlist' && stage ? stage.playlists[request.id] : undefined;

  useEffect(() => {
    if (!lead || !request || !stage || state.program) return;
    const known = request.kind === 'scene' ? request.id in stage.scenes : request.id in stage.playlists;
    if (known) dispatch(programStarted({ kind: request.kind, id: request.id, step: 0, at: Date.now() }));
  }, [dispatch, lead, request, stage, state.program]);

  const dwellMs = useMemo(() => playlist?.steps.map((s) => s.dwellSeconds * 1000) ?? null, [playlist]);
  useProgramClock(state.program?.kind === 'playlist' ? dwellMs : null, lead);
  useHoldOnInput(playlist?.pauseOnInputSeconds ?? 120, lead && state.program?.kind === 'playlist');

  const scene = sceneOnShow(stage, state.program, state.step);
  const sceneId =
    scene && stage ? (Object.keys(stage.scenes).find((id) => stage.scenes[id] === scene) ?? null) : null;
  useEffect(() => {
    if (!scene) return;
    dispatch(cameraRequested(scene.view));
    if (scene.layers) dispatch(layersSet(scene.layers as Partial<Record<MapLayerId, boolean>>));
  }, [dispatch, scene, state.stepAt]);

  const panels = useMemo(() => (scene ? new Set(scene.panels as PanelId[]) : null), [scene]);
  let problem: string | null = null;
  if (request && load.phase === 'failed')
    problem = t(load.kind === 'invalid' ? 'stage.badProfile' : 'stage.unreachable', { error: load.error });
  else if (request && stage && !(request.id in (request.kind === 'scene' ? stage.scenes : stage.playlists)))
    problem = t(request.kind === 'scene' ? 'stage.unknownScene' : 'stage.unknownPlaylist', {
      id: request.id,
    });
  return { scene: sceneId, panels, layout: scene?.layout ?? null, problem };
}
