// What other features take from the briefing: the wall's KPI tiles draw the briefing's sparklines from
// the same figures, so a tile and the briefing never disagree on a value.
export { sparklineOption } from './charts/sparkline';
export { chartTheme, formatKpiValue, type ChartTheme } from './charts/theme';
export {
  isBelowTarget,
  kpiFigure,
  periodValues,
  sparklinePoints,
  trendPoints,
  type KpiFigure,
  type PeriodValue,
  type TrendPoint,
} from './figures';
export { briefingRange, previousRange, trendWindow, type BriefingPeriod, type TimeRange } from './periods';
