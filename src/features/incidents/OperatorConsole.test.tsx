import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  givenHub,
  givenHubRefusesCommands,
  givenWardShapes,
  refusal,
  type HubDouble,
} from '../../../mocks/scenarios';
import { aCity, anIncident, CITY_NOW, openCity } from '../../../tests/support/city';
import { describeKeyboardFlow } from '../../../tests/support/consoleKeyboard';
import { renderWithProviders } from '../../../tests/support/render';
import type { Lang } from '../../shared/i18n/i18n';
import type { Incident } from '../../shared/protocol/events';
import { OperatorConsole } from './OperatorConsole';

// The operator console through its DOM: the list is a listbox of options, the filters a search
// landmark, the answer to a command a status. Written against the console as it is, so that a
// rewrite of its insides keeps what an operator does with it.

/** Four open reports, newest first as the console sorts them; two of them mention a bridge (cầu). */
const FOUR: Incident[] = [
  anIncident('PA-1', { title: 'Ngập nước đường Lê Lợi', reportedAt: minutesAgo(1) }),
  anIncident('PA-2', { title: 'Cây đổ trên cầu Phú Xuân', reportedAt: minutesAgo(2) }),
  anIncident('PA-3', { title: 'Đèn tín hiệu hỏng ở cầu Trường Tiền', reportedAt: minutesAgo(3) }),
  anIncident('PA-4', { title: 'Rác thải chợ Đông Ba', reportedAt: minutesAgo(4) }),
];

function minutesAgo(n: number): string {
  return new Date(CITY_NOW - n * 60_000).toISOString();
}

function renderConsole(incidents: Incident[], hub: HubDouble, lang: Lang = 'vi', readOnly = false) {
  const city = openCity(aCity({ incidents }));
  return renderWithProviders(<OperatorConsole header={null} send={hub.send} readOnly={readOnly} />, {
    store: city.store,
    lang,
  });
}

const list = () => screen.getByRole('listbox');
/** The id of the report a row shows. */
const idOf = (row: HTMLElement) => FOUR.find((i) => row.textContent?.includes(i.title))?.id;
const selected = () => {
  const row = within(list()).queryByRole('option', { selected: true });
  return row ? (idOf(row) ?? null) : null;
};
const search = () => within(screen.getByRole('search')).getByRole('textbox');

describeKeyboardFlow('operator console', {
  render: () => {
    // Selecting a report shows its mini map, which loads the ward boundaries.
    givenWardShapes();
    return renderConsole(FOUR, givenHub({ incidents: FOUR }));
  },
  rows: ['PA-1', 'PA-2', 'PA-3', 'PA-4'],
  idOf,
  // Folded: "cau" finds "cầu".
  search: { text: 'cau', found: ['PA-2', 'PA-3'] },
  // Every report's id starts so.
  everyRow: 'pa',
  dropdown: 'Trạng thái',
});

describe('operator console: the keyboard, beyond moving through the list', () => {
  beforeEach(() => {
    givenWardShapes();
  });

  it('shows the selected report beside the list', async () => {
    const { user } = renderConsole(FOUR, givenHub({ incidents: FOUR }));
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Cây đổ trên cầu Phú Xuân');
  });

  it('A acknowledges the selected report through the hub', async () => {
    const hub = givenHub({ incidents: FOUR });
    const { user } = renderConsole(FOUR, hub);
    await user.keyboard('{ArrowDown}{ArrowDown}a');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Đã cập nhật'));
    expect(hub.sent).toEqual([{ type: 'incident.acknowledge', data: { incidentId: 'PA-2' } }]);
  });

  it('takes the command letters typed in the search as text', async () => {
    const hub = givenHub({ incidents: FOUR });
    const { user } = renderConsole(FOUR, hub);
    await user.keyboard('{ArrowDown}/');
    await user.keyboard('pa gsrx');
    expect(search()).toHaveProperty('value', 'pa gsrx');
    expect(hub.sent).toEqual([]);
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('keeps the keys typed in a note to the note', async () => {
    const working = FOUR.map((i) => ({ ...i, status: 'in_progress' as const }));
    const hub = givenHub({ incidents: working });
    const { user } = renderConsole(working, hub);
    await user.keyboard('{ArrowDown}r');
    // R opens the resolve note with the cursor in it.
    const note = document.activeElement as HTMLTextAreaElement;
    expect(note.tagName).toBe('TEXTAREA');
    await user.keyboard('Đã hút nước xong{ArrowDown}{ArrowUp}s');
    expect(note).toHaveProperty('value', 'Đã hút nước xongs');
    expect(selected()).toBe('PA-1');
    expect(hub.sent).toEqual([]);
  });
});

describe('operator console: a refused command', () => {
  beforeEach(() => {
    givenWardShapes();
  });

  /** Selects the first report and acknowledges it with the button, as an operator would. */
  async function acknowledgeFirst(incidents: Incident[], hub: HubDouble, lang: Lang) {
    const { user } = renderConsole(incidents, hub, lang);
    await user.click(within(list()).getAllByRole('option')[0]!);
    await user.click(screen.getByRole('button', { name: lang === 'vi' ? 'A Xác nhận' : 'A Acknowledge' }));
  }

  /** What the operator is told, once the hub has answered. */
  const answer = async (text: string) =>
    waitFor(() => expect(screen.getByRole('status').textContent).toBe(text));

  const refusals: { why: string; error: string; vi: string; en: string }[] = [
    {
      why: 'the page is not an operator’s',
      error: refusal.forbidden,
      vi: 'Không có quyền: chỉ điều hành viên được gửi lệnh xử lý.',
      en: 'Not allowed: only operators may send handling commands.',
    },
    {
      why: 'no answer came in time',
      error: refusal.timeout,
      vi: 'Trung tâm không trả lời kịp. Kiểm tra kết nối rồi thử lại.',
      en: 'The hub did not answer in time. Check the connection and try again.',
    },
    {
      why: 'the hub could not store the change',
      error: refusal.storageUnavailable,
      vi: 'Trung tâm từ chối: storage unavailable: try again',
      en: 'The hub refused: storage unavailable: try again',
    },
  ];
  for (const r of refusals) {
    for (const lang of ['vi', 'en'] as const) {
      it(`says so when ${r.why} (${lang})`, async () => {
        await acknowledgeFirst(FOUR, givenHubRefusesCommands(r.error), lang);
        await answer(r[lang]);
      });
    }
  }

  it('says another operator was faster when the hub already has the report acknowledged (vi)', async () => {
    const theirs = FOUR.map((i) => ({ ...i, acknowledgedAt: minutesAgo(0), acknowledgedBy: 'Trần Thị B' }));
    await acknowledgeFirst(FOUR, givenHub({ incidents: theirs }), 'vi');
    await answer('Phản ánh đã được xác nhận, có thể bởi một điều hành viên khác.');
  });

  it('names the step and the status the hub holds when the report has moved on (en)', async () => {
    const assigned = [anIncident('PA-1', { status: 'assigned', department: 'urban-order' })];
    const resolved = [{ ...assigned[0]!, status: 'resolved' as const }];
    const { user } = renderConsole(assigned, givenHub({ incidents: resolved }), 'en');
    await user.click(within(list()).getByRole('option'));
    await user.click(screen.getByRole('button', { name: 'S Start work' }));
    await answer('Cannot "Start work": the report is "Resolved". Another operator may just have handled it.');
  });

  it('says the hub no longer holds the report (vi)', async () => {
    await acknowledgeFirst(FOUR, givenHub({ incidents: [] }), 'vi');
    await answer('Trung tâm không còn giữ phản ánh này.');
  });

  it('shows a refusal it does not know as the hub worded it, as text and never as HTML', async () => {
    await acknowledgeFirst(FOUR, givenHubRefusesCommands('<img src=x onerror=alert(1)>'), 'en');
    await answer('The hub refused: <img src=x onerror=alert(1)>');
    expect(screen.getByRole('status').querySelector('img')).toBeNull();
  });
});

describe('operator console: a page that may not command (a leader’s, a visitor’s)', () => {
  it('shows the report and says it is view only, with no command buttons, and the command keys do nothing', async () => {
    givenWardShapes();
    const hub = givenHub({ incidents: FOUR });
    const { user } = renderConsole(FOUR, hub, 'en', true);
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Ngập nước đường Lê Lợi');
    expect(screen.getByRole('note').textContent).toBe(
      'View only: this account cannot send handling commands. An operator account can.',
    );
    expect(screen.queryByRole('group', { name: 'Actions' })).toBeNull();
    await user.keyboard('agsrx');
    expect(hub.sent).toEqual([]);
    expect(document.querySelector('textarea')).toBeNull();
  });
});

describe('operator console: the mini map', () => {
  it('draws the ward boundaries around the selected report, its own ward marked', async () => {
    givenWardShapes();
    const { user } = renderConsole(FOUR, givenHub({ incidents: FOUR }));
    await user.keyboard('{ArrowDown}');
    const map = screen.getByRole('img', { name: '16.47800, 107.58000' });
    await waitFor(() => expect(map.querySelectorAll('path').length).toBe(40));
    expect(map.querySelectorAll('path.own')).toHaveLength(1);
  });
});
