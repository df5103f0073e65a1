import { describe, expect, it } from 'vitest';
import { en } from './en';
import { langFromSearch } from './i18n';
import { vi } from './vi';

/** Every text as [its key, the text]; a key may itself hold dots (i18next finds flat keys too). */
function texts(o: object, prefix = ''): [string, unknown][] {
  return Object.entries(o).flatMap(([k, v]): [string, unknown][] =>
    typeof v === 'object' && v !== null ? texts(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]],
  );
}
const keys = (o: object) => texts(o).map(([k]) => k);

describe('i18n', () => {
  it('English has every Vietnamese key and no other, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
    for (const [k, value] of texts(en)) expect(value, k).not.toBe('');
  });

  it('defaults to Vietnamese', () => {
    expect(langFromSearch('')).toBe('vi');
    expect(langFromSearch('?lang=fr')).toBe('vi');
    expect(langFromSearch('?token=x&lang=en')).toBe('en');
  });
});
