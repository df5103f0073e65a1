// Closed vocabularies of the stream contract (see docs/protocol.md). Producers send these strings;
// labels for the UI live in src/shared/i18n, keyed by the same values.

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_SOURCES = ['hue-s', 'hotline', 'camera', 'patrol', 'other'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/** received → assigned → in_progress → resolved (→ closed); rejected for duplicates/invalid reports. */
export const INCIDENT_STATUSES = [
  'received',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'rejected',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const OPEN_STATUSES: ReadonlySet<IncidentStatus> = new Set(['received', 'assigned', 'in_progress']);

/**
 * Categories known to the Huế profile (Hue-S fields and the Tuy Hòa list in DOMAIN.md). The stream
 * accepts any category string: an unknown one is shown under "other", never dropped.
 */
export const INCIDENT_CATEGORIES = [
  'waste',
  'illegal-discharge',
  'illegal-construction',
  'road-damage',
  'sidewalk-encroachment',
  'manhole',
  'illegal-parking',
  'flooding',
  'streetlight',
  'telecom',
  'trees',
  'urban-order',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export const CAMERA_KINDS = ['fixed', 'ptz', 'plate', 'face'] as const;
export type CameraKind = (typeof CAMERA_KINDS)[number];

export const ALERT_KINDS = ['face-match', 'plate-hit', 'traffic-violation', 'crowd', 'vandalism'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Lamp states as small integers: they travel in hot tuples and live in typed-array columns. */
export const LAMP_OFF = 0;
export const LAMP_ON = 1;
export const LAMP_DIMMED = 2;
export const LAMP_FAULT = 3;
export const LAMP_STATE_COUNT = 4;

/**
 * The indicators the wall's KPI panel shows, in its order; the catalogue (src/shared/city/kpiCatalogue.ts)
 * holds them all.
 */
export const KPI_IDS = [
  'online-services-rate',
  'cashless-rate',
  'eid-enrolment',
  'tourist-arrivals',
  'on-time-dossier-rate',
  'budget-revenue',
  'grdp-growth',
  'hue-s-users',
  'digital-signature-rate',
] as const;
export type KpiId = (typeof KPI_IDS)[number];
