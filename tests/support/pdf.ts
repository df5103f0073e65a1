import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A PDF read back as a reader sees it: each page's text, and the first page's size in points. */
export async function pdfText(bytes: ArrayBuffer | Uint8Array): Promise<{ pages: string[]; size: number[] }> {
  const pdf = await getDocument({ data: new Uint8Array(bytes) }).promise;
  const pages: string[] = [];
  let size: number[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    if (i === 1) size = [page.view[2]!, page.view[3]!];
    const content = await page.getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  return { pages, size };
}
