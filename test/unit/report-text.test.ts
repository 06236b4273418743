import { describe, expect, it } from 'vitest';
import { buildReport, conclusions, type ReportFigures } from '../../src/core/report/build-report.ts';
import { SECTION_IDS } from '../../src/core/report/report-model.ts';
import {
  count,
  goalMetClause,
  groupQuality,
  journalSentence,
  monitoringSentence,
  objectivitySentence,
  PARTICIPANT,
  PARTICIPANT_GEN,
  procedureSentence,
  roadmapSentence,
  SCHOOL,
  SCHOOL_GEN,
  SCHOOL_PREP,
  twoProportionZ,
} from '../../src/core/report/report-text.ts';

/** Narrow no-break spaces (thousands, before «%» and «п.п.») as plain spaces, to compare with readable text. */
const plain = (s: string) => s.replace(/\u202f/g, ' ');

describe('numerals agree with nouns', () => {
  const cases: Array<[number, string, string, string, string, string]> = [
    // n, школа, из … школ, в … школах, участник, у … участников
    [1, '1 школа', '1 школы', '1 школе', '1 участник', '1 участника'],
    [2, '2 школы', '2 школ', '2 школах', '2 участника', '2 участников'],
    [5, '5 школ', '5 школ', '5 школах', '5 участников', '5 участников'],
    [11, '11 школ', '11 школ', '11 школах', '11 участников', '11 участников'],
    [21, '21 школа', '21 школы', '21 школе', '21 участник', '21 участника'],
    [22, '22 школы', '22 школ', '22 школах', '22 участника', '22 участников'],
    [111, '111 школ', '111 школ', '111 школах', '111 участников', '111 участников'],
  ];
  it.each(cases)('%i', (n, school, schoolGen, schoolPrep, participant, participantGen) => {
    expect(count(n, SCHOOL)).toBe(school);
    expect(count(n, SCHOOL_GEN)).toBe(schoolGen);
    expect(count(n, SCHOOL_PREP)).toBe(schoolPrep);
    expect(count(n, PARTICIPANT)).toBe(participant);
    expect(count(n, PARTICIPANT_GEN)).toBe(participantGen);
  });

  it('in whole sentences', () => {
    const s = (participants: number, schools: number) =>
      plain(procedureSentence({ procedure: 'ВПР', year: 2025, baseYear: 2024, participants, schools, marked: participants, quality: 50, qualityLow: 40, qualityHigh: 60, baseQuality: 50 }));
    expect(s(1, 1)).toBe('В 2025 году ВПР писал 1 участник из 1 школы; качество знаний — 50,0 % (95 % ДИ 40,0–60,0 %), на уровне 2024 года.');
    expect(s(22, 21)).toBe('В 2025 году ВПР писали 22 участника из 21 школы; качество знаний — 50,0 % (95 % ДИ 40,0–60,0 %), на уровне 2024 года.');
    expect(s(111, 5)).toBe('В 2025 году ВПР писали 111 участников из 5 школ; качество знаний — 50,0 % (95 % ДИ 40,0–60,0 %), на уровне 2024 года.');
    expect(plain(objectivitySentence(2025, 21, 1))).toBe('В 2025 году признаки необъективности выявлены у 1 школы из 21; индекс объективности — 95,2.');
    expect(plain(objectivitySentence(2025, 25, 3))).toBe('В 2025 году признаки необъективности выявлены у 3 школ из 25; индекс объективности — 88,0.');
    expect(plain(goalMetClause(21, 22))).toBe('достигнута в 21 школе из 22 (95,5 %)');
    expect(plain(goalMetClause(2, 5))).toBe('достигнута в 2 школах из 5 (40,0 %)');
    expect(plain(roadmapSentence({ events: 21, done: 11, done_on_time: 1, overdue: 2, in_progress: 8 }))).toBe(
      'Дорожная карта: 21 мероприятие; выполнено 11 (в срок — 1), просрочено 2, в работе 8.',
    );
  });
});

describe('report text for hand-made figures', () => {
  it('states a procedure with its n, interval and change', () => {
    expect(
      plain(procedureSentence({ procedure: 'ВПР', year: 2025, baseYear: 2024, participants: 11713, schools: 25, marked: 11713, quality: 44.7195, qualityLow: 43.821, qualityHigh: 45.6216, baseQuality: 45.0587 })),
    ).toBe('В 2025 году ВПР писали 11 713 участников из 25 школ; качество знаний — 44,7 % (95 % ДИ 43,8–45,6 %), на 0,4 п.п. ниже, чем в 2024 году.');
    expect(
      plain(procedureSentence({ procedure: 'ЕГЭ', year: 2025, baseYear: 2024, participants: 618, schools: 15, marked: 126, quality: 77, qualityLow: 68.9, qualityHigh: 83.5, baseQuality: 67.5 })),
    ).toBe('В 2025 году ЕГЭ сдавали 618 участников из 15 школ; качество знаний (n = 126 участников с отметкой) — 77,0 % (95 % ДИ 68,9–83,5 %), на 9,5 п.п. выше, чем в 2024 году.');
    expect(plain(procedureSentence({ procedure: 'ОГЭ', year: 2025, baseYear: 2024, participants: 21, schools: 2, marked: 21, quality: 10, qualityLow: null, qualityHigh: null, baseQuality: null }))).toBe(
      'В 2025 году ОГЭ сдавал 21 участник из 2 школ; качество знаний — 10,0 %, данных за 2024 год для сравнения нет.',
    );
  });

  it('journal, groups and monitoring sentences', () => {
    expect(plain(journalSentence('ВПР', 2025, { journal_n: 200, lowered: 30, confirmed: 120, raised: 50, gap2_n: 1 }))).toBe(
      'По ВПР 2025 года отметку по журналу подтвердили 60,0 % участников, понизили — 15,0 %, повысили — 25,0 % (n = 200 участников с отметкой по журналу); расхождение на 2 балла и более — у 1 участника (0,5 %).',
    );
    expect(plain(groupQuality(28, 26.1, 29.9, 2091, 5))).toBe('28,0 % (95 % ДИ 26,1–29,9 %; n = 2 091 участник, 5 школ)');
    expect(plain(monitoringSentence('На 2 этапе', 2025, 2, 5, 100))).toBe('На 2 этапе мониторинга 2025 года позитивная динамика определена у 2 ШНОР из 5 (40,0 %; цель — 100 %).');
  });

  it('two-proportion z', () => {
    expect(twoProportionZ(50, 100, 50, 100)).toBe(0);
    expect(twoProportionZ(60, 100, 40, 100)!).toBeCloseTo(-2.828, 3);
    expect(twoProportionZ(0, 0, 1, 2)).toBeNull();
  });
});

/** Figures of a made-up municipality of three schools. */
function figures(over: Partial<ReportFigures> = {}): ReportFigures {
  return {
    options: { year: 2025, baseYear: 2024, shnorOnly: false, sections: SECTION_IDS, municipality: 'Тестовый район' },
    scope: { schools: 3, shnor: 1, municipalities: 1, municipality_name: 'Тестовый район', with_results: 3 },
    procedureYears: [
      { procedure: 'ВПР', year: 2024, schools: 3, participants: 300, marked: 300, n2: 30, n3: 120, n4: 120, n5: 30, good: 150, quality_pct: 50, quality_low: 44.4, quality_high: 55.6, success_pct: 90, mean_mark: 3.5, mean_test_score: null, test_participants: null },
      { procedure: 'ВПР', year: 2025, schools: 3, participants: 300, marked: 300, n2: 60, n3: 120, n4: 90, n5: 30, good: 120, quality_pct: 40, quality_low: 34.6, quality_high: 45.6, success_pct: 80, mean_mark: 3.3, mean_test_score: null, test_participants: null },
    ],
    subjects: [],
    schoolChanges: [
      { school_id: '1', name: 'Школа А', shnor: false, base_marked: 100, base_good: 70, marked: 100, good: 40 },
      { school_id: '2', name: 'Школа Б', shnor: false, base_marked: 100, base_good: 50, marked: 100, good: 52 },
      { school_id: '3', name: 'Школа В', shnor: true, base_marked: 100, base_good: 30, marked: 100, good: 28 },
    ],
    journalTotals: [],
    journalSchools: [{ school_id: '1', name: 'Школа А', journal_n: 100, lowered: 45, confirmed: 50, raised: 5, gap2_n: 3 }],
    objectivityYears: [
      { year: 2024, schools: 3, flagged: 0 },
      { year: 2025, schools: 3, flagged: 1 },
    ],
    flaggedSigns: [{ school_id: '1', name: 'Школа А', procedure: 'ВПР', subject: 'Математика', grade: 4, sign: 'inflated_mean', n: 30, explanation: null, on_official_list: null }],
    groups: [
      { year: 2025, procedure: 'ВПР', grp: 'ШНОР', schools: 1, marked: 100, good: 28, quality_pct: 28, quality_low: 20, quality_high: 37.5 },
      { year: 2025, procedure: 'ВПР', grp: 'остальные', schools: 2, marked: 200, good: 92, quality_pct: 46, quality_low: 39.2, quality_high: 52.9 },
    ],
    goals: [{ goal_id: 1, title: 'Качество +8 п.п.', scope: 'shnor', metric: 'vpr_quality', interpretation: 'pp', target_year: 2025, target: 8 }],
    goalProgress: [
      { goal_id: 1, school_id: '3', name: 'Школа В', baseline_year: 2021, baseline: 25, latest_year: 2025, latest: 28, change_pp: 3, change_rel_pct: 12, status: 'отстаёт', significant: false, baseline_n: 90, latest_n: 100, target: 8, target_source: 'цель' },
    ],
    monitoringStages: [
      { stage: 1, shnor_schools: 1, positive: 1, with_data: 1, goal_pct: 100 },
      { stage: 2, shnor_schools: 1, positive: 0, with_data: 1, goal_pct: 100 },
    ],
    outcomes: [{ school_id: '3', name: 'Школа В', risk_positive_stage2: false, positive_directions: 0, directions: 2, cohort: 2021, vpr_quality_pct: 28, vpr_marked: 100, vpr_quality_change_pp: 3 }],
    roadmap: { events: 3, done: 1, done_on_time: 1, overdue: 1, in_progress: 1 },
    overdueEvents: [{ number: '2', event: 'Семинар', deadline: '31.10.2025', days_overdue: 45 }],
    ...over,
  };
}

describe('conclusions by rules', () => {
  it('names every rule that fires, with its recommendation', () => {
    const c = conclusions(figures()).map(plain);
    expect(c).toEqual([
      'Качество знаний по ВПР снизилось сильнее случайных колебаний в 1 школе: Школа А (1) — −30,0 п.п. (n = 100 и 100). Рекомендуется проанализировать причины снижения вместе с администрациями этих школ и включить их в план методического сопровождения.',
      'Признаки необъективности результатов 2025 года выявлены у 1 школы: Школа А (1). Это сигналы для проверки, а не вывод о нарушениях. Рекомендуется провести перепроверку работ и анализ выставления отметок в этих школах, обеспечить независимое наблюдение при проведении процедур.',
      'В 1 школе отметку по журналу по ВПР понизили 30 % участников и более: Школа А (1) — 45,0 % (n = 100). Рекомендуется проанализировать в этих школах систему текущего оценивания и критерии выставления отметок.',
      'Качество знаний по ВПР в ШНОР ниже, чем в остальных школах, на 18,0 п.п.; разрыв больше случайных колебаний. Рекомендуется продолжить адресную методическую помощь ШНОР, в том числе через школы-партнёры, и отслеживать сокращение разрыва.',
      'Цель «Качество +8 п.п.» не достигнута в 1 школе из 1: Школа В (3). Рекомендуется скорректировать планы работы и антирисковые программы этих школ, предусмотреть для них дополнительную методическую помощь.',
      'Доля ШНОР с позитивной динамикой на 2 этапе мониторинга 2025 года — 0,0 % при цели 100 %; позитивная динамика не определена у 1 ШНОР: Школа В (3). Рекомендуется обеспечить методическое сопровождение этих школ по рисковым направлениям и проверить полноту подтверждающих документов.',
      'Просрочено 1 мероприятие дорожной карты: № 2. Рекомендуется установить новые сроки, назначить ответственных и рассмотреть выполнение на ближайшем совещании.',
    ]);
  });

  it('a change within the noise is not a fall; only chosen sections give conclusions', () => {
    const f = figures({ schoolChanges: [{ school_id: '2', name: 'Школа Б', shnor: false, base_marked: 20, base_good: 12, marked: 20, good: 9 }] });
    expect(conclusions(f, ['marks'])).toEqual(['По выбранным разделам существенных отрицательных изменений не выявлено. Рекомендуется продолжить мониторинг результатов в прежнем режиме.']);
    expect(conclusions(f, ['objectivity']).length).toBe(1);
  });

  it('never calls a sign a violation and never names teachers', () => {
    const r = buildReport(figures(), { sources: 'test.csv (01.01.2025)', madeAt: '01.12.2025', version: '0.1.0' });
    const text = JSON.stringify(r);
    expect(text).toContain('сигнал для проверки');
    expect(text).not.toMatch(/необъективн(ая|ые) школ|нарушени[ея] выявлен|учител[ья] [А-Я]/);
    expect(r.sections.map((s) => s.heading)).toEqual(SECTION_IDS.map((_, i) => expect.stringMatching(new RegExp(`^${i + 1}\\. `))));
    expect(r.context[1]).toBe('Охват: Тестовый район; все школы (3 школы, из них ШНОР — 1).');
  });

  it('builds only the chosen sections, numbered in order', () => {
    const r = buildReport(figures({ options: { ...figures().options, sections: ['objectivity', 'general'] } }), { sources: '', madeAt: '', version: '' });
    expect(r.sections.map((s) => s.heading)).toEqual(['1. Общие сведения', '2. Объективность оценивания']);
  });
});

describe('goals section: schools with their own targets', () => {
  const row = (school_id: string, status: string, target: number, target_source: string) => ({
    goal_id: 1, school_id, name: `Школа ${school_id}`, baseline_year: 2021, baseline: 25, latest_year: 2025, latest: 30, change_pp: 5, change_rel_pct: 20,
    status, significant: true, baseline_n: 100, latest_n: 100, target, target_source,
  });
  const goalsText = (f: ReportFigures) => plain(JSON.stringify(buildReport(f, { sources: '', madeAt: '', version: '' }).sections.find((s) => s.id === 'goals')));

  it('says how many schools have their own target and the range, and marks them in the table', () => {
    const text = goalsText(figures({ goalProgress: [row('1', 'достигнута', 4, 'школа'), row('2', 'отстаёт', 8, 'цель'), row('3', 'в пути', 6, 'школа')] }));
    expect(text).toContain('Цель «Качество +8 п.п.» (+8 п.п. к 2025 году; последний год с данными — 2025): достигнута в 1 школе из 3 (33,3 %)');
    expect(text).toContain('Свои цели заданы у 2 школ из 3 — от +4 до +6 п.п.; у остальных — цель +8 п.п.; статус такой школы оценён по её своей цели.');
    expect(text).toContain('"достигнута (своя цель +4 п.п.)"');
    expect(text).toContain('"в пути (своя цель +6 п.п.)"');
    expect(text).toContain('"отстаёт"]');
  });

  it('says nothing about own targets when there are none', () => {
    expect(goalsText(figures())).not.toMatch(/[Сс]во[яи] цел/);
  });
});
