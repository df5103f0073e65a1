import { describe, expect, it } from 'vitest';
import { API_POLICY, originOf, pagePolicy } from './security';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('the page policy', () => {
  it('allows no inline script, no framing, and connections to its own origin only by default', () => {
    const d = directives(pagePolicy());
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'", 'data:']);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('worker-src')).toEqual(["'self'", 'blob:']);
    for (const [name, values] of d) {
      expect(values, name).not.toContain("'unsafe-inline'");
      expect(values, name).not.toContain("'unsafe-eval'");
      expect(values, name).not.toContain('*');
    }
  });

  it('adds configured origins with their WebSocket twins', () => {
    const d = directives(
      pagePolicy({
        connectOrigins: [
          'http://10.0.0.5:8080/',
          'https://hub.hue.gov.vn',
          'wss://live.example:9',
          'nonsense',
        ],
      }),
    );
    expect(d.get('connect-src')).toEqual([
      "'self'",
      'http://10.0.0.5:8080',
      'ws://10.0.0.5:8080',
      'https://hub.hue.gov.vn',
      'wss://hub.hue.gov.vn',
      'wss://live.example:9',
      'https://live.example:9',
      'data:',
    ]);
  });

  it('reads origins only from absolute http(s) and ws(s) URLs', () => {
    expect(originOf('https://tiles.example/styles/x.json?k=1')).toBe('https://tiles.example');
    expect(originOf('/styles/hue-dark.json')).toBeNull();
    expect(originOf('pmtiles:///data/hue.pmtiles')).toBeNull();
    expect(originOf('javascript:alert(1)')).toBeNull();
  });

  it('gives API answers a policy that loads nothing', () => {
    expect(directives(API_POLICY).get('default-src')).toEqual(["'none'"]);
  });
});
