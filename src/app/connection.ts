/**
 * The connection as the features see it: who the page is signed in as, the stream's health for the
 * header, the city clock, and the type of the command sender src/app hands the consoles. src/realtime
 * owns the socket and this state; features read them here, and take from src/realtime only the stream's
 * actions that their slices reduce (streamActions.ts).
 */
import type { ConnectionState } from '../realtime/connectionSlice';

export { cityNow, selectConnection, selectSession } from '../realtime/connectionSlice';
export type { CommandData, SendCommand } from '../realtime/commands';
export type {
  HubApi,
  KpiHistory,
  KpiHistoryQuery,
  ReplayAnswer,
  ReportsSummary,
  ReportsSummaryQuery,
} from '../realtime/hubApi';
export { HubApiError } from '../realtime/hubApi';

/** The city clock as last read from the hub; see cityNow for the time it stands at now. */
export const selectCityClock = (s: { connection: ConnectionState }) => s.connection.clock;
