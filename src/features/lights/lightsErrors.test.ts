import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../tests/support/i18n';
import type { Lang } from '../../shared/i18n/i18n';
import { vi } from '../../shared/i18n/vi';
import { lightsAnswerText, lightsErrorText } from './lightsErrors';

const i18n = (lng: Lang) => ({ t: createTranslator(lng) });

describe("the hub's answer to a lights.set, in the operator's language", () => {
  it('counts the lamps that took the command and those that did not answer', () => {
    const ack = {
      ok: true,
      lights: { cabinetId: 'CAB-19753-004', lamps: 51, took: 49, noResponse: 2 },
    } as const;
    expect(lightsAnswerText(ack, i18n('vi').t)).toBe('49/51 đèn nhận lệnh · 2 đèn không phản hồi');
    expect(lightsAnswerText(ack, i18n('en').t)).toBe('49/51 lamps took the command · 2 did not respond');
    // An answer without the lamp outcome still says the command went through.
    expect(lightsAnswerText({ ok: true }, i18n('vi').t)).toBe(vi.lights.sent);
  });

  it('explains each refusal the hub documents, naming the cabinet', () => {
    const t = i18n('vi').t;
    expect(lightsErrorText('forbidden', t)).toBe(vi.lights.error.forbidden);
    expect(lightsErrorText('timeout', t)).toBe(vi.lights.error.timeout);
    expect(lightsErrorText('no lighting control on this hub', t)).toBe(vi.lights.error.noControl);
    expect(lightsErrorText('unknown cabinet: CAB-1', t)).toBe('Trung tâm không có tủ CAB-1.');
    expect(lightsErrorText('cabinet offline: CAB-19753-004', t)).toMatch(/^Tủ CAB-19753-004 mất kết nối/);
    expect(lightsAnswerText({ ok: false, error: 'cabinet offline: CAB-2' }, i18n('en').t)).toMatch(
      /^Cabinet CAB-2 is offline/,
    );
  });

  it('shows anything else as the hub said it, as text', () => {
    expect(lightsErrorText('invalid: data.level: Too big', i18n('vi').t)).toBe(
      'Trung tâm từ chối: invalid: data.level: Too big',
    );
    expect(lightsErrorText('<b>odd</b>', i18n('en').t)).toBe('The hub refused: <b>odd</b>');
    // Close to a known refusal is not one.
    expect(lightsErrorText('unknown cabinet:', i18n('en').t)).toBe('The hub refused: unknown cabinet:');
  });
});
