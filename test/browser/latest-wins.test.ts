/**
 * Latest wins, in a real browser on the sample municipality: a fast run of filter changes on
 * «Обзор» never shows figures under filters they were not computed for. Every state of the
 * overview table is recorded as the page shows it (its caption names the filters; each row's
 * participants); each must be what overviewSql gives for the subject its caption names, and the
 * last one is the last subject chosen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overviewSql } from '../../src/core/sql/queries.ts';
import { openApp, sqlFirstRow, type BrowserHarness } from './harness.ts';

interface Seen {
  caption: string;
  rows: string[];
}

describe('a fast run of filter changes shows only the latest figures', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await openApp('#/');
    await h.page.getByTestId('overview-table').waitFor({ timeout: 180_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('every state of the overview table matches SQL for the filters it names; the last is the last chosen', { timeout: 300_000 }, async () => {
    const subjects = (await h.page.getByTestId('filter-subject').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter(Boolean);
    expect(subjects.length).toBeGreaterThan(3);
    await h.page.evaluate(() => {
      const seen: Array<{ caption: string; rows: string[]; key: string }> = [];
      (window as unknown as { __seen: typeof seen }).__seen = seen;
      const record = () => {
        const table = document.querySelector('[data-testid="overview-table"]');
        if (!table) return;
        const caption = table.querySelector('caption')?.textContent ?? '';
        const rows = [...table.querySelectorAll('tbody tr')].map(
          (tr) => `${tr.getAttribute('data-testid')}=${(tr.querySelector('[data-testid="participants"]')?.textContent ?? '').replace(/\s/g, '')}`,
        );
        const key = `${caption}\n${rows.join('|')}`;
        if (seen.at(-1)?.key !== key) seen.push({ caption, rows, key });
      };
      new MutationObserver(record).observe(document.querySelector('main')!, { subtree: true, childList: true, characterData: true });
    });
    // Each choice is made as soon as the previous one is, without waiting for any figures.
    const run = [...subjects, ...[...subjects].reverse(), subjects[1]!];
    for (const s of run) await h.page.getByTestId('filter-subject').selectOption(s);
    const last = run.at(-1)!;
    // The longest subject named in a caption is its filter («Математика» is also in «Математика профильная»).
    const subjectOf = (caption: string) => [...subjects].sort((a, b) => b.length - a.length).find((s) => caption.includes(s));
    await expect
      .poll(async () => {
        const seen = await h.page.evaluate(() => (window as unknown as { __seen: Seen[] }).__seen);
        return seen.length > 0 && subjectOf(seen.at(-1)!.caption) === last;
      }, { timeout: 60_000 })
      .toBe(true);
    await h.page.waitForTimeout(1000);
    const seen = await h.page.evaluate(() => (window as unknown as { __seen: Seen[] }).__seen);
    expect(subjectOf(seen.at(-1)!.caption)).toBe(last);
    expect(new Set(seen.map((s) => subjectOf(s.caption))).size).toBeGreaterThan(1);

    // What SQL gives for each subject, in the shape the table is recorded in.
    const expected = new Map<string, string[]>();
    for (const subject of new Set(seen.map((s) => subjectOf(s.caption)!))) {
      const [rows] = await sqlFirstRow(
        h.page,
        h.origin,
        `SELECT string_agg('overview-row-' || procedure || '-' || year || '=' || participants, '|' ORDER BY n) FROM (SELECT *, row_number() OVER () AS n FROM (${overviewSql({ subject })}))`,
      );
      expected.set(subject, (rows ?? '').split('|'));
    }
    for (const s of seen) {
      const subject = subjectOf(s.caption)!;
      expect(s.rows, `the table as shown under «${subject}»`).toEqual(expected.get(subject));
    }
  });
});
