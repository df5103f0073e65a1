import { camerasOnMap } from '../features/cameras/camerasOnMap';
import { incidentsOnMap } from '../features/incidents/incidentsOnMap';
import type { LampColumns } from '../features/lights/lampColumns';
import type { LampFaultWatch } from '../features/lights/lampFaults';
import { lampsOnMap } from '../features/lights/lampsOnMap';
import { CityMap } from '../features/map/CityMap';
import { ReplayOpen } from '../features/replay';
import { StageProblem } from '../features/stage';
import { isLayoutId } from '../features/wall/layouts';
import { useWallFrame } from '../features/wall/useWallFrame';
import { WallPage } from '../features/wall/WallPage';
import { wardsOnMap } from '../features/wards/wardsOnMap';
import { useCallback, useMemo } from 'react';
import { selectKiosk } from './configSlice';
import { selectSession, type HubApi } from './connection';
import { useAppSelector } from './hooks';
import { LEADER_PANELS, panelFor } from './panels';
import { useStageDirector } from './StageDirector';
import { PANEL_IDS, type PanelId } from './stageVocabulary';
import type { TiledWall } from './tiles';

const isPanelId = (id: string): id is PanelId => (PANEL_IDS as readonly string[]).includes(id);

/**
 * The wall: the layout for this screen's shape (features/wall/layouts.ts) with the capabilities'
 * panels in its areas, and the map drawing the lamp columns. A scene or playlist in the URL
 * (`?scene=`, `?playlist=`) flies the map and chooses the panels on show. Loaded only on the wall's
 * route (see App).
 */
export function Wall({
  lamps,
  faults,
  api,
  tiles,
}: {
  lamps: LampColumns;
  faults: LampFaultWatch;
  api: HubApi;
  /** this window's tiled wall, if it is one screen of several */
  tiles?: TiledWall | null;
}) {
  const kiosk = useAppSelector(selectKiosk);
  const director = useStageDirector(window.location.search, tiles?.lead ?? true);
  // The kiosk's own layout wins over a scene's: it is the screen's owner who set it.
  const sceneLayout = director.layout && isLayoutId(director.layout) ? director.layout : null;
  const fitted = useWallFrame(kiosk.screen, kiosk.layout ?? sceneLayout);
  // What the map draws, bottom first: each capability brings its layers, tooltips and detail panel.
  const onMap = useMemo(
    () => [wardsOnMap, lampsOnMap(lamps, faults), incidentsOnMap, camerasOnMap],
    [lamps, faults],
  );
  const shown = director.panels;
  // The role the hub confirmed, never the page's own asking (src/app/audience.ts).
  const leader = useAppSelector(selectSession)?.role === 'leader';
  const panel = useCallback(
    (id: string) => {
      if (!isPanelId(id) || (shown !== null && !shown.has(id))) return null;
      return panelFor((leader && LEADER_PANELS[id]) || id, { lamps, api });
    },
    [lamps, api, shown, leader],
  );
  if (!fitted) return null;
  return (
    <WallPage
      layout={fitted.layout}
      frame={fitted.frame}
      panel={panel}
      scene={director.scene}
      map={
        <>
          <CityMap capabilities={onMap} controls={kiosk.interactive} onMap={tiles?.attachCamera} />
          {kiosk.interactive && <ReplayOpen />}
          {director.problem && <StageProblem text={director.problem} />}
        </>
      }
    />
  );
}
