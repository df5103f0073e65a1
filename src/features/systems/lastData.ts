import { periodStart } from '../../shared/city/periods';
import { formatCityTime } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';

const DAY_MS = 86_400_000;

/**
 * When a system last sent data, as short as a strip of seventeen allows: the city time on the day of
 * the report ("14:05"), the days before it otherwise ("3 ngày trước"), null when it never did.
 */
export function lastDataLabel(
  lastAt: string | null,
  reportAt: string,
  lang: Lang,
  daysAgo: (n: number) => string,
): string | null {
  if (lastAt === null) return null;
  const last = Date.parse(lastAt);
  const today = periodStart('day', Date.parse(reportAt));
  if (last >= today) return formatCityTime(last, lang);
  return daysAgo(Math.max(1, Math.ceil((today - last) / DAY_MS)));
}
