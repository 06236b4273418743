import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, openApp, type BrowserHarness } from './harness.ts';

const HEADER = 'Учебный год;Экзамен;Дисциплина;Ступень;Школа (код);Сдавали;Средний результат';
const file = (name: string, rows: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...rows].join('\n')) });

/** An unrecognised file: the mapping dialog imports it; the saved mapping imports the next one of its shape. */
describe('the column-mapping dialog in a real browser', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await openApp('#/data');
    await h.page.getByTestId('imports-table').waitFor({ timeout: 120_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('asks for the columns of an unknown file and imports it', async () => {
    const before = await h.page.getByTestId('imports-table').locator('tbody tr').count();
    await h.page.getByTestId('file-input').setInputFiles(file('svodka-2024.csv', ['2024;ОГЭ;Математика;9;990101;40;15,5']));
    const dialog = h.page.getByTestId('mapping-dialog');
    await dialog.waitFor({ timeout: 60_000 });
    await dialog.getByTestId('mapping-layout').selectOption('canonical-school-results');
    const map: Record<string, string> = { year: '0', procedure: '1', subject: '2', grade: '3', school_id: '4', participants: '5', mean_score: '6' };
    for (const [field, col] of Object.entries(map)) await dialog.getByTestId(`mapping-field-${field}`).selectOption(col);
    await dialog.getByRole('button', { name: 'Импортировать' }).click();
    await expect.poll(() => h.page.getByTestId('imports-table').locator('tbody tr').count(), { timeout: 60_000 }).toBe(before + 1);
  });

  it('applies the remembered mapping to the next file of that shape without asking', async () => {
    const before = await h.page.getByTestId('imports-table').locator('tbody tr').count();
    await h.page.getByTestId('file-input').setInputFiles(file('svodka-2025.csv', ['2025;ОГЭ;Математика;9;990101;38;16,0']));
    await expect.poll(() => h.page.getByTestId('imports-table').locator('tbody tr').count(), { timeout: 60_000 }).toBe(before + 1);
    expect(await h.page.getByTestId('mapping-dialog').count()).toBe(0);
  });

  it('made zero requests to other origins and logged no errors', () => {
    expect(foreignRequests(h)).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
