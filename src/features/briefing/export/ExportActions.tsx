import { useState } from 'react';
import { formatCityDay, formatCityTime } from '../../../shared/format';
import { chartPng } from '../../../shared/ui/EChart';
import { texts, WALL_COLORS } from '../charts/theme';
import type { KpiFigure } from '../figures';
import { formatRange } from '../format';
import type { BriefingPeriod, TimeRange } from '../periods';
import { reportDomains, reportFileName, type BriefingReport, type ReportChart } from './report';
import type { Lang } from '../../../shared/i18n/i18n';

/** What the export takes of the page: the page itself, and the figures it shows. */
export interface BriefingView {
  page: HTMLElement | null;
  lang: Lang;
  period: BriefingPeriod;
  range: TimeRange;
  now: number;
  figures: ReadonlyMap<string, KpiFigure>;
  simulated: boolean;
}

/** Saves a blob as a file the way a browser downloads one. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken the URL by the next task; a minute is ample for a slow disk.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A part of the page as a PNG, as the screen shows it: dark background, canvases included (the
 * charts are canvases), at the screen's pixel ratio. Elements marked `data-export="skip"` (the
 * export buttons themselves) are left out.
 */
export async function elementPng(el: HTMLElement): Promise<Blob> {
  const [{ domToBlob }, { pictureFontCss }] = await Promise.all([
    import('modern-screenshot'),
    import('./fonts'),
  ]);
  const cssText = await pictureFontCss();
  return domToBlob(el, {
    backgroundColor: WALL_COLORS.bg,
    scale: window.devicePixelRatio || 1,
    filter: (node) => !(node instanceof HTMLElement && node.dataset.export === 'skip'),
    font: { cssText },
    // A clone keeps attributes, not what a select has chosen: the picture would show its first option.
    onCloneNode: (cloned) => {
      if (!(cloned instanceof Element)) return;
      const chosen = [...el.querySelectorAll('select')].map((s) => s.selectedIndex);
      cloned.querySelectorAll('select').forEach((s, i) => {
        const option = s.options[chosen[i] ?? -1];
        option?.setAttribute('selected', '');
      });
    },
  });
}

/** ISO-like city day for a file name: 2026-11-23. */
const cityDayOf = (t: number) => {
  const [d, m, y] = formatCityDay(t, 'en').split('/');
  return `${y}-${m}-${d}`;
};

/** The charts the page shows, each with its panel's title, as pictures for the report. */
function chartsOf(page: HTMLElement): ReportChart[] {
  const out: ReportChart[] = [];
  for (const panel of page.querySelectorAll<HTMLElement>('.b-charts [data-panel]')) {
    const chart = panel.querySelector<HTMLElement>('[data-testid^="chart-"]');
    const png = chartPng(chart, WALL_COLORS.panel);
    if (!chart || !png) continue;
    const box = chart.getBoundingClientRect();
    out.push({
      title: panel.querySelector('h2')?.textContent ?? '',
      png,
      width: box.width,
      height: box.height,
    });
  }
  return out;
}

export function reportOf(view: BriefingView, city: string): BriefingReport {
  const t = texts(view.lang).briefing;
  return {
    lang: view.lang,
    city,
    period: t.period[view.period],
    dates: formatRange(view.range, view.lang),
    generatedAt: `${formatCityDay(view.now, view.lang)} ${formatCityTime(view.now, view.lang)}`,
    simulated: view.simulated,
    domains: reportDomains(view.figures, view.lang),
    charts: view.page ? chartsOf(view.page) : [],
  };
}

/**
 * The briefing's export buttons: the whole view as a PNG, and the period's report as a PDF (A4
 * landscape, in the page's language). jsPDF, the fonts and modern-screenshot load on the first
 * click: the briefing itself never waits for them.
 */
export function ExportActions({ view, city }: { view: BriefingView; city: string }) {
  const t = texts(view.lang).briefing;
  const [busy, setBusy] = useState<'png' | 'pdf' | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const day = cityDayOf(view.now);

  const run = async (kind: 'png' | 'pdf') => {
    if (busy || !view.page) return;
    setBusy(kind);
    setFailed(null);
    try {
      if (kind === 'png') {
        downloadBlob(await elementPng(view.page), reportFileName(view.lang, view.period, day, 'png'));
      } else {
        const [{ briefingPdf }, { loadReportFonts }] = await Promise.all([
          import('./pdf'),
          import('./fonts'),
        ]);
        const doc = briefingPdf(reportOf(view, city), await loadReportFonts());
        downloadBlob(doc.output('blob'), reportFileName(view.lang, view.period, day, 'pdf'));
      }
    } catch (err) {
      setFailed((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <span className="b-export" data-export="skip">
      <button
        type="button"
        className="b-action"
        data-testid="briefing-export-png"
        disabled={busy !== null}
        onClick={() => void run('png')}
      >
        {busy === 'png' ? t.exporting : t.exportPng}
      </button>
      <button
        type="button"
        className="b-action"
        data-testid="briefing-export-pdf"
        disabled={busy !== null}
        onClick={() => void run('pdf')}
      >
        {busy === 'pdf' ? t.exporting : t.exportPdf}
      </button>
      {failed && (
        <span className="bad" role="alert">
          {t.exportFailed.replace('{{reason}}', failed)}
        </span>
      )}
    </span>
  );
}

/** One panel's picture, from the small button in its head. */
export function PanelPng({
  panelId,
  lang,
  period,
  now,
}: {
  panelId: string;
  lang: Lang;
  period: BriefingPeriod;
  now: number;
}) {
  const t = texts(lang).briefing;
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="b-icon"
      data-export="skip"
      data-testid={`panel-png-${panelId}`}
      title={t.exportPanel}
      aria-label={t.exportPanel}
      disabled={busy}
      onClick={(e) => {
        const panel = (e.currentTarget as HTMLElement).closest<HTMLElement>('[data-panel]');
        if (!panel) return;
        setBusy(true);
        elementPng(panel)
          .then((blob) => downloadBlob(blob, reportFileName(lang, period, cityDayOf(now), 'png', panelId)))
          .catch((err: unknown) => console.warn('[briefing] panel export failed:', err))
          .finally(() => setBusy(false));
      }}
    >
      ⤓
    </button>
  );
}
