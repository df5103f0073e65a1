// What other features may read of the incidents: selectors over the store, and the state's type.
export { selectIncidentLookup, selectOpenIncidents, type IncidentsState } from './incidentsSlice';
