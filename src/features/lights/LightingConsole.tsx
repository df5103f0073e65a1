import type { ReactNode } from 'react';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { useCityNow } from '../../app/useCityNow';
import { HUE_WARDS, wardName } from '../../shared/city/wards';
import { formatCityTime, formatNumber } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import { isDaylight, LAMP_FAULT_KINDS, type LampFaultKind } from '../../shared/lighting/faults';
import { HUE_SCHEDULES, nextChange } from '../../shared/lighting/schedule';
import { HUE } from '../../shared/lighting/sun';
import type { Cabinet, CommandAck } from '../../shared/protocol/events';
import type { CommandData, SendCommand } from '../../realtime/commands';
import {
  cabinetCounts,
  cabinetFaults,
  faultTallyOf,
  filterCabinets,
  lampFaultsOf,
  lampsOf,
  NO_CABINET_FILTER,
  tallyOf,
  type CabinetCounts,
  type CabinetFaults,
  type CabinetFilter,
  type LampTally,
} from './cabinetCounts';
import { selectCabinets } from './cabinetsSlice';
import type { LightColumns } from './lightColumns';
import { lightsAnswerText } from './lightsErrors';
import { selectLightsVersion } from './lightsSlice';
import './lighting.css';
import { useWindowedList } from '../../shared/ui/useWindowedList';

/**
 * How often the list recounts the lamps while they change. Lamp states arrive many times a second;
 * a count an operator reads need not move faster than twice a second, and recounting 20,000 lamps
 * per frame would cost the wall's frame budget for nothing.
 */
const RECOUNT_MS = 500;
/**
 * How often the lamps are judged for faults. Slower than the counts: a fault is a lamp that stays
 * wrong, not a blip, and judging 50,000 lamps against their cabinets costs more than counting them.
 */
const REJUDGE_MS = 1000;

const scheduleById = new Map(HUE_SCHEDULES.map((s) => [s.id, s]));

type LightsSet = CommandData<'lights.set'>;

/** The last answer, for the cabinet it was about; its text is made at render, in the page's language. */
interface LightsResult {
  cabinetId: string;
  ack: CommandAck;
}

interface LightsRunner {
  run: (data: LightsSet) => Promise<void>;
  busy: boolean;
  result: LightsResult | null;
}

/**
 * The lighting console (route /lights): every control cabinet with its lamps counted by state,
 * filters to find one or the ones needing a crew, and the selected cabinet's status, schedule and
 * switches. Works from the keyboard: ↑/↓ select, / search.
 */
export function LightingConsole({
  header,
  send,
  lamps,
  readOnly = false,
}: {
  header: ReactNode;
  send: SendCommand;
  /** the lamp columns, counted per cabinet */
  lamps: LightColumns;
  /** no commands: the page is not an operator's */
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const cabinets = useAppSelector(selectCabinets);
  const version = useAppSelector(selectLightsVersion);
  const counts = useCabinetCounts(lamps, cabinets.length, version);
  const cityNow = useCityNow(1000);
  const daylight = cityNow !== null && isDaylight(HUE, cityNow);
  const faults = useCabinetFaults(lamps, cabinets, daylight, version);
  const [filter, setFilter] = useState<CabinetFilter>(NO_CABINET_FILTER);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const runner = useLightsRunner(send);

  const rows = useMemo(() => filterCabinets(cabinets, faults, filter, wardName), [cabinets, faults, filter]);
  // Only the wards that have cabinets, by name.
  const wards = useMemo(() => {
    const codes = new Set(cabinets.map((c) => c.ward));
    return HUE_WARDS.filter((w) => codes.has(w.code)).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }, [cabinets]);
  const selectedIndex = useMemo(
    () => (selectedId === null ? -1 : cabinets.findIndex((c) => c.id === selectedId)),
    [cabinets, selectedId],
  );
  const selected = cabinets[selectedIndex];
  const set = (patch: Partial<CabinetFilter>) => setFilter((f) => ({ ...f, ...patch }));

  // Keyboard: ↑/↓ through the filtered list, / to search, except while typing in a field.
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      const el = ev.target as HTMLElement;
      if (el === search.current && (ev.key === 'ArrowDown' || ev.key === 'Escape')) {
        el.blur();
        const first = rows[0];
        if (ev.key === 'ArrowDown' && first !== undefined) setSelectedId(cabinets[first]!.id);
        ev.preventDefault();
        return;
      }
      const typing = el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA';
      if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      const at = rows.indexOf(selectedIndex);
      let next: number | undefined;
      if (ev.key === 'ArrowDown') next = rows[Math.min(rows.length - 1, at + 1)];
      else if (ev.key === 'ArrowUp') next = rows[Math.max(0, at - 1)];
      else if (ev.key === '/') search.current?.focus();
      else return;
      if (next !== undefined) setSelectedId(cabinets[next]!.id);
      ev.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, cabinets, selectedIndex]);

  return (
    <div className="lighting">
      {header}
      <div className="lighting-body">
        <section className="lighting-left">
          <div className="lighting-filters" role="search">
            <input
              ref={search}
              type="text"
              data-testid="cabinet-filter-text"
              placeholder={t('lighting.search')}
              value={filter.text}
              onChange={(e) => set({ text: e.target.value })}
            />
            <select
              data-testid="cabinet-filter-ward"
              value={filter.ward}
              onChange={(e) => set({ ward: e.target.value })}
              aria-label={t('lighting.column.ward')}
            >
              <option value="">{t('lighting.allWards')}</option>
              {wards.map((w) => (
                <option key={w.code} value={w.code}>
                  {w.name}
                </option>
              ))}
            </select>
            <label className="lighting-check">
              <input
                type="checkbox"
                data-testid="cabinet-filter-faults"
                checked={filter.faultsOnly}
                onChange={(e) => set({ faultsOnly: e.target.checked })}
              />
              {t('lighting.faultsOnly')}
            </label>
            <span className="lighting-count num" data-testid="cabinet-count">
              {t('lighting.count', { count: rows.length })}
            </span>
          </div>
          <CabinetList
            cabinets={cabinets}
            rows={rows}
            counts={counts}
            faults={faults}
            selectedId={selectedId}
            onSelect={setSelectedId}
          />
        </section>
        <aside className="lighting-right">
          {selected ? (
            <CabinetPanel
              key={selected.id}
              cabinet={selected}
              tally={tallyOf(counts, selectedIndex)}
              faults={faultTallyOf(faults, selectedIndex)}
              total={lampsOf(counts, selectedIndex)}
              runner={runner}
              readOnly={readOnly}
            />
          ) : (
            <div className="lighting-empty">
              {t('lighting.pick')}
              <div className="lighting-keys">
                <kbd>↑</kbd> <kbd>↓</kbd> {t('console.keys.select')} · <kbd>/</kbd> {t('console.keys.search')}
              </div>
            </div>
          )}
        </aside>
      </div>
    </div>
  );
}

/**
 * Lamps per cabinet and state, recounted when the lamp columns change but at most once per
 * RECOUNT_MS: the deadline is kept from the last count, so a steady stream of changes cannot push
 * the recount back for ever.
 */
function useCabinetCounts(lamps: LightColumns, cabinetCount: number, version: number): CabinetCounts {
  const [counts, setCounts] = useState(() => cabinetCounts(lamps, cabinetCount));
  const countedAt = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, countedAt.current + RECOUNT_MS - Date.now());
    const id = setTimeout(() => {
      countedAt.current = Date.now();
      setCounts(cabinetCounts(lamps, cabinetCount));
    }, wait);
    return () => clearTimeout(id);
  }, [lamps, cabinetCount, version]);
  return counts;
}

/**
 * Lamp faults per cabinet, judged again when the lamps, the cabinets' commands or day and night
 * change, at most once per REJUDGE_MS (the deadline kept from the last time, as for the counts).
 */
function useCabinetFaults(
  lamps: LightColumns,
  cabinets: readonly Cabinet[],
  daylight: boolean,
  version: number,
): CabinetFaults {
  const [faults, setFaults] = useState(() => cabinetFaults(lamps, cabinets, daylight));
  const judgedAt = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, judgedAt.current + REJUDGE_MS - Date.now());
    const id = setTimeout(() => {
      judgedAt.current = Date.now();
      setFaults(cabinetFaults(lamps, cabinets, daylight));
    }, wait);
    return () => clearTimeout(id);
  }, [lamps, cabinets, daylight, version]);
  return faults;
}

/**
 * Sends `lights.set` and keeps the last answer to show. One command at a time: the buttons are
 * disabled while one is in flight, and a second click before they are is ignored.
 */
function useLightsRunner(send: SendCommand): LightsRunner {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<LightsResult | null>(null);
  const inFlight = useRef(false);
  const run = useCallback(
    async (data: LightsSet) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusy(true);
      setResult(null);
      const ack = await send('lights.set', data);
      inFlight.current = false;
      setBusy(false);
      setResult({ cabinetId: data.cabinetId, ack });
    },
    [send],
  );
  return { run, busy, result };
}

const modeLabel = (t: TFunction, mode: string, level: number) =>
  mode === 'dim' ? t('lighting.mode.dim', { level }) : t(`lighting.mode.${mode}`);

const groupLabel = (t: TFunction, group: string | undefined) =>
  group ? t(`lighting.group.${group}`, { defaultValue: group }) : t('lighting.group.none');

interface ListProps {
  cabinets: readonly Cabinet[];
  /** inventory indexes of the cabinets to show, in order */
  rows: readonly number[];
  counts: CabinetCounts;
  faults: CabinetFaults;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/**
 * The cabinet list, windowed: only the rows in view are in the DOM. Rows have one fixed height (in
 * rem, so the list scales with the screen).
 */
function CabinetList({ cabinets, rows, counts, faults, selectedId, onSelect }: ListProps) {
  const { t } = useTranslation();
  const { box, rowPx, first, last, onScroll } = useWindowedList(rows.length, 2.2, selectedId, () =>
    rows.findIndex((c) => cabinets[c]?.id === selectedId),
  );

  return (
    <div className="lighting-table">
      <div className="lighting-row lighting-head" aria-hidden="true">
        <span>{t('lighting.column.id')}</span>
        <span>{t('lighting.column.ward')}</span>
        <span>{t('lighting.column.group')}</span>
        <span>{t('lighting.column.mode')}</span>
        <span>{t('lighting.column.link')}</span>
        <span className="lamp-count on">{t('lighting.column.on')}</span>
        <span className="lamp-count dimmed">{t('lighting.column.dimmed')}</span>
        <span className="lamp-count off">{t('lighting.column.off')}</span>
        <span className="lamp-count fault">{t('lighting.column.fault')}</span>
      </div>
      <div
        ref={box}
        className="lighting-list"
        data-testid="cabinet-list"
        data-rows={rows.length}
        role="listbox"
        aria-label={t('lighting.list')}
        onScroll={onScroll}
      >
        <div style={{ height: rows.length * rowPx, position: 'relative' }}>
          {rows.slice(first, last).map((c, k) => {
            const cab = cabinets[c]!;
            const tally = tallyOf(counts, c);
            return (
              <Row
                key={cab.id}
                cab={cab}
                top={(first + k) * rowPx}
                height={rowPx}
                selected={cab.id === selectedId}
                on={tally.on}
                dimmed={tally.dimmed}
                off={tally.off}
                fault={tally.fault}
                faults={lampFaultsOf(faults, c)}
                onSelect={onSelect}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface RowProps extends LampTally {
  /** lamps with a fault of any kind (`fault` counts only the failed ones) */
  faults: number;
  cab: Cabinet;
  top: number;
  height: number;
  selected: boolean;
  onSelect: (id: string) => void;
}

/**
 * One cabinet; memoised on its counts as numbers, so that a recount re-renders only the rows whose
 * lamps changed. The counts are also attributes, for tools that read the list: `data-fault` the lamps
 * in state fault, `data-faults` the lamps with a fault of any kind (the Sự cố column).
 */
const Row = memo(function Row({
  cab,
  top,
  height,
  selected,
  on,
  dimmed,
  off,
  fault,
  faults,
  onSelect,
}: RowProps) {
  const { t } = useTranslation();
  const status = cab.status;
  const offline = status?.online === false;
  return (
    <div
      role="option"
      aria-selected={selected}
      data-testid="cabinet-row"
      data-cabinet-id={cab.id}
      data-online={status ? String(status.online) : undefined}
      data-on={on}
      data-dimmed={dimmed}
      data-off={off}
      data-fault={fault}
      data-faults={faults}
      className={`lighting-row${selected ? ' selected' : ''}${offline || faults > 0 ? ' attention' : ''}`}
      style={{ top, height }}
      onClick={() => onSelect(cab.id)}
    >
      <span className="cab-id num">{cab.id}</span>
      <span className="cab-ward">{wardName(cab.ward) ?? cab.ward}</span>
      <span className="cab-group">{groupLabel(t, cab.group)}</span>
      <span className={`cab-mode mode-${status?.mode ?? 'none'}`}>
        {status ? modeLabel(t, status.mode, status.level) : t('lighting.mode.none')}
      </span>
      <span className={`cab-link${offline ? ' offline' : ''}`}>
        {status ? (status.online ? t('lighting.online') : t('lighting.offline')) : ''}
      </span>
      <span className="lamp-count on num">{on}</span>
      <span className="lamp-count dimmed num">{dimmed}</span>
      <span className="lamp-count off num">{off}</span>
      <span className={`lamp-count fault num${faults > 0 ? ' some' : ''}`}>{faults}</span>
    </div>
  );
});

interface PanelProps {
  cabinet: Cabinet;
  tally: LampTally;
  faults: Record<LampFaultKind, number>;
  total: number;
  runner: LightsRunner;
  readOnly: boolean;
}

/** The selected cabinet (keyed by id: the dim level starts afresh for another): status, schedule, switches. */
function CabinetPanel({ cabinet: cab, tally, faults, total, runner, readOnly }: PanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const now = useCityNow(5000);
  const [level, setLevel] = useState('50');
  const { busy, run } = runner;
  const result = runner.result?.cabinetId === cab.id ? runner.result : null;
  const status = cab.status;
  const schedule = cab.group ? scheduleById.get(cab.group) : undefined;
  // The cabinet's own next switch when the hub knows it (its clock runs a few minutes off its group's),
  // else its group's schedule.
  const own = status?.next;
  const groupNext = useMemo(
    () => (schedule && now !== null ? nextChange(schedule, HUE, now) : null),
    [schedule, now],
  );
  const next = own ? { at: own.at, setting: { mode: own.mode, level: own.level } } : groupNext;
  const dimLevel = parseDimLevel(level);
  const n = (x: number) => formatNumber(x, lang);

  return (
    <section
      className="lighting-panel"
      data-testid="cabinet-detail"
      data-cabinet-id={cab.id}
      data-mode={status?.mode ?? 'none'}
    >
      <h2 className="lighting-title num">{cab.id}</h2>
      <div className="lighting-sub">
        {wardName(cab.ward) ?? cab.ward} · {groupLabel(t, cab.group)}
      </div>
      <dl>
        <dt>{t('lighting.status')}</dt>
        <dd data-testid="cab-mode">
          <span className={`cab-mode mode-${status?.mode ?? 'none'}`}>
            {status ? modeLabel(t, status.mode, status.level) : t('lighting.mode.none')}
          </span>
          {status && (
            <>
              {' · '}
              <span className={`cab-link${status.online ? '' : ' offline'}`}>
                {status.online ? t('lighting.online') : t('lighting.offline')}
              </span>
            </>
          )}
        </dd>
        {status && (
          <>
            <dt>{t('lighting.level')}</dt>
            <dd className="num">{status.level}%</dd>
          </>
        )}
        <dt>{t('lighting.lamps')}</dt>
        <dd className="lighting-tally num">
          {t('lighting.total', { count: total })}
          {' · '}
          <span className="lamp-count on">
            {t('lighting.column.on')} {n(tally.on)}
          </span>
          {' · '}
          <span className="lamp-count dimmed">
            {t('lighting.column.dimmed')} {n(tally.dimmed)}
          </span>
          {' · '}
          <span className="lamp-count off">
            {t('lighting.column.off')} {n(tally.off)}
          </span>
          {' · '}
          <span className={`lamp-count fault${tally.fault > 0 ? ' some' : ''}`}>
            {t('faults.kind.lamp-failure')} {n(tally.fault)}
          </span>
        </dd>
        <dt>{t('faults.title')}</dt>
        <dd data-testid="cab-faults">
          <FaultList faults={faults} offline={status?.online === false} />
        </dd>
        {status && (
          <>
            <dt>{t('lighting.override')}</dt>
            <dd data-testid="cab-override">
              {status.override
                ? t('lighting.overrideUntil', {
                    until: formatCityTime(status.override.until, lang),
                    by: status.override.by,
                  })
                : t('lighting.overrideNone')}
            </dd>
          </>
        )}
        <dt>{t('lighting.nextChange')}</dt>
        <dd data-testid="cab-next" className="num" data-at={next?.at ?? ''}>
          {next
            ? t('lighting.nextAt', {
                at: formatCityTime(next.at, lang),
                setting: modeLabel(t, next.setting.mode, next.setting.level),
              })
            : schedule
              ? ''
              : t('lighting.noSchedule')}
        </dd>
      </dl>

      {readOnly ? (
        <p className="lighting-readonly" role="note" data-testid="cab-readonly">
          {t('lighting.readOnly')}
        </p>
      ) : (
        <>
          {!status && <p className="lighting-note">{t('lighting.noStatus')}</p>}
          <div className="lighting-actions" role="group" aria-label={t('lighting.controls')}>
            <button
              type="button"
              data-testid="cab-on"
              disabled={busy}
              onClick={() => void run({ cabinetId: cab.id, mode: 'on' })}
            >
              {t('lighting.on')}
            </button>
            <button
              type="button"
              data-testid="cab-off"
              disabled={busy}
              onClick={() => void run({ cabinetId: cab.id, mode: 'off' })}
            >
              {t('lighting.off')}
            </button>
            <button
              type="button"
              data-testid="cab-auto"
              disabled={busy}
              onClick={() => void run({ cabinetId: cab.id, mode: 'auto' })}
            >
              {t('lighting.auto')}
            </button>
          </div>
          <form
            className="lighting-dim"
            onSubmit={(e) => {
              e.preventDefault();
              if (dimLevel !== null) void run({ cabinetId: cab.id, mode: 'dim', level: dimLevel });
            }}
          >
            <label>
              {t('lighting.dimLevel')}
              <input
                type="number"
                data-testid="cab-level"
                min={0}
                max={100}
                step={1}
                value={level}
                aria-invalid={dimLevel === null}
                onChange={(e) => setLevel(e.target.value)}
              />
            </label>
            <button type="submit" data-testid="cab-dim" disabled={busy || dimLevel === null}>
              {t('lighting.dim')}
            </button>
          </form>
          <p className="lighting-hint">{t('lighting.hint')}</p>
          {busy && (
            <div className="lighting-result" role="status">
              {t('lighting.sending')}
            </div>
          )}
          {result && (
            <div
              className={`lighting-result ${result.ack.ok ? 'ok' : 'error'}`}
              role="status"
              data-testid="cab-result"
            >
              {lightsAnswerText(result.ack, t)}
            </div>
          )}
        </>
      )}
    </section>
  );
}

/**
 * The cabinet's faults by kind, only the kinds it has. Offline, its lamps are judged only by their own
 * failure reports (what it commands is unknown), and the list says so.
 */
function FaultList({ faults, offline }: { faults: Record<LampFaultKind, number>; offline: boolean }) {
  const { t, i18n } = useTranslation();
  const kinds = LAMP_FAULT_KINDS.filter((k) => faults[k] > 0);
  if (!offline && kinds.length === 0) return <span className="fault-none">{t('faults.none')}</span>;
  return (
    <ul className="fault-kinds">
      {offline && (
        <li className="fault-kind kind-cabinet-offline" data-kind="cabinet-offline">
          {t('faults.kind.cabinet-offline')} <span className="fault-note">{t('faults.offlineNote')}</span>
        </li>
      )}
      {kinds.map((k) => (
        <li key={k} className={`fault-kind kind-${k}`} data-kind={k} data-count={faults[k]}>
          {t(`faults.kind.${k}`)}{' '}
          <span className="num">{formatNumber(faults[k], i18n.language as Lang)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The dim level typed, as the command takes it (a whole number 0-100), or null if it is not one. */
function parseDimLevel(text: string): number | null {
  if (!/^\s*\d{1,3}\s*$/.test(text)) return null;
  const n = Number(text);
  return n <= 100 ? n : null;
}
