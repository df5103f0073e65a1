// What src/app and the other features take from freshness: the badge a panel mounts, the resync notice.
export { Freshness } from './Freshness';
export { ResyncNotice } from './ResyncNotice';
export type { FreshWidget } from './freshnessSlice';
