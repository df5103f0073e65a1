import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTokens, parseTokenList, roleOf, roleOfBearer } from './tokens';

describe('tokens', () => {
  it('loads the dev tokens from config/tokens.json by default', () => {
    expect(loadTokens({})).toEqual({
      'dev-operator': 'operator',
      'dev-leader': 'leader',
      'dev-guest': 'guest',
      'dev-producer': 'producer',
    });
  });

  it('prefers HUB_TOKENS, then HUB_TOKENS_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokens-'));
    const file = join(dir, 't.json');
    writeFileSync(file, JSON.stringify({ 'wall-1': 'guest' }));
    expect(loadTokens({ HUB_TOKENS_FILE: file })).toEqual({ 'wall-1': 'guest' });
    expect(loadTokens({ HUB_TOKENS_FILE: file, HUB_TOKENS: 'a:operator, b:producer' })).toEqual({
      a: 'operator',
      b: 'producer',
    });
  });

  it('fails loudly on a bad source', () => {
    expect(() => parseTokenList('a:admin')).toThrow(/token:role/);
    expect(() => parseTokenList(':guest')).toThrow();
    expect(() => parseTokenList('nocolon')).toThrow();
    const dir = mkdtempSync(join(tmpdir(), 'tokens-'));
    writeFileSync(join(dir, 'bad.json'), '{"x": "root"}');
    expect(() => loadTokens({ HUB_TOKENS_FILE: join(dir, 'bad.json') })).toThrow(/bad.json/);
    expect(() => loadTokens({ HUB_TOKENS_FILE: join(dir, 'missing.json') })).toThrow(/missing.json/);
  });

  it('resolves roles only for own, string tokens', () => {
    const tokens = parseTokenList('t1:guest');
    expect(roleOf('t1', tokens)).toBe('guest');
    expect(roleOf('toString', tokens)).toBeUndefined();
    expect(roleOf(['t1'], tokens)).toBeUndefined();
    expect(roleOfBearer('Bearer t1', tokens)).toBe('guest');
    expect(roleOfBearer('bearer  t1 ', tokens)).toBe('guest');
    expect(roleOfBearer('t1', tokens)).toBeUndefined();
    expect(roleOfBearer('Basic t1', tokens)).toBeUndefined();
    expect(roleOfBearer(undefined, tokens)).toBeUndefined();
  });
});
