import type { ReactNode } from 'react';
import { AlertFeed } from '../features/cameras/AlertFeed';
import { CameraTiles } from '../features/cameras/CameraTiles';
import { HandlingPanel } from '../features/incidents/HandlingPanel';
import { IncidentFeed } from '../features/incidents/IncidentFeed';
import { IncidentTile } from '../features/incidents/IncidentTile';
import { KpiPanel } from '../features/kpis/KpiPanel';
import { EnergyPanel } from '../features/lights/energy/EnergyPanel';
import type { LampColumns } from '../features/lights/lampColumns';
import { LightsTile } from '../features/lights/LightsTile';
import { SystemsPanel } from '../features/systems';
import type { HubApi } from './connection';
import type { PanelId } from './stageVocabulary';

export function panelFor(id: PanelId, deps: { lamps: LampColumns; api: HubApi }): ReactNode {
  switch (id) {
    case 'incidents':
      return <IncidentTile />;
    case 'handling':
      return <HandlingPanel />;
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
  }
}
