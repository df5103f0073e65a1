import { describe, expect, it } from 'vitest';
import { en } from './en';
import { langFromSearch } from './i18n';
import { vi } from './vi';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('i18n', () => {
  it('English has every Vietnamese key and no other, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
    for (const k of keys(en)) {
      const value = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en);
      expect(value, k).not.toBe('');
    }
  });

  it('defaults to Vietnamese', () => {
    expect(langFromSearch('')).toBe('vi');
    expect(langFromSearch('?lang=fr')).toBe('vi');
    expect(langFromSearch('?token=x&lang=en')).toBe('en');
  });
});
