import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCityNow } from '../../app/useCityNow';
import { DEPARTMENTS } from '../../shared/city/profile';
import { formatCityDate, formatCityTime } from '../../shared/format';
import type { Lang } from '../../shared/i18n/i18n';
import type { CommandAck, Incident, IncidentCommandType } from '../../shared/protocol/events';
import { canApply } from '../../shared/protocol/incident';
import type { CommandData } from '../../app/connection';
import type { CommandAnswer } from '../../shared/ui/console/useCommandRunner';
import { incidentAnswerText } from './commandErrors';
import { categoryOf } from './filters';
import { IncidentFacts, IncidentTimeline } from '../../shared/ui/IncidentFacts';
import { MiniMap } from './MiniMap';
import { formatRemaining, slaClock, slaDeadline } from './sla';

export type PanelMode = 'idle' | 'assign' | 'resolve' | 'reject';

/**
 * Sends an incident command through the console's runner (one at a time, the answer kept for the
 * incident's panel); null if another was still in flight.
 */
export type IncidentCommand = <T extends IncidentCommandType>(
  type: T,
  data: CommandData<T>,
) => Promise<CommandAck | null>;

interface Props {
  incident: Incident;
  command: IncidentCommand;
  /** a command is in flight */
  busy: boolean;
  /** the runner's last answer, shown if it was about this incident */
  result: CommandAnswer | null;
  mode: PanelMode;
  onMode: (m: PanelMode) => void;
  /** a leader's or visitor's page: the facts and timeline, no commands */
  readOnly?: boolean;
}

/** The detail of one incident (keyed by id: its local state starts afresh for another), its SLA clock, its timeline, and the commands that can move it on. */
export function IncidentPanel({
  incident: inc,
  command,
  busy,
  result,
  mode,
  onMode,
  readOnly = false,
}: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const now = useCityNow(1000);
  const answer = result?.about === inc.id ? result.ack : null;
  const [text, setText] = useState('');
  const textRef = useRef<HTMLTextAreaElement>(null);
  const clock = now === null ? null : slaClock(inc, now);

  useEffect(() => {
    if (mode === 'resolve' || mode === 'reject') textRef.current?.focus();
  }, [mode]);

  async function run<T extends IncidentCommandType>(type: T, data: CommandData<T>) {
    const ack = await command(type, data);
    if (ack?.ok) {
      onMode('idle');
      setText('');
    }
  }

  const when = (iso: string) =>
    `${formatCityTime(Date.parse(iso), lang)} ${formatCityDate(Date.parse(iso), lang)}`;
  const can = (type: IncidentCommandType) => canApply(type, inc) && !busy;

  return (
    <section
      className="console-panel"
      data-testid="console-detail"
      data-incident-id={inc.id}
      data-status={inc.status}
    >
      <div className="detail-tags">
        <span className={`sev-pill sev-bg-${inc.severity}`}>{t(`severity.${inc.severity}`)}</span>
        <span>{t(`category.${categoryOf(inc)}`)}</span>
        <span className={`status status-${inc.status}`} data-testid="console-status">
          · {t(`status.${inc.status}`)}
        </span>
      </div>
      <h2 className="console-title">{inc.title}</h2>
      <div className={`sla-clock ${clock?.overdue ? 'overdue' : ''}`} data-testid="sla-clock">
        {clock
          ? `${clock.overdue ? t('sla.overdue') : t('sla.remaining')}: ${formatRemaining(clock.remainingMs)}`
          : `${t('sla.deadline')}: ${when(new Date(slaDeadline(inc)).toISOString())}`}
      </div>
      {inc.description && <p className="detail-description">{inc.description}</p>}
      <div className="console-panel-grid">
        <IncidentFacts inc={inc} />
        <MiniMap
          lon={inc.location.lon}
          lat={inc.location.lat}
          ward={inc.ward}
          color={`var(--sev-${inc.severity})`}
        />
      </div>

      {readOnly ? (
        <p className="console-readonly" role="note" data-testid="console-readonly">
          {t('session.readOnly')}
        </p>
      ) : (
        <>
          <div className="console-actions" role="group" aria-label={t('console.actions')}>
            <button
              type="button"
              data-testid="cmd-acknowledge"
              disabled={!can('incident.acknowledge')}
              onClick={() => void run('incident.acknowledge', { incidentId: inc.id })}
            >
              <kbd>A</kbd> {t('console.acknowledge')}
            </button>
            <button
              type="button"
              data-testid="cmd-assign"
              disabled={!can('incident.assign')}
              onClick={() => onMode(mode === 'assign' ? 'idle' : 'assign')}
            >
              <kbd>G</kbd> {t('console.assign')}
            </button>
            <button
              type="button"
              data-testid="cmd-start"
              disabled={!can('incident.start')}
              onClick={() => void run('incident.start', { incidentId: inc.id })}
            >
              <kbd>S</kbd> {t('console.start')}
            </button>
            <button
              type="button"
              data-testid="cmd-resolve"
              disabled={!can('incident.resolve')}
              onClick={() => onMode('resolve')}
            >
              <kbd>R</kbd> {t('console.resolve')}
            </button>
            <button
              type="button"
              data-testid="cmd-reject"
              disabled={!can('incident.reject')}
              onClick={() => onMode('reject')}
            >
              <kbd>X</kbd> {t('console.reject')}
            </button>
          </div>

          {mode === 'assign' && can('incident.assign') && (
            <div className="console-actions" role="group" aria-label={t('console.assign')}>
              {DEPARTMENTS.map((d, i) => (
                <button
                  key={d}
                  type="button"
                  data-testid={`assign-${d}`}
                  onClick={() => void run('incident.assign', { incidentId: inc.id, department: d })}
                >
                  <kbd>{i + 1}</kbd> {t(`department.${d}`)}
                </button>
              ))}
            </div>
          )}
          {(mode === 'resolve' || mode === 'reject') && (
            <form
              className="console-note"
              onSubmit={(e) => {
                e.preventDefault();
                if (!text.trim()) return;
                if (mode === 'resolve') void run('incident.resolve', { incidentId: inc.id, note: text });
                else void run('incident.reject', { incidentId: inc.id, reason: text });
              }}
            >
              <textarea
                ref={textRef}
                data-testid="command-note"
                value={text}
                maxLength={4000}
                placeholder={mode === 'resolve' ? t('console.resolveNote') : t('console.rejectReason')}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
                  if (e.key === 'Escape') onMode('idle');
                }}
              />
              <button type="submit" data-testid="command-submit" disabled={busy || !text.trim()}>
                {mode === 'resolve' ? t('console.resolve') : t('console.reject')} <kbd>Ctrl+Enter</kbd>
              </button>
            </form>
          )}
          {answer && (
            <div
              className={answer.ok ? 'console-result ok' : 'console-result error'}
              role="status"
              data-testid="command-result"
            >
              {incidentAnswerText(answer, t)}
            </div>
          )}
        </>
      )}

      <IncidentTimeline inc={inc} testId="console-timeline" />
    </section>
  );
}
