import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL, ROOT } from '../helpers.ts';
import { foreignRequests, openApp, type BrowserHarness } from './harness.ts';

const SHOTS = path.join(ROOT, 'artifacts', 'screenshots');
const XLSX = path.join(REAL, 'altai-vpr-2021', 'Проведение работы по математике, 4 класс. ВПР 2021.xlsx');

/** «Данные»: a real xlsx through the real file input, kept across a reload, removable; bad files explained. */
describe('the data page in a real browser', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await openApp('#/data');
    await h.page.getByTestId('imports-table').waitFor({ timeout: 120_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists the sample imports', async () => {
    await expect.poll(() => h.page.getByTestId('imports-table').locator('tbody tr').count()).toBe(27);
  });

  it('explains a bad file in Russian and changes nothing', async () => {
    await h.page.getByTestId('file-input').setInputFiles({
      name: 'плохой.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('year,procedure,subject,grade,school_id,class,student_code,variant,primary_score,max_score,mark,journal_mark,test_score,absent\n2025,ВПР,Математика,4,990101,4а,z1,1,99,20,5,5,,0\n'),
    });
    const failed = h.page.getByTestId('import-results').locator('li.failed').first();
    await failed.waitFor({ timeout: 60_000 });
    expect(await failed.innerText()).toContain('«плохой.csv», строка 2, столбец «первичный балл»: значение «99»');
    expect(await h.page.getByTestId('imports-table').locator('tbody tr').count()).toBe(27);
  });

  it('deletes all data on request', async () => {
    h.page.once('dialog', (d) => void d.accept());
    await h.page.getByRole('button', { name: 'Удалить все данные' }).click();
    await h.page.getByText('Все данные удалены.').waitFor({ timeout: 60_000 });
    expect(await h.page.getByTestId('imports-table').count()).toBe(0);
  });

  it('imports the real ФИС ОКО xlsx through the file input', async () => {
    await h.page.getByTestId('file-input').setInputFiles(XLSX);
    const result = h.page.getByTestId('import-results').locator('li.ok').first();
    await result.waitFor({ timeout: 120_000 });
    expect(await result.innerText()).toContain('ФИС ОКО: результаты ВПР по обучающимся (выгрузка 2021), строк: 26666');
    await expect.poll(() => h.page.getByTestId('imports-table').locator('tbody tr').count()).toBe(1);
    await h.page.screenshot({ path: path.join(SHOTS, 'data-after-xlsx.png'), fullPage: true });
  });

  it('keeps the data across a reload (saved in the browser), and the overview shows it', async () => {
    // The import is saved in the background; the banner says so until it is done.
    await h.page.waitForFunction(() => document.documentElement.dataset.saving === 'no', null, { timeout: 120_000 });
    await h.page.reload();
    await h.page.getByTestId('imports-table').waitFor({ timeout: 120_000 });
    await expect.poll(() => h.page.getByTestId('imports-table').locator('tbody tr').count()).toBe(1);
    expect(await h.page.getByTestId('loaded-table').innerText()).toMatch(/ВПР\s+2021\s+Математика\s+4\s+635\s+24\u202f933/);
    await h.page.goto(`${h.origin}/#/`);
    const row = h.page.getByTestId('overview-row-ВПР-2021');
    await row.waitFor({ timeout: 60_000 });
    expect(await row.getByTestId('participants').innerText()).toBe('24\u202f933');
    await h.page.goto(`${h.origin}/#/data`);
    await h.page.getByTestId('imports-table').waitFor({ timeout: 60_000 });
  });

  it('asks for year, subject and grade when a file does not say them', async () => {
    await h.page.getByTestId('file-input').setInputFiles({
      name: 'выгрузка.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('логин школы;регион;номер обучающегося;код обучающегося;отметка за предыдущую четверть/триместр;пол;класс;вариант;всего баллов\nsch220206;р-н;1;40001;5;ж;НЕТ;1;20\n'),
    });
    const form = h.page.getByTestId('context-form');
    await form.waitFor({ timeout: 60_000 });
    await form.getByLabel('Год').fill('2020');
    await form.getByLabel('Предмет').selectOption('Математика');
    await form.getByLabel('Класс').fill('4');
    await form.getByRole('button', { name: 'Импортировать' }).click();
    await expect.poll(() => h.page.getByTestId('imports-table').locator('tbody tr').count(), { timeout: 60_000 }).toBe(2);
  });

  it('removes an import with all its rows', async () => {
    h.page.once('dialog', (d) => void d.accept());
    await h.page.getByRole('button', { name: 'Удалить импорт «выгрузка.csv»' }).click();
    await expect.poll(() => h.page.getByTestId('imports-table').locator('tbody tr').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => h.page.getByTestId('loaded-table').innerText(), { timeout: 30_000 }).not.toMatch(/2020/);
  });

  it('made zero requests to other origins and logged no errors', () => {
    expect(foreignRequests(h)).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
