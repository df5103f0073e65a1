import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  givenHub,
  givenHubRefusesCommands,
  givenOfflineCabinet,
  refusal,
  type HubDouble,
} from '../../../../mocks/scenarios';
import { aCity, lampInventory, openCity, type CabinetLamps } from '../../../../tests/support/city';
import { describeKeyboardFlow } from '../../../../tests/support/consoleKeyboard';
import { renderWithProviders } from '../../../../tests/support/render';
import type { Lang } from '../../../shared/i18n/i18n';
import { LAMP_FAULT, LAMP_ON } from '../../../shared/protocol/codes';
import type { Cabinet } from '../../../shared/protocol/events';
import { LightsConsole } from './LightsConsole';

// The lights console through its DOM: the cabinets are a listbox of options, the filters a search
// landmark, the switches a group of buttons, the hub's answer a status. Written against the console
// as it is, so that a rewrite of its insides keeps what an operator does with it.

const cabinet = (id: string, ward: string): Cabinet => ({
  id,
  ward,
  group: 'truc-chinh',
  status: { mode: 'auto', level: 100, online: true, override: null, next: null },
});

/** Four cabinets in inventory order: two in Phú Xuân (one with a failed lamp), one offline in Vỹ Dạ. */
const CABINETS: CabinetLamps[] = [
  { cabinet: cabinet('CAB-19753-001', '19753'), lamps: [LAMP_ON, LAMP_ON, LAMP_ON] },
  { cabinet: cabinet('CAB-19753-002', '19753'), lamps: [LAMP_ON, LAMP_ON, LAMP_FAULT] },
  { cabinet: givenOfflineCabinet('CAB-19777-001', '19777'), lamps: [LAMP_ON, LAMP_ON] },
  { cabinet: cabinet('CAB-19774-001', '19774'), lamps: [LAMP_ON] },
];
const LAMPS = lampInventory(CABINETS);

function renderConsole(hub: HubDouble, lang: Lang = 'vi', readOnly = false) {
  const city = openCity(aCity({ lamps: LAMPS }));
  return renderWithProviders(
    <LightsConsole
      header={null}
      send={hub.send}
      lamps={city.lamps}
      faults={city.faults}
      readOnly={readOnly}
    />,
    { store: city.store, lang },
  );
}

const list = () => screen.getByRole('listbox');
/** The id of the cabinet a row shows. */
const idOf = (row: HTMLElement) => row.textContent?.match(/CAB-\d+-\d+/)?.[0];
const selected = () => {
  const row = within(list()).queryByRole('option', { selected: true });
  return row ? (idOf(row) ?? null) : null;
};

describeKeyboardFlow('lights console', {
  render: () => renderConsole(givenHub({ lamps: LAMPS })),
  rows: CABINETS.map((c) => c.cabinet.id),
  idOf,
  // Folded: "phu xuan" finds the ward Phú Xuân.
  search: { text: 'phu xuan', found: ['CAB-19753-001', 'CAB-19753-002'] },
  everyRow: 'cab',
  dropdown: 'Phường/xã',
});

describe('lights console: the keyboard, beyond moving through the list', () => {
  it('shows the selected cabinet beside the list', async () => {
    const { user } = renderConsole(givenHub({ lamps: LAMPS }));
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('CAB-19753-002');
  });

  it('keeps the keys typed in the dim level to the field', async () => {
    const { user } = renderConsole(givenHub({ lamps: LAMPS }));
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const level = screen.getByRole('spinbutton', { name: 'Mức giảm sáng (%)' });
    await user.click(level);
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowDown}/');
    expect(selected()).toBe('CAB-19753-002');
    expect(document.activeElement).toBe(level);
  });
});

describe('lights console: the hub’s answer to a switch', () => {
  /** Selects a cabinet in the list and presses On, as an operator would. */
  async function switchOn(id: string, hub: HubDouble, lang: Lang) {
    const { user } = renderConsole(hub, lang);
    const row = within(list())
      .getAllByRole('option')
      .find((r) => r.textContent?.includes(id));
    await user.click(row!);
    const controls = screen.getByRole('group', { name: lang === 'vi' ? 'Điều khiển' : 'Control' });
    await user.click(within(controls).getByRole('button', { name: lang === 'vi' ? 'Bật' : 'On' }));
  }

  /** What the operator is told, once the hub has answered. */
  const answer = async (text: string) =>
    waitFor(() => expect(screen.getByRole('status').textContent).toBe(text));

  it('says how many lamps took the command, and sends the hub what was asked', async () => {
    const hub = givenHub({ lamps: LAMPS });
    await switchOn('CAB-19753-002', hub, 'vi');
    await answer('2/3 đèn nhận lệnh · 1 đèn không phản hồi');
    expect(hub.sent).toEqual([{ type: 'lights.set', data: { cabinetId: 'CAB-19753-002', mode: 'on' } }]);
  });

  const refusals: { why: string; hub: () => HubDouble; vi: string; en: string }[] = [
    {
      why: 'the cabinet is offline',
      hub: () => givenHub({ lamps: LAMPS }),
      vi: 'Tủ CAB-19777-001 mất kết nối: không gửi được lệnh. Cử đội kiểm tra tại chỗ.',
      en: 'Cabinet CAB-19777-001 is offline: the command cannot reach it. Send a crew to check it.',
    },
    {
      why: 'the hub does not know the cabinet',
      hub: () => givenHub({ lamps: lampInventory(CABINETS.slice(0, 2)) }),
      vi: 'Trung tâm không có tủ CAB-19777-001.',
      en: 'The hub has no cabinet CAB-19777-001.',
    },
    {
      why: 'the hub controls no lighting',
      hub: () => givenHub({}),
      vi: 'Trung tâm này không điều khiển được đèn (chỉ nhận dữ liệu).',
      en: 'This hub cannot control the lights (it only receives their data).',
    },
    {
      why: 'the page is not an operator’s',
      hub: () => givenHubRefusesCommands(refusal.forbidden),
      vi: 'Không có quyền: chỉ điều hành viên được điều khiển đèn.',
      en: 'Not allowed: only operators may control the lights.',
    },
    {
      why: 'no answer came in time',
      hub: () => givenHubRefusesCommands(refusal.timeout),
      vi: 'Trung tâm không trả lời kịp. Kiểm tra kết nối rồi thử lại.',
      en: 'The hub did not answer in time. Check the connection and try again.',
    },
  ];
  for (const r of refusals) {
    for (const lang of ['vi', 'en'] as const) {
      it(`says so when ${r.why} (${lang})`, async () => {
        await switchOn('CAB-19777-001', r.hub(), lang);
        await answer(r[lang]);
      });
    }
  }

  it('shows a refusal it does not know as the hub worded it, as text and never as HTML', async () => {
    await switchOn('CAB-19753-001', givenHubRefusesCommands('<img src=x onerror=alert(1)>'), 'en');
    await answer('The hub refused: <img src=x onerror=alert(1)>');
    expect(screen.getByRole('status').querySelector('img')).toBeNull();
  });

  it('offers no switches on a page that may not command, and says why', async () => {
    const { user } = renderConsole(givenHub({ lamps: LAMPS }), 'vi', true);
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('CAB-19753-001');
    expect(screen.getByRole('note').textContent).toBe(
      'Chỉ xem: tài khoản này không điều khiển đèn. Cần tài khoản điều hành viên.',
    );
    expect(screen.queryByRole('group', { name: 'Điều khiển' })).toBeNull();
  });

  it('shows an offline cabinet as offline before any command is tried', async () => {
    const { user } = renderConsole(givenHub({ lamps: LAMPS }), 'en');
    const row = within(list())
      .getAllByRole('option')
      .find((r) => r.textContent?.includes('CAB-19777-001'));
    expect(row?.textContent).toContain('Offline');
    await user.click(row!);
    expect(screen.getByTestId('cab-mode').textContent).toContain('Offline');
  });
});
