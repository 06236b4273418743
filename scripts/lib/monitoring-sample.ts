/**
 * «500+» monitoring sample (risk profiles, anti-risk indicators, roadmap) for the five planted
 * ШНОР of the sample municipality. Hand-written values with planted cases (sample-data/README.md);
 * only the levels of non-activated risk factors are drawn, from a seeded stream. Deterministic.
 */
import { rngFor } from './prng.ts';
import type { Role } from './sample-model.ts';

export const MONITORING_YEARS = [2024, 2025] as const;

/** Evidence marks as experts write them. */
const P = 'подтверждено';
const H = 'частично';
const N = 'не подтверждено';

/** One indicator in 2025: [risk, name, unit, direction, baseline, target, stage1, ev1, stage2, ev2]. */
type Ind = [number, string, string, '↑' | '↓', number, number, number, string, number, string];

/**
 * 2025 programmes. Planted (stage 2, default rules: all indicators, all directions, confirmed):
 * A positive in all 3 directions; B positive in 1 of 2 (direction 10 fell back at stage 2 after a
 * positive stage 1); F1 improved everywhere but evidence «частично» / «не подтверждено»; C has a
 * ↓ indicator («Доля отметок «2» по ВПР») that rose — its direction 6 is positive only under
 * 'majority' / 'any'; F2 flat at stage 1, positive at stage 2.
 */
const PROGRAMMES: Partial<Record<Role, Ind[]>> = {
  A: [
    [3, 'Доля педагогов, прошедших КПК по предметной и методической компетентности', '%', '↑', 35, 80, 50, P, 72, P],
    [3, 'Доля педагогов, участвующих в работе методических объединений', '%', '↑', 40, 90, 60, P, 85, P],
    [6, 'Доля обучающихся с рисками учебной неуспешности, охваченных индивидуальными маршрутами', '%', '↑', 20, 100, 55, P, 90, P],
    [6, 'Доля отметок «2» по ВПР', '%', '↓', 18, 10, 15, P, 12, P],
    [11, 'Доля пропусков уроков без уважительной причины', '%', '↓', 6, 3, 5, P, 4, P],
    [11, 'Доля обучающихся, занятых во внеурочной деятельности', '%', '↑', 45, 80, 60, P, 75, P],
  ],
  B: [
    [2, 'Число вакансий педагогов', 'чел.', '↓', 4, 1, 3, P, 2, P],
    [2, 'Доля педагогов в возрасте до 35 лет', '%', '↑', 12, 20, 14, P, 16, P],
    [10, 'Доля родителей, посещающих родительские собрания', '%', '↑', 35, 70, 50, P, 35, P],
    [10, 'Число родителей в управляющем совете', 'чел.', '↑', 3, 8, 5, P, 3, P],
  ],
  F1: [
    [1, 'Доля кабинетов, оснащённых цифровым оборудованием', '%', '↑', 30, 70, 40, P, 55, H],
    [1, 'Скорость подключения к интернету', 'Мбит/с', '↑', 50, 100, 50, P, 100, P],
    [4, 'Доля учителей, использующих дифференцированные задания', '%', '↑', 25, 60, 35, N, 50, N],
    [4, 'Доля уроков с индивидуализацией обучения', '%', '↑', 10, 40, 20, H, 30, P],
  ],
  C: [
    [3, 'Доля педагогов, прошедших КПК по предметной и методической компетентности', '%', '↑', 30, 60, 40, P, 55, P],
    [3, 'Доля педагогов с первой и высшей квалификационной категорией', '%', '↑', 40, 55, 42, P, 48, P],
    [6, 'Доля отметок «2» по ВПР', '%', '↓', 15, 8, 17, P, 19, P],
    [6, 'Доля обучающихся с рисками учебной неуспешности, охваченных индивидуальными маршрутами', '%', '↑', 30, 90, 50, P, 70, P],
    [6, 'Доля обучающихся, получивших адресную методическую помощь', '%', '↑', 20, 60, 35, P, 45, P],
    [8, 'Доля обучающихся, удовлетворённых школьной средой (анкетирование)', '%', '↑', 55, 75, 60, P, 68, P],
    [8, 'Число случаев буллинга', 'ед.', '↓', 6, 2, 5, P, 3, P],
  ],
  F2: [
    [5, 'Доля педагогов, участвующих во внутришкольном обучении', '%', '↑', 20, 70, 20, P, 45, P],
    [5, 'Число открытых уроков в год', 'ед.', '↑', 4, 12, 4, P, 9, P],
  ],
};

const ROLES: Role[] = ['A', 'B', 'F1', 'C', 'F2'];

/**
 * 2024 (a finished year) from 2025: the 2024 programme ended where the 2025 one starts. Baseline
 * 2024 = the 2025 baseline moved against the desired direction by a third of the 2025 gap (at
 * least 1; a rising one by at most half its 2025 baseline), target 2024 = the 2025 baseline;
 * stage 1 halfway (rounded towards the target), stage 2 and final at the target; all
 * confirmed. Planted: C's «Доля отметок «2» по ВПР» stayed at its baseline at stages 1 and 2
 * (not improved) and improved only in the final.
 */
function year2024(role: Role, ind: Ind): Ind & { final: number } {
  const [risk, name, unit, dir, b25, t25] = ind;
  // Never below zero: a rising indicator starts at most half its 2025 baseline lower.
  const step = Math.max(1, Math.min(Math.round(Math.abs(t25 - b25) / 3), dir === '↑' ? Math.floor(b25 / 2) : Infinity));
  const b = dir === '↑' ? b25 - step : b25 + step;
  const mid = dir === '↑' ? b + Math.ceil(step / 2) : b - Math.ceil(step / 2);
  const flat = role === 'C' && name === 'Доля отметок «2» по ВПР';
  const row: Ind = [risk, name, unit, dir, b, b25, flat ? b : mid, P, flat ? b : b25, P];
  return Object.assign(row, { final: b25 });
}

const csvField = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const line = (xs: Array<string | number | null>) => xs.map(csvField).join(',');

/** The three files' texts (UTF-8, `,`, LF), keyed by file name; schools = the template ШНОР. */
export function monitoringFiles(seed: number, schools: ReadonlyArray<{ id: string; role: Role }>): Record<string, string> {
  const byRole = new Map(schools.map((s) => [s.role, s.id]));
  const profiles = ['school_id,year,risk_code,level,activated'];
  const indicators = ['school_id,year,risk_code,indicator,unit,direction,baseline,target,stage1,evidence1,stage2,evidence2,final,evidence_final,comment'];
  for (const year of MONITORING_YEARS) {
    for (const role of ROLES) {
      const id = byRole.get(role);
      const programme = PROGRAMMES[role];
      if (!id || !programme) continue;
      const activated = new Set(programme.map((i) => i[0]));
      const r = rngFor(seed, 'risk-profile', id, year);
      for (let code = 1; code <= 11; code++) {
        const u = r.next();
        const level = activated.has(code) ? 'высокий' : u < 0.15 ? 'высокий' : u < 0.6 ? 'средний' : 'низкий';
        // Risk factors by code in 2024, by name in 2025 (the importer accepts both).
        profiles.push(line([id, year, year === 2024 ? code : RISK_NAMES[code - 1]!, level, activated.has(code) ? 'да' : 'нет']));
      }
      for (const ind of programme) {
        if (year === 2025) {
          const [risk, name, unit, dir, b, t, s1, e1, s2, e2] = ind;
          const comment = role === 'F1' && e2 !== P ? 'эксперт: документы подтверждают значение не полностью' : null;
          indicators.push(line([id, year, risk, name, unit, dir, b, t, s1, e1, s2, e2, null, null, comment]));
        } else {
          const row = year2024(role, ind);
          const [risk, name, unit, dir, b, t, s1, e1, s2, e2] = row;
          indicators.push(line([id, year, risk, name, unit, dir, b, t, s1, e1, s2, e2, row.final, P, null]));
        }
      }
    }
  }
  return {
    'risk-profiles.csv': profiles.join('\n') + '\n',
    'risk-indicators.csv': indicators.join('\n') + '\n',
    'roadmap.csv': ROADMAP.map(line).join('\n') + '\n',
  };
}

const RISK_NAMES = [
  'Низкий уровень оснащения школы',
  'Дефицит педагогических кадров',
  'Недостаточная предметная и методическая компетентность педагогических работников',
  'Риски низкой адаптивности учебного процесса',
  'Несформированность внутришкольной системы повышения квалификации',
  'Высокая доля обучающихся с рисками учебной неуспешности',
  'Низкое качество преодоления языковых и культурных барьеров',
  'Пониженный уровень качества школьной образовательной и воспитательной среды',
  'Высокая доля обучающихся с ОВЗ',
  'Низкий уровень вовлеченности родителей',
  'Низкая учебная мотивация обучающихся',
];

const MK = 'Муниципальный координатор';

/**
 * The municipal roadmap 2025. Against 15.12.2025 (the date the tests set as
 * monitoring_settings.today): done 1, 2, 3 (late: «выполнено 20.07.2025» after II квартал), 4,
 * 5, 9 (by numbers: actual = target); overdue 6 (ноябрь 2025, 80 of 100) and 8 (сентябрь–октябрь
 * 2025); in progress 7, 10 and 11 (deadline «в течение года» — unknown).
 */
const ROADMAP: Array<Array<string | number | null>> = [
  ['number', 'event', 'deadline', 'executor', 'indicator', 'target', 'actual', 'status'],
  [1, 'Формирование рискового профиля ОО', 'март 2025', MK, '100 % школ сформировали рисковый профиль', '100 %', '100 %', 'выполнено'],
  [2, 'Активация рисковых направлений в ИС МЭДК', 'до 01.04.2025', MK, '100 % школ активировали рисковые направления', '100 %', '100 %', 'выполнено'],
  [3, 'Разработка концепций развития и среднесрочных программ развития ОО', 'II квартал 2025', MK, '100 % школ разместили концепции и программы в ИС МЭДК', '100 %', '100 %', 'выполнено 20.07.2025'],
  [4, 'Разработка антирисковых программ по активированным направлениям', 'до 30.06.2025', MK, '100 % школ разработали антирисковые программы', '100 %', '100 %', 'выполнено'],
  [5, 'Мониторинг позитивных изменений (1 этап)', 'июнь 2025', MK, '100 % школ внесли значения показателей 1 этапа', '100 %', '100 %', 'выполнено'],
  [6, 'Мониторинг позитивных изменений (2 этап)', 'ноябрь 2025', MK, '100 % школ внесли значения показателей 2 этапа', '100 %', '80 %', 'в работе'],
  [7, 'Повышение квалификации педагогов ШНОР по программам из федерального реестра', 'в течение 2025 года', MK, '80 % педагогов ШНОР прошли КПК', '80 %', '60 %', 'в работе'],
  [8, 'Методические семинары школ-партнёров для ШНОР', 'сентябрь – октябрь 2025', MK, '100 % ШНОР участвовали в семинарах', '100 %', '70 %', null],
  [9, 'Проведение ВПР в ШНОР с независимым наблюдением', 'апрель 2025', MK, '100 % ШНОР с независимыми наблюдателями', '100 %', '100 %', null],
  [10, 'Аналитическая справка об итогах реализации программ «500+»', 'декабрь 2025', MK, 'справка направлена в региональный координационный центр', '1', '0', 'в работе'],
  [11, 'Информационное сопровождение проекта на сайтах ОО', 'в течение года', MK, '100 % школ разместили материалы на сайтах', '100 %', '90 %', null],
];
