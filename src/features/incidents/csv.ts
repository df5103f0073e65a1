/**
 * CSV for Excel users in Vietnam: UTF-8 with a byte-order mark (without it Excel reads the file as the
 * local code page and mangles "Phường Phú Hội"), CRLF line ends, RFC 4180 quoting.
 */
export const CSV_BOM = '\uFEFF';

/**
 * One cell. Quotes when needed, and defuses spreadsheet formulas: a citizen's text that starts with
 * = + - @ would otherwise run as a formula when the operator opens the file.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}
