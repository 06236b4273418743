import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, conclusions, flaggedSchools, type ReportFigures } from '../../src/core/report/build-report.ts';
import { SECTION_IDS, type Report, type ReportOptions } from '../../src/core/report/report-model.ts';
import { formatNumber, formatPct } from '../../src/core/format.ts';
import type { Engine } from '../../src/db/engine.ts';
import { loadFigures } from '../../src/ui/report/load-figures.ts';
import { freshEngine, importSample } from '../helpers.ts';

const OPTIONS: ReportOptions = { year: 2025, baseYear: 2024, shnorOnly: false, sections: SECTION_IDS };
const PROV = { sources: 'sample-data', madeAt: '01.12.2025', version: 'test' };
const plain = (s: string) => s.replace(/\u202f/g, ' ');
const allText = (r: Report) => plain(JSON.stringify(r));

describe('the analytical report on the sample municipality', () => {
  let engine: Engine;
  let f: ReportFigures;
  let report: Report;
  beforeAll(async () => {
    engine = await freshEngine();
    await importSample(engine);
    await engine.exec(`INSERT OR REPLACE INTO monitoring_settings VALUES ('today', '2025-12-15')`);
    f = await loadFigures(engine, OPTIONS);
    report = buildReport(f, PROV);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('participants and quality equal direct SQL over school_results', async () => {
    const direct = await engine.query<{ procedure: string; participants: number; marked: number; quality: number; schools: number }>(
      `SELECT procedure, sum(participants)::INTEGER AS participants, sum(n2 + n3 + n4 + n5)::INTEGER AS marked,
         100.0 * sum(n4 + n5) / sum(n2 + n3 + n4 + n5) AS quality, count(DISTINCT school_id)::INTEGER AS schools
       FROM school_results WHERE year = 2025 GROUP BY procedure`,
    );
    expect(direct.length).toBe(3);
    for (const d of direct) {
      const r = f.procedureYears.find((x) => x.procedure === d.procedure && x.year === 2025)!;
      expect(r.participants).toBe(d.participants);
      expect(r.marked).toBe(d.marked);
      expect(r.schools).toBe(d.schools);
      expect(r.quality_pct!).toBeCloseTo(d.quality, 9);
    }
    const vpr = direct.find((d) => d.procedure === 'ВПР')!;
    const text = allText(report);
    expect(text).toContain(`В 2025 году ВПР писали ${plain(formatNumber(vpr.participants))} участников из 25 школ; качество знаний — ${plain(formatPct(vpr.quality))} (95 % ДИ`);
    expect(text).toContain('В 2025 году ВПР писали 11 713 участников из 25 школ; качество знаний — 44,7 % (95 % ДИ 43,8–45,6 %), на 0,4 п.п. ниже, чем в 2024 году.');
  });

  it('ШНОР and the others match group_comparison', async () => {
    const view = await engine.query<{ procedure: string; grp: string; marked: number; quality_pct: number }>(`SELECT * FROM group_comparison WHERE year IN (2024, 2025) AND grp IN ('ШНОР', 'остальные')`);
    for (const v of view) {
      const g = f.groups.find((x) => x.procedure === v.procedure && x.grp === v.grp && x.year === (v as unknown as { year: number }).year)!;
      expect(g.marked).toBe(v.marked);
      expect(g.quality_pct!).toBeCloseTo(v.quality_pct, 9);
    }
  });

  it('names school 990105 among schools with objectivity signs, as a signal for review', () => {
    const schools = flaggedSchools(f.flaggedSigns);
    expect(schools.map((s) => s.school_id)).toContain('990105');
    const table = report.sections.find((s) => s.id === 'objectivity')!.blocks.find((b) => b.type === 'table');
    expect(table && table.type === 'table' && table.rows.some((r) => r[0] === 'МБОУ «СОШ № 5» (990105)')).toBe(true);
    expect(allText(report)).toContain('сигнал для проверки');
    expect(conclusions(f).some((c) => c.includes('МБОУ «СОШ № 5» (990105)') && c.includes('перепроверку работ и анализ выставления отметок'))).toBe(true);
  });

  it('ШНОР 990116 reached its goal; the others are listed as not reaching it', () => {
    const g = f.goalProgress.find((r) => r.goal_id === 1 && r.school_id === '990116')!;
    expect(g.status).toBe('достигнута');
    const goals = report.sections.find((s) => s.id === 'goals')!;
    const t = goals.blocks.find((b) => b.type === 'table');
    expect(t && t.type === 'table' && t.rows[0]).toEqual(['МКОУ «Лесновская ООШ» (990116)', '28,4\u202f% (2021, n = 416)', '39,7\u202f% (2025, n = 433)', '+11,4\u202fп.п.', '+40,0\u202f%', 'достигнута']);
    expect(allText(report)).toContain('достигнута в 1 школе из 5 (20,0 %)');
  });

  it("a school's own target (goal_school_targets) changes its status and the report says so", async () => {
    expect(allText(report)).not.toMatch(/[Сс]во[яи] цел/);
    await engine.exec(`INSERT INTO goal_school_targets VALUES (1, '990117', 4)`);
    try {
      const withOwn = buildReport(await loadFigures(engine, OPTIONS), PROV);
      const text = allText(withOwn);
      expect(text).toContain('достигнута в 2 школах из 5 (40,0 %)');
      expect(text).toContain('Своя цель задана у 1 школы из 5 — +4 п.п.; у остальных — цель +8 п.п.');
      const t = withOwn.sections.find((s) => s.id === 'goals')!.blocks.find((b) => b.type === 'table');
      const b = t && t.type === 'table' ? t.rows.find((r) => r[0] === 'МКОУ «Ключевская ООШ» (990117)') : undefined;
      expect(b?.[5]).toBe('достигнута (своя цель +4\u202fп.п.)');
    } finally {
      await engine.exec(`DELETE FROM goal_school_targets`);
    }
  });

  it('monitoring: 40 % of ШНОР positive at stage 2, below the 100 % goal, with a recommendation', () => {
    const s2 = f.monitoringStages.find((s) => s.stage === 2)!;
    expect([s2.positive, s2.shnor_schools]).toEqual([2, 5]);
    const text = allText(report);
    expect(text).toContain('На 2 этапе мониторинга 2025 года позитивная динамика определена у 2 ШНОР из 5 (40,0 %; цель — 100 %).');
    expect(text).toContain('обеспечить методическое сопровождение');
    expect(text).toContain('Дорожная карта: 11 мероприятий; выполнено 6 (в срок — 5), просрочено 2, в работе 3.');
  });

  it('the ШНОР-only scope narrows statistics to the 5 ШНОР', async () => {
    const only = await loadFigures(engine, { ...OPTIONS, shnorOnly: true });
    const vpr = only.procedureYears.find((r) => r.procedure === 'ВПР' && r.year === 2025)!;
    const shnor = f.groups.find((g) => g.procedure === 'ВПР' && g.year === 2025 && g.grp === 'ШНОР')!;
    expect(vpr.schools).toBe(5);
    expect(vpr.marked).toBe(shnor.marked);
    expect(only.goalProgress.every((g) => ['990112', '990116', '990117', '990118', '990119'].includes(g.school_id))).toBe(true);
    expect(buildReport(only, PROV).context[1]).toBe('Охват: Городской округ «Приозёрский»; только ШНОР 2025 года (5 школ).');
  });
});
