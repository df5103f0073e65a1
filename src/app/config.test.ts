import { describe, expect, it } from 'vitest';
import { readConfig, takeConfig, TOKEN_STORAGE_KEY, withoutToken, type ConfigWindow } from './config';

/** A window of the test's own: an address, a history that records replaceState, a storage. */
function fakeWindow(href: string, storage: Map<string, string> | 'broken' = new Map()) {
  const replaced: string[] = [];
  const url = new URL(href);
  const win: ConfigWindow = {
    location: { href, search: url.search },
    history: { state: { from: 'app' }, replaceState: (_s, _t, to) => void replaced.push(String(to)) },
    sessionStorage:
      storage === 'broken'
        ? {
            getItem: () => {
              throw new Error('SecurityError');
            },
            setItem: () => {
              throw new Error('SecurityError');
            },
          }
        : {
            getItem: (k) => storage.get(k) ?? null,
            setItem: (k, v) => void storage.set(k, v),
          },
  };
  return { win, replaced };
}

describe('config', () => {
  it('takes the token from the URL, else the tab’s stored one, else the dev default', () => {
    expect(readConfig('?token=t1&lang=en', 'stored').token).toBe('t1');
    expect(readConfig('?lang=en', 'stored')).toEqual({
      token: 'stored',
      lang: 'en',
      hubUrls: [],
      problems: [],
    });
    expect(readConfig('', null).token).toBe('dev-operator');
    expect(readConfig('?token=&hub=http://10.0.0.5:8080').hubUrls).toEqual(['http://10.0.0.5:8080']);
  });

  it('removes every token parameter and keeps the rest of the address', () => {
    expect(withoutToken('http://wall/operator?lang=en&token=s3cr3t&basemap=%2Fstyles%2Fx.json#top')).toBe(
      'http://wall/operator?lang=en&basemap=%2Fstyles%2Fx.json#top',
    );
    expect(withoutToken('http://wall/?token=a&token=b')).toBe('http://wall/');
    expect(withoutToken('http://wall/lights?lang=en')).toBeNull();
  });

  it('drops a URL token from the address bar once read, and keeps it for this tab’s reloads', () => {
    const storage = new Map<string, string>();
    const first = fakeWindow('http://wall/?lang=en&token=dev-leader', storage);
    expect(takeConfig(first.win)).toMatchObject({ token: 'dev-leader', lang: 'en' });
    expect(first.replaced).toEqual(['http://wall/?lang=en']);
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('dev-leader');

    // The reload: no token in the address any more, the same person.
    const reload = fakeWindow('http://wall/?lang=en', storage);
    expect(takeConfig(reload.win).token).toBe('dev-leader');
    expect(reload.replaced).toEqual([]);
  });

  it('works without storage', () => {
    const { win, replaced } = fakeWindow('http://wall/?token=dev-guest', 'broken');
    expect(takeConfig(win).token).toBe('dev-guest');
    expect(replaced).toEqual(['http://wall/']);
    const none = fakeWindow('http://wall/?token=dev-guest');
    delete none.win.sessionStorage;
    expect(takeConfig(none.win).token).toBe('dev-guest');
  });
});
