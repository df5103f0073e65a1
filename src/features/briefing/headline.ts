import { HUE_KPIS, type KpiDefinition } from '../../shared/city/kpiCatalogue';

/**
 * The indicators a leader sees first, one or two per domain; the other fifteen are in the table of
 * all indicators and the report. Part of the briefing, not the catalogue: another city picks its own.
 */
export const HEADLINE_IDS = [
  'online-services-rate',
  'on-time-dossier-rate',
  'eid-enrolment',
  'cashless-rate',
  'reports-answered-48h',
  'citizen-satisfaction',
  'tourist-arrivals',
  'bike-trips',
  'e-health-records',
  'cyber-blocked-rate',
  'grdp-growth',
  'budget-revenue',
] as const;

/** The indicators kept per ward, which the ward ranking and map can show. */
export const WARD_KPIS: readonly KpiDefinition[] = HUE_KPIS.filter((k) => k.perWard);

/** What the ward panels show until a leader picks another: the share of reports answered in 48 hours. */
export const DEFAULT_WARD_KPI = 'reports-answered-48h';
