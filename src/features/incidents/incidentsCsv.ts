import type { TFunction } from 'i18next';
import { wardName } from '../../shared/city/wards';
import type { Incident } from '../../shared/protocol/events';
import { toCsv } from './csv';
import { categoryOf } from './filters';
import { isOverdue, slaDeadline } from './sla';

/** "2025-03-14 08:05" in city time (UTC+7), as a spreadsheet sorts it. */
const cityMinute = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The incidents the console shows, as the operator exports them: the labels in the page's language,
 * times in city time, and whether each is overdue at `now` (left empty before the city clock is known).
 */
export function incidentsCsv(rows: readonly Incident[], now: number | null, t: TFunction): string {
  const header = [
    'id',
    t('csv.reportedAt'),
    t('csv.category'),
    t('csv.title'),
    t('csv.ward'),
    t('csv.severity'),
    t('csv.status'),
    t('csv.source'),
    t('csv.department'),
    t('csv.deadline'),
    t('csv.overdue'),
  ];
  const body = rows.map((i) => [
    i.id,
    cityMinute(Date.parse(i.reportedAt)),
    t(`category.${categoryOf(i)}`),
    i.title,
    wardName(i.ward) ?? '',
    t(`severity.${i.severity}`),
    t(`status.${i.status}`),
    t(`source.${i.source}`),
    i.department ? t(`department.${i.department}`, { defaultValue: i.department }) : '',
    cityMinute(slaDeadline(i)),
    now !== null && isOverdue(i, now) ? t('csv.yes') : '',
  ]);
  return toCsv(header, body);
}

/** The export's file name, stamped with the city time: `phan-anh-202503140805.csv`. */
export const incidentsCsvName = (now: number) => `phan-anh-${cityMinute(now).replace(/[-: ]/g, '')}.csv`;
