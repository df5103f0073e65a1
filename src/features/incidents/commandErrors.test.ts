import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../tests/support/i18n';
import type { Lang } from '../../shared/i18n/i18n';
import { commandErrorText, incidentAnswerText } from './commandErrors';

const i18n = (lng: Lang) => ({ t: createTranslator(lng) });

describe("the hub's refusals, in the operator's language", () => {
  it('explains a refused step by the status the incident has reached', () => {
    const t = i18n('vi').t;
    expect(commandErrorText('illegal transition: incident.start from received', t)).toBe(
      'Không thể "Bắt đầu xử lý": phản ánh đang ở trạng thái "Tiếp nhận". Có thể một điều hành viên khác vừa xử lý nó.',
    );
    expect(commandErrorText('illegal transition: incident.acknowledge already acknowledged', t)).toMatch(
      /đã được xác nhận/,
    );
    expect(commandErrorText('forbidden', t)).toMatch(/quyền/);
    expect(commandErrorText('illegal transition: incident.resolve from assigned', i18n('en').t)).toBe(
      'Cannot "Resolve": the report is "Assigned". Another operator may just have handled it.',
    );
  });

  it('shows an unrecognised refusal as the hub said it, as text', () => {
    const t = i18n('en').t;
    expect(commandErrorText('<b>odd</b> failure', t)).toBe('The hub refused: <b>odd</b> failure');
    expect(commandErrorText('illegal transition: incident.fly from received', t)).toBe(
      'The hub refused: illegal transition: incident.fly from received',
    );
  });
});

describe('incidentAnswerText', () => {
  it('says done for an accepted command and why not for a refused one', () => {
    const t = i18n('en').t;
    expect(incidentAnswerText({ ok: true }, t)).toBe(t('console.done'));
    expect(incidentAnswerText({ ok: false, error: 'forbidden' }, t)).toBe(commandErrorText('forbidden', t));
  });
});
