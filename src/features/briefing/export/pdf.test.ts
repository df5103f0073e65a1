import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../../tests/support/pdf';
import type { KpiFigure } from '../figures';
import { briefingPdf, type ReportFonts } from './pdf';
import { reportDomains, reportFileName, type BriefingReport } from './report';

const require = createRequire(import.meta.url);
const ttf = (weight: string) => {
  const b = readFileSync(
    require.resolve(`@expo-google-fonts/be-vietnam-pro/${weight}/BeVietnamPro_${weight}.ttf`),
  );
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const FONTS: ReportFonts = { regular: ttf('400Regular'), bold: ttf('700Bold') };

/** A real PNG to stand for a chart's picture (the font package's specimen), so the test needs no canvas. */
const PNG = `data:image/png;base64,${readFileSync(
  require.resolve('@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf.png'),
).toString('base64')}`;

const figure = (value: number | null, target: number, below: boolean | null): KpiFigure => ({
  value,
  target,
  previous: value === null ? null : value - 1,
  change: value === null ? null : { absolute: 1, relative: 0.02, better: true },
  belowTarget: below,
});

function report(lang: 'vi' | 'en', simulated: boolean): BriefingReport {
  const figures = new Map<string, KpiFigure>([
    ['cashless-rate', figure(66.8, 70, true)],
    ['online-services-rate', figure(96.5, 95, false)],
    ['tourist-arrivals', figure(null, 340_000, null)],
  ]);
  return {
    lang,
    city: lang === 'vi' ? 'Thành phố Huế' : 'Huế City',
    period: lang === 'vi' ? 'Tháng này' : 'This month',
    dates: '01/11/2026 – 23/11/2026',
    generatedAt: '23/11/2026 17:48',
    simulated,
    domains: reportDomains(figures, lang),
    charts: Array.from({ length: 6 }, (_, i) => ({
      title: `Biểu đồ ${i + 1}`,
      png: PNG,
      width: 400,
      height: 300,
    })),
  };
}

describe('the briefing PDF', () => {
  it('is A4 landscape and reads back the city, the period and Vietnamese indicator names as text', async () => {
    const { pages, size } = await pdfText(briefingPdf(report('vi', true), FONTS).output('arraybuffer'));
    expect(size[0]).toBeCloseTo(841.89, 1);
    expect(size[1]).toBeCloseTo(595.28, 1);
    const all = pages.join('\n');
    expect(all).toContain('Thành phố Huế · Báo cáo điều hành');
    expect(all).toContain('Kỳ báo cáo: Tháng này (01/11/2026 – 23/11/2026)');
    expect(all).toContain('Thanh toán không dùng tiền mặt');
    expect(all).toContain('Dịch vụ công trực tuyến mức độ 3, 4');
    expect(all).toContain('Chưa đạt');
    expect(all).toContain('Chưa có số liệu');
    // the stamp on every page, and each page numbered
    for (const [i, p] of pages.entries()) {
      expect(p).toContain('DỮ LIỆU MÔ PHỎNG');
      expect(p).toContain(`Trang ${i + 1}/${pages.length}`);
    }
  });

  it('has no stamp when nothing is simulated, and is all English in English', async () => {
    const { pages } = await pdfText(briefingPdf(report('en', false), FONTS).output('arraybuffer'));
    const all = pages.join('\n');
    expect(all).not.toContain('SIMULATED DATA');
    expect(all).not.toContain('MÔ PHỎNG');
    expect(all).toContain('Huế City · Leaders’ briefing');
    expect(all).toContain('Cashless payments');
    expect(all).toContain('Not met');
    expect(all).toContain(`Page 1 of ${pages.length}`);
  });
});

describe('the briefing PDF, what it is given', () => {
  it('reads a decomposed Vietnamese name back composed, and cuts an overlong one with an ellipsis', async () => {
    const r = report('vi', false);
    const name = 'Tỷ lệ thanh toán không dùng tiền mặt';
    r.domains[0]!.rows[0]!.name = name.normalize('NFD');
    r.domains[1]!.rows[0]!.name = `Chỉ tiêu có tên rất dài ${'và dài '.repeat(20)}`;
    const { pages } = await pdfText(briefingPdf(r, FONTS).output('arraybuffer'));
    const all = pages.join('\n');
    expect(all).toContain(name);
    const long = `Chỉ tiêu có tên rất dài ${'và dài '.repeat(20)}`;
    expect(all).toMatch(/Chỉ tiêu có tên rất dài (và dài )+[^…]*…/);
    expect(all).not.toContain(long.trim());
  });
});

describe('report file names', () => {
  it('are plain ASCII, from the period and the city day', () => {
    expect(reportFileName('vi', 'month', '2026-11-23', 'pdf')).toBe('bao-cao-hue-month-2026-11-23.pdf');
    expect(reportFileName('en', 'quarter', '2026-11-23', 'png', 'Đồ thị phường')).toBe(
      'do-thi-phuong-hue-quarter-2026-11-23.png',
    );
  });
});
