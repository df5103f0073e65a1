import type { CameraAlert, CityState, Incident, StreamEvent } from '../src/shared/protocol/events';

// What guests (delegations, the tour) must never receive: reporter names and phones, face-match
// identities, licence plates. Removed here, on the server, before anything is sent; the client's own
// masking is only a second layer. Everything else passes by reference, so redacting a tick with a
// light.states of 50,000 lamps costs one short array copy.

function withoutReporter<T extends { reporter?: unknown }>(item: T): Omit<T, 'reporter'> {
  if (!('reporter' in item)) return item;
  const { reporter: _reporter, ...rest } = item;
  return rest;
}

export function redactAlert(alert: CameraAlert): CameraAlert {
  if (!('subject' in alert) && !('plate' in alert)) return alert;
  const { subject: _subject, plate: _plate, ...rest } = alert;
  return rest;
}

export function redactIncident(incident: Incident): Incident {
  return withoutReporter(incident);
}

export function redactEvent(event: StreamEvent): StreamEvent {
  switch (event.type) {
    case 'incident.reported': {
      const data = withoutReporter(event.data);
      return data === event.data ? event : { ...event, data };
    }
    case 'camera.alert': {
      const data = redactAlert(event.data);
      return data === event.data ? event : { ...event, data };
    }
    default:
      return event;
  }
}

export function redactEvents(events: readonly StreamEvent[]): StreamEvent[] {
  return events.map(redactEvent);
}

/** The state without anything personal; what else it holds (the lamps in either form) passes as it is. */
export function redactState<S extends Pick<CityState, 'incidents' | 'alerts'>>(state: S): S {
  return { ...state, incidents: state.incidents.map(redactIncident), alerts: state.alerts.map(redactAlert) };
}
