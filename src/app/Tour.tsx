import { Fragment, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { camerasOnMap } from '../features/cameras/camerasOnMap';
import { incidentsOnMap } from '../features/incidents/incidentsOnMap';
import type { LampColumns } from '../features/lights/lampColumns';
import type { LampFaultWatch } from '../features/lights/lampFaults';
import { lampsOnMap } from '../features/lights/lampsOnMap';
import { CityMap } from '../features/map/CityMap';
import { cameraRequested, layersSet, type MapLayerId } from '../features/map/mapSlice';
import {
  captionLangFromSearch,
  selectStage,
  StageProblem,
  TourOverlay,
  useProgramClock,
  useStage,
  useTourControls,
  type CaptionLang,
  type TourStep,
} from '../features/stage';
import { Header } from '../features/wall/Header';
import { frameBox } from '../features/wall/tiling';
import { useWallFrame } from '../features/wall/useWallFrame';
import { wardsOnMap } from '../features/wards/wardsOnMap';
import type { Lang } from '../shared/i18n/i18n';
import type { HubApi } from './connection';
import { useAppDispatch, useAppSelector } from './hooks';
import { selectKiosk } from './configSlice';
import type { TiledWall } from './tiles';
import { panelFor } from './panels';
import { useStageFigure } from './stageFigures';
import { STAGE_VOCABULARY, type PanelId } from './stageVocabulary';

/** Beside the tour's map there is room for a scene's first two panels, each at its own height. */
const TOUR_PANELS = 2;

/**
 * `/tour`: the delegation tour. It runs unattended in a loop, or a presenter drives it with keys or a
 * clicker; every scene flies the map, shows its panels, its caption and the live figure it speaks of.
 * The page is always a guest's (src/main.tsx narrows its audience), so no personal data reaches it.
 */
export function Tour({
  lamps,
  faults,
  api,
  tiles = null,
  interactive = true,
}: {
  lamps: LampColumns;
  faults: LampFaultWatch;
  api: HubApi;
  /** this window's tiled wall, if it is one screen of several: the others follow the leading one */
  tiles?: TiledWall | null;
  interactive?: boolean;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const lead = tiles?.lead ?? true;
  const kiosk = useAppSelector(selectKiosk);
  // The wall's sizing: the type follows the screen (32 px at 4K), and a tiled wall's window shows its
  // own part of one tour. The standard layout's rules give the size; the tour keeps its own grid.
  const fitted = useWallFrame(kiosk.screen, 'standard');
  const load = useStage(STAGE_VOCABULARY);
  const stage = useAppSelector(selectStage);
  const captionLang = useMemo(() => captionLangFromSearch(window.location.search), []);
  const langs: Lang[] = captionLang === 'both' ? ['vi', 'en'] : [captionLang];
  const onMap = useMemo(
    () => [wardsOnMap, lampsOnMap(lamps, faults), incidentsOnMap, camerasOnMap],
    [lamps, faults],
  );

  const script = load.phase === 'ready' ? load.stage : null;
  const steps = useMemo(() => script?.tour.steps ?? [], [script]);
  const dwellMs = useMemo(() => steps.map((s) => s.dwellSeconds * 1000), [steps]);
  const running = stage.program?.kind === 'tour';
  useTourControls(steps.length, lead, interactive);
  useProgramClock(running ? dwellMs : null, lead);

  const index = running ? Math.min(stage.step, Math.max(0, steps.length - 1)) : 0;
  const step = steps[index];
  const scene = step && script ? script.scenes[step.scene] : undefined;
  // Each step flies the map to its scene, even when two steps share one (the presenter went back).
  // Only the leading screen asks: the others are relayed its requests (src/app/tiles.ts).
  useEffect(() => {
    if (!scene || !lead) return;
    dispatch(cameraRequested(scene.view));
    if (scene.layers) dispatch(layersSet(scene.layers as Partial<Record<MapLayerId, boolean>>));
  }, [dispatch, scene, index, stage.stepAt, lead]);

  if (!fitted) return null;
  return (
    <div className="wall-window">
      <div
        className="tour"
        style={frameBox(fitted.frame)}
        data-testid="tour"
        data-scene={step?.scene ?? ''}
        data-step={index}
      >
        <Header />
        <main className="tour-map">
          <CityMap capabilities={onMap} controls={false} onMap={tiles?.attachCamera} />
          {step && (
            <TourFigureOverlay
              step={step}
              index={index}
              total={steps.length}
              langs={langs}
              captionLang={captionLang}
              paused={stage.hold?.until === null}
            />
          )}
          {load.phase === 'loading' && <div className="stage-problem">{t('stage.loading')}</div>}
          {load.phase === 'failed' && (
            <StageProblem
              text={t(load.kind === 'invalid' ? 'stage.badProfile' : 'stage.unreachable', {
                error: load.error,
              })}
            />
          )}
        </main>
        <aside className="tour-side">
          {scene?.panels.slice(0, TOUR_PANELS).map((id) => (
            <Fragment key={id}>{panelFor(id as PanelId, { lamps, api })}</Fragment>
          ))}
        </aside>
        {stage.blank && <div className="stage-blank" data-testid="stage-blank" />}
      </div>
    </div>
  );
}

function TourFigureOverlay({
  step,
  index,
  total,
  langs,
  captionLang,
  paused,
}: {
  step: TourStep;
  index: number;
  total: number;
  langs: Lang[];
  captionLang: CaptionLang;
  paused: boolean;
}) {
  const figure = useStageFigure(step.figure, langs);
  return (
    <TourOverlay step={step} index={index} total={total} lang={captionLang} figure={figure} paused={paused} />
  );
}
