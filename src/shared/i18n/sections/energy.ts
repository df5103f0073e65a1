// The energy texts, in a file of their own so that the lighting work can grow them apart from the rest.
// vi is the default; en must hold the same keys (i18n.test.ts checks the merged tables).
export const energyVi = {
  title: 'Năng lượng chiếu sáng',
  powerNow: 'Công suất hiện tại',
  today: 'Điện năng hôm nay',
  /** the page keeps no history from before it opened: the sum starts there, and says so */
  todaySince: 'Điện năng từ {{at}}',
  saved: 'Tiết kiệm',
  /** the baseline: every lamp at full power from dusk to dawn */
  savedVs: 'so với {{energy}} nếu bật 100 % suốt đêm',
  savedNone: 'chưa đến giờ bật đèn',
  chart: 'Công suất 24 giờ qua',
  chartSince: 'có số liệu từ {{at}}',
  seriesPower: 'Công suất',
  seriesBaseline: 'Bật 100 % suốt đêm',
  /** each ward's draw now against all its lamps at full power: an instant figure, not today's sum */
  wards: 'Tiết kiệm theo phường, xã lúc này',
  wardLamps: '{{n}} đèn',
  lampsOff: 'Đèn đang tắt (ban ngày): chưa tính tiết kiệm theo phường, xã.',
  waiting: 'Đang chờ số liệu chiếu sáng…',
} as const;

export const energyEn: { [K in keyof typeof energyVi]: string } = {
  title: 'Lighting energy',
  powerNow: 'Power now',
  today: 'Energy today',
  todaySince: 'Energy since {{at}}',
  saved: 'Saved',
  savedVs: 'against {{energy}} at 100 % all night',
  savedNone: 'lamps not due on yet',
  chart: 'Power, last 24 hours',
  chartSince: 'data since {{at}}',
  seriesPower: 'Power',
  seriesBaseline: '100 % all night',
  wards: 'Saving by ward, right now',
  wardLamps: '{{n}} lamps',
  lampsOff: 'Lamps are off (daytime): no saving by ward to show.',
  waiting: 'Waiting for lighting data…',
};
