import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTION_IDS, SECTION_TITLES } from '../../src/core/report/report-model.ts';
import { ROOT } from '../helpers.ts';
import { foreignRequests, openApp, type BrowserHarness } from './harness.ts';

const SHOTS = path.join(ROOT, 'artifacts', 'screenshots');

/**
 * «Аналитическая справка» at #/report (the route is wired in App.tsx/route.ts by the lead): preview,
 * DOCX download with headings, tables and chart images, print stylesheet, no foreign requests.
 */
describe('the analytical report in a real browser', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await openApp('#/report?year=2025');
    await h.page.getByTestId('report-preview').waitFor({ timeout: 180_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('previews every section with the sample figures', async () => {
    const preview = h.page.getByTestId('report-preview');
    for (const id of SECTION_IDS) await expect.poll(() => preview.getByTestId(`report-section-${id}`).locator('h2').innerText()).toContain(SECTION_TITLES[id]);
    const text = (await preview.innerText()).replace(/\u202f/g, ' ');
    expect(text).toContain('В 2025 году ВПР писали 11 713 участников из 25 школ');
    expect(text).toContain('МБОУ «СОШ № 5» (990105)');
    expect(text).toContain('у 2 ШНОР из 5 (40,0 %; цель — 100 %)');
    await preview.locator('.chart svg').first().waitFor({ timeout: 60_000 });
    await h.page.screenshot({ path: path.join(SHOTS, 'report.png'), fullPage: true });
  });

  it('downloads a DOCX with the section headings, tables and PNG charts', async () => {
    const [docx] = await Promise.all([h.page.waitForEvent('download', { timeout: 120_000 }), h.page.getByTestId('report-docx').click()]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    const zip = XLSX.CFB.read(readFileSync((await docx.path())!), { type: 'buffer' });
    const paths = zip.FullPaths.map((p: string) => p.replace(/^Root Entry\//, ''));
    const file = (name: string) => Buffer.from(zip.FileIndex[paths.indexOf(name)]!.content as Uint8Array);
    const doc = file('word/document.xml').toString('utf8');
    for (const id of SECTION_IDS) expect(doc).toContain(SECTION_TITLES[id]);
    expect(doc).toContain('<w:tbl>');
    const images = paths.filter((p: string) => /^word\/media\/.+\.png$/.test(p));
    expect(images.length).toBeGreaterThan(0);
    expect([...file(images[0]!).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('prints to A4 PDF with the report only', async () => {
    await h.page.emulateMedia({ media: 'print' });
    expect(await h.page.locator('.report-form').isVisible()).toBe(false);
    expect(await h.page.getByTestId('report-preview').isVisible()).toBe(true);
    const pdf = await h.page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await h.page.emulateMedia({ media: 'screen' });
  });

  it('made zero requests to other origins and logged no errors', () => {
    expect(foreignRequests(h)).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
