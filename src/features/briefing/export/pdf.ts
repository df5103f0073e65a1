import { jsPDF } from 'jspdf';
import type { Lang } from '../../../shared/i18n/i18n';
import { texts } from '../charts/theme';
import { base64 } from './base64';
import type { BriefingReport } from './report';

/** The report's font, as TTF bytes: jsPDF embeds it whole, so that Vietnamese reads back as text. */
export interface ReportFonts {
  regular: ArrayBuffer;
  semibold?: ArrayBuffer;
  bold: ArrayBuffer;
}

const FONT = 'BeVietnamPro';
// A4 landscape, in millimetres.
const PAGE_W = 297;
const PAGE_H = 210;
const MARGIN = 12;
const INK = '#0e1626';
const MUTED = '#55657e';
const BAD = '#c81e1e';
const OK = '#15803d';

const labels = (lang: Lang) => texts(lang).briefing.report;

/**
 * The briefing as a PDF to take away: A4 landscape; the city, the period and its dates, when it was
 * made; the charts, then the table of every indicator by domain, below-target rows marked in words
 * as well as red; a "simulated data" stamp on every page when any of it is; page numbers. Text is
 * text in the embedded Be Vietnam Pro, so that readers and search find "Tỷ lệ…" as written.
 */
export function briefingPdf(report: BriefingReport, fonts: ReportFonts): jsPDF {
  const l = labels(report.lang);
  const doc = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a4', compress: true });
  doc.addFileToVFS(`${FONT}-Regular.ttf`, base64(fonts.regular));
  doc.addFont(`${FONT}-Regular.ttf`, FONT, 'normal');
  doc.addFileToVFS(`${FONT}-Bold.ttf`, base64(fonts.bold));
  doc.addFont(`${FONT}-Bold.ttf`, FONT, 'bold');
  // Text goes in composed (NFC): a decomposed "ỷ" is two glyphs the font may not place together.
  const put = (text: string, x: number, y: number, opts?: { align?: 'right' }) =>
    doc.text(text.normalize('NFC'), x, y, opts);
  /** `text` cut with an ellipsis to `width` mm in the current font, whole when it fits. */
  const fit = (text: string, width: number) => {
    let t = text.normalize('NFC');
    if (doc.getTextWidth(t) <= width) return t;
    while (t.length > 1 && doc.getTextWidth(`${t}…`) > width) t = t.slice(0, -1);
    return `${t.trimEnd()}…`;
  };
  doc.setProperties({ title: `${l.title} · ${report.city} · ${report.period}`, creator: 'IOC Wall' });

  const header = () => {
    doc.setTextColor(INK);
    doc.setFont(FONT, 'bold');
    doc.setFontSize(16);
    put(`${report.city} · ${l.title}`, MARGIN, MARGIN + 4);
    doc.setFont(FONT, 'normal');
    doc.setFontSize(10);
    doc.setTextColor(MUTED);
    put(
      `${l.period}: ${report.period} (${report.dates}) · ${l.generated}: ${report.generatedAt}`,
      MARGIN,
      MARGIN + 10,
    );
    if (report.simulated) {
      doc.setDrawColor(BAD);
      doc.setTextColor(BAD);
      doc.setLineWidth(0.6);
      doc.setFont(FONT, 'bold');
      doc.setFontSize(11);
      const w = doc.getTextWidth(l.stamp) + 6;
      doc.rect(PAGE_W - MARGIN - w, MARGIN - 1, w, 8);
      put(l.stamp, PAGE_W - MARGIN - w + 3, MARGIN + 4.5);
    }
    doc.setDrawColor('#c9d3e0');
    doc.setLineWidth(0.3);
    doc.line(MARGIN, MARGIN + 13, PAGE_W - MARGIN, MARGIN + 13);
  };
  const top = MARGIN + 18;
  const bottom = PAGE_H - MARGIN - 6;

  // The charts, three to a row, each kept to its aspect within its cell.
  header();
  const cols = 3;
  const gap = 6;
  const cellW = (PAGE_W - 2 * MARGIN - (cols - 1) * gap) / cols;
  const rows = Math.max(1, Math.ceil(report.charts.length / cols));
  const cellH = (bottom - top - (rows - 1) * gap) / rows;
  report.charts.forEach((c, i) => {
    const x = MARGIN + (i % cols) * (cellW + gap);
    const y = top + Math.floor(i / cols) * (cellH + gap);
    doc.setFont(FONT, 'bold');
    doc.setFontSize(10);
    doc.setTextColor(INK);
    put(fit(c.title, cellW), x, y + 3);
    const boxH = cellH - 6;
    const scale = Math.min(cellW / c.width, boxH / c.height);
    const w = c.width * scale;
    const h = c.height * scale;
    doc.addImage(c.png, 'PNG', x + (cellW - w) / 2, y + 5, w, h, undefined, 'FAST');
  });

  // The table of indicators.
  doc.addPage();
  header();
  const colX = [MARGIN, MARGIN + 120, MARGIN + 160, MARGIN + 200, MARGIN + 235];
  const lineH = 5.6;
  let y = top;
  const tableHead = () => {
    doc.setFont(FONT, 'bold');
    doc.setFontSize(9.5);
    doc.setTextColor(MUTED);
    [l.indicator, l.value, l.target, l.change, l.verdict].forEach((h, i) => put(h, colX[i]!, y));
    y += lineH;
  };
  tableHead();
  for (const domain of report.domains) {
    if (y + lineH * 2 > bottom) {
      doc.addPage();
      header();
      y = top;
      tableHead();
    }
    doc.setFont(FONT, 'bold');
    doc.setFontSize(10);
    doc.setTextColor('#0369a1');
    put(domain.name, colX[0]!, y);
    y += lineH;
    for (const row of domain.rows) {
      if (y + lineH > bottom) {
        doc.addPage();
        header();
        y = top;
        tableHead();
      }
      const below = row.belowTarget === true;
      doc.setFont(FONT, 'normal');
      doc.setFontSize(9.5);
      doc.setTextColor(INK);
      put(fit(row.name, colX[1]! - colX[0]! - 6), colX[0]! + 3, y);
      doc.setFont(FONT, below ? 'bold' : 'normal');
      doc.setTextColor(below ? BAD : INK);
      put(row.value, colX[1]!, y);
      doc.setFont(FONT, 'normal');
      doc.setTextColor(INK);
      put(row.target, colX[2]!, y);
      put(row.change, colX[3]!, y);
      if (row.belowTarget !== null) {
        doc.setFont(FONT, 'bold');
        doc.setTextColor(below ? BAD : OK);
        put(below ? l.notMet : l.met, colX[4]!, y);
      }
      doc.setDrawColor('#e2e8f0');
      doc.line(MARGIN, y + 1.8, PAGE_W - MARGIN, y + 1.8);
      y += lineH;
    }
  }

  // Page numbers, once the count is known.
  const pages = doc.getNumberOfPages();
  for (let p = 1; p <= pages; p++) {
    doc.setPage(p);
    doc.setFont(FONT, 'normal');
    doc.setFontSize(8.5);
    doc.setTextColor(MUTED);
    const text = l.page.replace('{{n}}', String(p)).replace('{{of}}', String(pages));
    put(text, PAGE_W - MARGIN, PAGE_H - MARGIN + 2, { align: 'right' });
    put(`IOC Wall · ${report.city}`, MARGIN, PAGE_H - MARGIN + 2);
  }
  return doc;
}
