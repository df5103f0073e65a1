import { describe, expect, it } from 'vitest';
import { MUTE_KEY, type MuteStorage, readMuted, writeMuted } from './mutePreference';

function memoryStorage(): MuteStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
  };
}

const throwing: MuteStorage = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
};

describe('the persisted mute toggle', () => {
  it('is off until set, and remembers both ways', () => {
    const s = memoryStorage();
    expect(readMuted(s)).toBe(false);
    writeMuted(s, true);
    expect(s.data.get(MUTE_KEY)).toBe('1');
    expect(readMuted(s)).toBe(true);
    writeMuted(s, false);
    expect(readMuted(s)).toBe(false);
  });

  it('reads anything but its own "1" as not muted', () => {
    const s = memoryStorage();
    s.data.set(MUTE_KEY, 'true');
    expect(readMuted(s)).toBe(false);
  });

  it('works without storage, or with storage that throws', () => {
    expect(readMuted(null)).toBe(false);
    expect(() => writeMuted(null, true)).not.toThrow();
    expect(readMuted(throwing)).toBe(false);
    expect(() => writeMuted(throwing, true)).not.toThrow();
  });
});
