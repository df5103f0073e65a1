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
      kiosk: { layout: null, screen: null, hideCursor: false, interactive: true },
      problems: [],
    });
    expect(readConfig('', null).token).toBe('dev-operator');
    expect(readConfig('?token=&hub=http://10.0.0.5:8080').hubUrls).toEqual(['http://10.0.0.5:8080']);
  });

  it('reads the kiosk’s layout, screen, cursor and show-only parameters', () => {
    expect(readConfig('?layout=wide&screen=2of3&cursor=hide&interactive=0')).toMatchObject({
      kiosk: {
        layout: 'wide',
        screen: { row: 1, col: 2, rows: 1, cols: 3 },
        hideCursor: true,
        interactive: false,
      },
      problems: [],
    });
    expect(readConfig('?screen=2,1of2x2&cursor=SHOW&interactive=1').kiosk).toEqual({
      layout: null,
      screen: { row: 2, col: 1, rows: 2, cols: 2 },
      hideCursor: false,
      interactive: true,
    });
    // Empty means absent; the lead's scene, playlist and audience are not the kiosk's to read.
    expect(readConfig('?layout=&screen=&scene=x&playlist=y&audience=guest').problems).toEqual([]);
  });

  it('leaves a bad kiosk value out, keeps the default and lists it for the header', () => {
    const c = readConfig('?layout=huge&screen=4of3&cursor=off&interactive=no&hub=ftp://x');
    expect(c.kiosk).toEqual({ layout: null, screen: null, hideCursor: false, interactive: true });
    expect(c.problems).toEqual([
      { param: 'hub', value: 'ftp://x', reason: 'scheme' },
      { param: 'layout', value: 'huge', expected: 'standard | wide' },
      { param: 'screen', value: '4of3', expected: 'NofM | R,CofRxC' },
      { param: 'cursor', value: 'off', expected: 'hide | show' },
      { param: 'interactive', value: 'no', expected: '0 | 1' },
    ]);
    // A pasted screenful is shortened, and a show-only wall stays show-only only when it says 0.
    expect(readConfig(`?layout=${'x'.repeat(500)}`).problems[0]!.value.length).toBeLessThanOrEqual(80);
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
