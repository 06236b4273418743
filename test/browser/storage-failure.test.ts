import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, openApp, type BrowserHarness } from './harness.ts';

/** A failed write to browser storage (e.g. the disk is full) is reported, and the data in the tab stays usable. */
describe('when saving to browser storage fails', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await openApp('#/data', () => {
      FileSystemFileHandle.prototype.createWritable = () => Promise.reject(new DOMException('Недостаточно места на диске', 'QuotaExceededError'));
    });
    await h.page.getByTestId('imports-table').waitFor({ timeout: 120_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('says so, and the import is still there to work with', async () => {
    const before = await h.page.getByTestId('imports-table').locator('tbody tr').count();
    await h.page.getByTestId('file-input').setInputFiles({
      name: 'schools-extra.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('school_id,login,name,municipality,region\n990999,sch990999,МБОУ «Новая школа»,Городской округ «Приозёрский»,Условная область\n'),
    });
    await expect.poll(() => h.page.getByTestId('imports-table').locator('tbody tr').count(), { timeout: 60_000 }).toBe(before + 1);
    const banner = h.page.getByRole('status').filter({ hasText: 'Не удалось сохранить данные в браузере' });
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.innerText()).toContain('Недостаточно места на диске');
    await h.page.goto(`${h.origin}/#/schools`);
    await expect.poll(() => h.page.getByTestId('schools-table').locator('tbody tr').count(), { timeout: 60_000 }).toBe(26);
  });

  it('made zero requests to other origins', () => {
    expect(foreignRequests(h)).toEqual([]);
  });
});
