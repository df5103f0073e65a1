// The leaders' briefing texts, in a file of their own so that the briefing work can grow them apart
// from the rest. vi is the default; en must hold the same keys (i18n.test.ts checks the merged tables).
export const briefingVi = {
  title: 'Báo cáo điều hành',
  /** the period selector, by BRIEFING_PERIODS */
  period: {
    today: 'Hôm nay',
    '7d': '7 ngày qua',
    month: 'Tháng này',
    quarter: 'Quý này',
    year: 'Năm nay',
  },
  /** what the current figure is set against: the previous period up to the same point */
  previous: {
    today: 'so với cùng giờ hôm qua',
    '7d': 'so với 7 ngày trước đó',
    month: 'so với cùng kỳ tháng trước',
    quarter: 'so với cùng kỳ quý trước',
    year: 'so với cùng kỳ năm trước',
  },
  /** a value's unit after the number, by KpiUnit; a count has none, so no entry */
  unit: { percent: '%', 'growth-percent': '%', 'billion-vnd': 'tỷ đồng', mwh: 'MWh' },
  value: 'Giá trị',
  target: 'Chỉ tiêu',
  /** the shaded side of the target line on a trend */
  onTarget: 'Vùng đạt chỉ tiêu',
  belowTarget: 'Chưa đạt chỉ tiêu',
  noData: 'Chưa có số liệu',
  trend: 'Diễn biến',
  wardRanking: 'Xếp hạng phường, xã',
  /** the ranking lists the worst first */
  wardRankingNote: 'Kém nhất ở trên',
  sla: 'Tỷ lệ xử lý phản ánh đúng hạn',
  slaResolved: 'Đã xử lý',
  slaOnTime: 'Đúng hạn',
  reportsByCategory: 'Phản ánh hiện trường theo lĩnh vực',
  reports: 'Phản ánh',
  energySaved: 'Điện năng chiếu sáng tiết kiệm theo tháng',
} as const;

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

export const briefingEn: Texts<typeof briefingVi> = {
  title: 'Leaders’ briefing',
  period: {
    today: 'Today',
    '7d': 'Last 7 days',
    month: 'This month',
    quarter: 'This quarter',
    year: 'This year',
  },
  previous: {
    today: 'against yesterday at this time',
    '7d': 'against the 7 days before',
    month: 'against last month to the same day',
    quarter: 'against last quarter to the same day',
    year: 'against last year to the same day',
  },
  unit: { percent: '%', 'growth-percent': '%', 'billion-vnd': 'billion VND', mwh: 'MWh' },
  value: 'Value',
  target: 'Target',
  onTarget: 'On target',
  belowTarget: 'Below target',
  noData: 'No data yet',
  trend: 'Trend',
  wardRanking: 'Wards ranked',
  wardRankingNote: 'Worst first',
  sla: 'Citizen reports handled on time',
  slaResolved: 'Resolved',
  slaOnTime: 'On time',
  reportsByCategory: 'Citizen reports by category',
  reports: 'Reports',
  energySaved: 'Street-lighting energy saved by month',
};
