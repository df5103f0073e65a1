// What other features take from the briefing: the wall's KPI tiles draw their sparklines from the
// same figures (src/shared/ui/Sparkline draws them), so a tile and the briefing never disagree.
export { chartTheme, formatKpiValue, type ChartTheme } from './charts/theme';
export {
  isBelowTarget,
  kpiFigure,
  periodValues,
  sparklinePoints,
  targetOver,
  trendPoints,
  type KpiFigure,
  type PeriodValue,
  type TrendPoint,
} from './figures';
export { briefingRange, previousRange, trendWindow, type BriefingPeriod, type TimeRange } from './periods';
export { liveSample, loadCityHistory } from './useBriefingData';
