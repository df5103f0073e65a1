// What other features may read of the incidents: selectors over the store, and the state's type.
export {
  selectAllIncidents,
  selectIncidentLookup,
  selectOpenIncidents,
  type IncidentsState,
} from './incidentsSlice';
// The briefing charts SLA compliance over a period from the same rule the operators' counters use.
export { slaCompliance, type Compliance } from './sla';
