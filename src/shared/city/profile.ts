/**
 * The city profile: what differs from one city to the next. Huế is the default; another city supplies
 * its own departments and answer targets here (wards come from its geodata, see wards.ts).
 */
export const DEPARTMENTS = [
  'environment',
  'urban-order',
  'transport',
  'telecom',
  'electricity',
  'water',
  'ward-office',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** Hours to answer a citizen report (HCMC District 12 answers every one within 48 hours). */
export const DEFAULT_SLA_HOURS = 48;

/** Categories with a tighter (or looser) target than the default, in hours. */
export const SLA_HOURS_BY_CATEGORY: Readonly<Record<string, number>> = {
  flooding: 24,
  manhole: 24,
  'illegal-discharge': 24,
  'illegal-construction': 72,
};

export function slaHours(category: string): number {
  return SLA_HOURS_BY_CATEGORY[category] ?? DEFAULT_SLA_HOURS;
}
