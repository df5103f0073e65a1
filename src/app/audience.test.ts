import { describe, expect, it } from 'vitest';
import { audienceFor } from './audience';

describe('the audience a page asks the hub for', () => {
  it('is always a guest on the tour, whatever the URL says', () => {
    expect(audienceFor('/tour', '')).toBe('guest');
    expect(audienceFor('/tour', '?audience=leader')).toBe('guest');
  });
  it('follows ?audience= elsewhere, for guest and leader only', () => {
    expect(audienceFor('/', '?audience=guest')).toBe('guest');
    expect(audienceFor('/briefing', '?audience=leader')).toBe('leader');
    expect(audienceFor('/', '?audience=operator')).toBeUndefined();
    expect(audienceFor('/', '')).toBeUndefined();
  });
});
