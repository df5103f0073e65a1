import { formatCityTime } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';

const DAY_MS = 86_400_000;

/**
 * When a system last sent data, as short as a strip of seventeen allows: the city time within the 24
 * hours before the report ("23:58", also just after midnight), the whole days since otherwise ("3 ngày
 * trước"), null when it never did. By the calendar, a system heard two minutes before midnight read
 * "1 day ago" at 00:01, and seventeen such labels pushed the strip to a fourth line.
 */
export function lastDataLabel(
  lastAt: string | null,
  reportAt: string,
  lang: Lang,
  daysAgo: (n: number) => string,
): string | null {
  if (lastAt === null) return null;
  const last = Date.parse(lastAt);
  const since = Date.parse(reportAt) - last;
  if (since < DAY_MS) return formatCityTime(last, lang);
  return daysAgo(Math.floor(since / DAY_MS));
}
