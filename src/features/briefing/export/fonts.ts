import boldUrl from '@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf?url';
import regularUrl from '@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf?url';
import semiboldUrl from '@expo-google-fonts/be-vietnam-pro/600SemiBold/BeVietnamPro_600SemiBold.ttf?url';
import { base64 } from './base64';
import type { ReportFonts } from './pdf';

// The report's fonts ship with the app (bundled by Vite from the OFL-licensed TTFs) and are fetched
// from the app's own origin when a report is made: never from the internet.
let fonts: Promise<ReportFonts> | null = null;

async function bytes(url: string): Promise<ArrayBuffer> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

export function loadReportFonts(): Promise<ReportFonts> {
  fonts ??= Promise.all([bytes(regularUrl), bytes(semiboldUrl), bytes(boldUrl)]).then(
    ([regular, semibold, bold]) => ({ regular, semibold, bold }),
    (err: unknown) => {
      fonts = null;
      throw err;
    },
  );
  return fonts;
}

/**
 * The page's font as @font-face rules with the fonts inline, for a picture of the page: handed to
 * modern-screenshot, which would otherwise gather the page's font rules itself through a scratch
 * <style> that the page's Content-Security-Policy refuses (and then never finish).
 */
export async function pictureFontCss(): Promise<string> {
  const f = await loadReportFonts();
  const face = (weight: number, bytes: ArrayBuffer) =>
    `@font-face{font-family:'Be Vietnam Pro';font-style:normal;font-weight:${weight};src:url(data:font/ttf;base64,${base64(bytes)}) format('truetype')}`;
  return [face(400, f.regular), ...(f.semibold ? [face(600, f.semibold)] : []), face(700, f.bold)].join('\n');
}
