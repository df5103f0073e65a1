import type { ReactNode } from 'react';
import { AlertFeed } from '../features/cameras/AlertFeed';
import { CameraTiles } from '../features/cameras/CameraTiles';
import { HandlingPanel } from '../features/incidents/HandlingPanel';
import { IncidentFeed } from '../features/incidents/IncidentFeed';
import { IncidentTile } from '../features/incidents/IncidentTile';
import { ReportTrend } from '../features/incidents/ReportTrend';
import { KpiPanel } from '../features/kpis/KpiPanel';
import { EnergyPanel } from '../features/lights/energy/EnergyPanel';
import type { LampColumns } from '../features/lights/lampColumns';
import { LightsTile } from '../features/lights/LightsTile';
import { SystemsPanel } from '../features/systems';
import type { HubApi } from './connection';
import type { PanelId } from './stageVocabulary';

/**
 * What a leader's wall shows in place of an operator's panel: the citizen reports' trend where the
 * camera alerts' feed was. A leader is briefed on the big picture; the cameras' tile keeps the count.
 */
export const LEADER_PANELS: Partial<Record<PanelId, LeaderPanelId>> = { alerts: 'reportTrend' };
/** The panels only a leader's wall shows, each in the place of a panel a scene names (above). */
type LeaderPanelId = 'reportTrend';

export function panelFor(id: PanelId | LeaderPanelId, deps: { lamps: LampColumns; api: HubApi }): ReactNode {
  switch (id) {
    case 'incidents':
      return <IncidentTile />;
    case 'handling':
      return <HandlingPanel api={deps.api} />;
    case 'incidentFeed':
      return <IncidentFeed />;
    case 'kpis':
      return <KpiPanel api={deps.api} />;
    case 'cameras':
      return <CameraTiles />;
    case 'lights':
      return <LightsTile />;
    case 'energy':
      return <EnergyPanel lamps={deps.lamps} />;
    case 'alerts':
      return <AlertFeed />;
    case 'systems':
      return <SystemsPanel />;
    case 'reportTrend':
      return <ReportTrend api={deps.api} />;
  }
}
