import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  identityOf,
  identityOfBearer,
  loadTokenMap,
  loadTokens,
  narrowed,
  parseTokenList,
  pseudonym,
} from './tokens';

describe('tokens', () => {
  it('loads the dev tokens from config/tokens.json by default', () => {
    expect(loadTokens({})).toEqual({
      'dev-operator': 'operator',
      'dev-operator-2': 'operator',
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

  it('never repeats a token in an error: the message may end up in a log', () => {
    const messageOf = (list: string) => {
      try {
        parseTokenList(list);
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error(`${list} was accepted`);
    };
    const bad = messageOf('ok-token:guest, s3cr3t-value:admin');
    expect(bad).toContain('entry 2');
    expect(bad).toContain('admin');
    expect(bad).not.toContain('s3cr3t');
    expect(messageOf('s3cr3t-value')).not.toContain('s3cr3t');
    expect(messageOf(`${'k'.repeat(2000)}:guest`)).not.toContain('kkkk');
  });

  it('resolves roles only for own, string tokens', () => {
    const tokens = parseTokenList('t1:guest');
    expect(identityOf('t1', tokens)?.role).toBe('guest');
    expect(identityOf('toString', tokens)?.role).toBeUndefined();
    expect(identityOf(['t1'], tokens)?.role).toBeUndefined();
    expect(identityOfBearer('Bearer t1', tokens)?.role).toBe('guest');
    expect(identityOfBearer('bearer  t1 ', tokens)?.role).toBe('guest');
    expect(identityOfBearer('t1', tokens)?.role).toBeUndefined();
    expect(identityOfBearer('Basic t1', tokens)?.role).toBeUndefined();
    expect(identityOfBearer(undefined, tokens)?.role).toBeUndefined();
  });

  it('gives each token a display name: its own, or a pseudonym that does not reveal the token', () => {
    const tokens = loadTokenMap({});
    expect(identityOf('dev-operator', tokens)).toEqual({ role: 'operator', name: 'Nguyễn Văn An' });
    expect(identityOf('dev-operator-2', tokens)).toEqual({ role: 'operator', name: 'Trần Thị Bình' });
    expect(identityOf('dev-leader', tokens)).toEqual({ role: 'leader', name: 'Lê Minh Quân' });
    // The visitor's token has no name of its own.
    expect(identityOf('dev-guest', tokens)).toEqual({ role: 'guest', name: pseudonym('guest', 'dev-guest') });
    expect(pseudonym('leader', 'dev-leader')).toMatch(/^leader-[0-9a-f]{6}$/);
    expect(pseudonym('leader', 'dev-leader')).not.toBe(pseudonym('leader', 'dev-leader-2'));
    expect(identityOf('nobody', tokens)).toBeUndefined();
    expect(identityOfBearer('Bearer dev-operator-2', tokens)?.name).toBe('Trần Thị Bình');
    expect(identityOf('dev-operator-2', tokens)?.role).toBe('operator');
    expect(identityOf('secret-t', { 'secret-t': { role: 'guest' } })?.name).not.toContain('secret');
  });

  it('matches a token only whole, whatever it shares with another (digests compared in constant time)', () => {
    const tokens = parseTokenList('alpha-1:operator,alpha-12:leader,beta:producer');
    expect(identityOf('alpha-1', tokens)?.role).toBe('operator');
    expect(identityOf('alpha-12', tokens)?.role).toBe('leader');
    expect(identityOf('beta', tokens)?.role).toBe('producer');
    for (const near of ['alpha-', 'alpha-123', 'Alpha-1', 'beta ', ' beta', 'bet', '', 'x'.repeat(5000)]) {
      expect(identityOf(near, tokens), JSON.stringify(near.slice(0, 20))).toBeUndefined();
    }
    for (const notAString of [42, ['beta'], { beta: 1 }, null, undefined, true]) {
      expect(identityOf(notAString, tokens)).toBeUndefined();
    }
    // One identity per token: rate limits key on it.
    expect(identityOf('beta', tokens)).toBe(identityOf('beta', tokens));
  });

  it('reads both entry forms from a file and refuses a bad object entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokens-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ a: 'leader', b: { role: 'operator', name: ' Lê Văn C ' } }));
    expect(loadTokenMap({ HUB_TOKENS_FILE: good })).toEqual({
      a: 'leader',
      b: { role: 'operator', name: 'Lê Văn C' },
    });
    expect(loadTokens({ HUB_TOKENS_FILE: good })).toEqual({ a: 'leader', b: 'operator' });
    for (const bad of [
      { b: { role: 'root' } },
      { b: { role: 'operator', name: '' } },
      { b: { name: 'x' } },
    ]) {
      writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
      expect(() => loadTokenMap({ HUB_TOKENS_FILE: join(dir, 'bad.json') })).toThrow(/bad.json/);
    }
  });
});

describe('a page narrowing its audience', () => {
  const operator = { role: 'operator' as const, name: 'Nguyễn Văn An' };
  it('narrows an operator to a guest, without the name', () => {
    expect(narrowed(operator, 'guest')).toEqual({ role: 'guest', name: '' });
    expect(narrowed(operator, 'leader')).toEqual({ role: 'leader', name: 'Nguyễn Văn An' });
  });
  it('never widens a role, and ignores what is not an audience', () => {
    const guest = { role: 'guest' as const, name: '' };
    expect(narrowed(guest, 'leader')).toBe(guest);
    expect(narrowed({ role: 'leader', name: 'L' }, 'leader')).toEqual({ role: 'leader', name: 'L' });
    expect(narrowed(operator, 'operator')).toBe(operator);
    expect(narrowed(operator, 'producer')).toBe(operator);
    expect(narrowed(operator, undefined)).toBe(operator);
  });
});
