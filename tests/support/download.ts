import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * Runs `trigger` (a click that makes the page download a file) and returns the file's bytes, saved
 * to `saveAs` so that a failed run leaves it for a person to open.
 */
export async function captureDownload(
  page: Page,
  trigger: () => Promise<void>,
  saveAs: string,
): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), trigger()]);
  await download.saveAs(saveAs);
  return { name: download.suggestedFilename(), bytes: readFileSync(saveAs) };
}

/**
 * RFC 4180 records of a CSV text (no BOM): quoted fields may hold commas, quotes and line breaks.
 * Records end with CRLF; a lone LF inside an unquoted field is kept as text, so a file written with
 * bare LF line ends comes back as one record and fails the comparison instead of passing silently.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
