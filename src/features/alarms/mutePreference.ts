/**
 * The mute toggle outlives a reload: a wall PC restarts at night and must come back as the room left it.
 * Storage may be missing or throw (private mode, a kiosk with storage disabled): then the toggle
 * still works for the session, it just is not remembered.
 */
export const MUTE_KEY = 'ioc.alarms.muted';

export type MuteStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function readMuted(storage: MuteStorage | null): boolean {
  try {
    return storage?.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

export function writeMuted(storage: MuteStorage | null, muted: boolean): void {
  try {
    storage?.setItem(MUTE_KEY, muted ? '1' : '0');
  } catch {
    // Not remembered; the session keeps the choice.
  }
}

/** The page's localStorage, or null where reading it throws or it does not exist. */
export function browserStorage(): MuteStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
