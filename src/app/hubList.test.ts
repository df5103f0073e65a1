import { describe, expect, it } from 'vitest';
import { readConfig } from './config';
import { MAX_HUBS, MAX_PROBLEMS, parseHubList } from './hubList';

describe('parseHubList', () => {
  it('reads a comma-separated list of origins, in order, without repeats', () => {
    expect(parseHubList('http://10.0.0.5:8080, https://hub-2.hue.gov.vn/ ,http://10.0.0.5:8080')).toEqual({
      urls: ['http://10.0.0.5:8080', 'https://hub-2.hue.gov.vn'],
      problems: [],
    });
  });

  it('takes nothing, or empty entries, as no list: the page uses its own origin', () => {
    expect(parseHubList(null)).toEqual({ urls: [], problems: [] });
    expect(parseHubList('')).toEqual({ urls: [], problems: [] });
    expect(parseHubList(' , ,')).toEqual({ urls: [], problems: [] });
  });

  it('drops a bad entry, says why, and keeps the good ones', () => {
    const { urls, problems } = parseHubList(
      [
        'localhost:8080',
        'ftp://files.example',
        'ws://10.0.0.9:8080',
        'http://10.0.0.5:8080',
        'http://10.0.0.6:8080/ioc',
        'http://10.0.0.7:8080/?x=1',
        'javascript:alert(1)',
        '/relative',
        'http://[bad',
      ].join(','),
    );
    expect(urls).toEqual(['http://10.0.0.5:8080']);
    expect(problems.map((p) => [p.value, p.reason])).toEqual([
      ['localhost:8080', 'not-a-url'],
      ['ftp://files.example', 'scheme'],
      ['ws://10.0.0.9:8080', 'scheme'],
      ['http://10.0.0.6:8080/ioc', 'path'],
      ['http://10.0.0.7:8080/?x=1', 'path'],
    ]);
    // The header shows a few problems, not a pasted screenful.
    expect(problems).toHaveLength(MAX_PROBLEMS);
  });

  it('refuses credentials in a hub URL and never repeats the password', () => {
    const { urls, problems } = parseHubList('http://admin:hunter2@10.0.0.5:8080,admin:hunter2@10.0.0.6');
    expect(urls).toEqual([]);
    expect(problems).toEqual([
      { param: 'hub', value: 'http://***@10.0.0.5:8080', reason: 'credentials' },
      { param: 'hub', value: '***@10.0.0.6', reason: 'not-a-url' },
    ]);
    expect(JSON.stringify(problems)).not.toContain('hunter2');
  });

  it(`keeps at most ${MAX_HUBS} hubs, and shortens what it reports`, () => {
    const list = Array.from({ length: MAX_HUBS + 2 }, (_, i) => `http://10.0.0.${i + 1}:8080`);
    const { urls, problems } = parseHubList(list.join(','));
    expect(urls).toEqual(list.slice(0, MAX_HUBS));
    expect(problems.map((p) => p.reason)).toEqual(['too-many', 'too-many']);
    const long = parseHubList(`http://h/${'x'.repeat(5000)}`).problems[0]!;
    expect(long.reason).toBe('path');
    expect(long.value.length).toBeLessThanOrEqual(80);
  });
});

describe('readConfig', () => {
  it('reads ?hub= as a list (several ?hub= too), and defaults to the page origin', () => {
    expect(readConfig('?token=t&hub=http://a:1,http://b:2')).toMatchObject({
      token: 't',
      hubUrls: ['http://a:1', 'http://b:2'],
      problems: [],
    });
    expect(readConfig('?hub=http://a:1&hub=http://b:2').hubUrls).toEqual(['http://a:1', 'http://b:2']);
    expect(readConfig('')).toMatchObject({ hubUrls: [], problems: [] });
    expect(readConfig('?hub=nope').problems).toEqual([{ param: 'hub', value: 'nope', reason: 'not-a-url' }]);
  });
});
