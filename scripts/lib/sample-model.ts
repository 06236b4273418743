/**
 * Static tables of the fictional sample municipality: grading scales, subjects, schools.
 * Everything here is invented for demonstration; the scales follow the brief's 2021 ВПР values
 * (applied to every year — a deliberate simplification) and fictional ОГЭ boundaries.
 */

export type Scale = { max: number; min3: number; min4: number; min5: number };

export const VPR_SCALES: Record<string, Scale> = {
  'Математика|4': { max: 20, min3: 6, min4: 10, min5: 15 },
  'Математика|5': { max: 20, min3: 7, min4: 11, min5: 15 },
  'Математика|6': { max: 20, min3: 6, min4: 10, min5: 14 },
  'Математика|7': { max: 19, min3: 7, min4: 12, min5: 16 },
  'Математика|8': { max: 25, min3: 8, min4: 15, min5: 21 },
  'Русский язык|4': { max: 38, min3: 14, min4: 24, min5: 33 },
  'Русский язык|5': { max: 45, min3: 18, min4: 29, min5: 39 },
  'Русский язык|6': { max: 51, min3: 21, min4: 33, min5: 45 },
  'Русский язык|7': { max: 47, min3: 20, min4: 31, min5: 40 },
  'Русский язык|8': { max: 51, min3: 22, min4: 33, min5: 44 },
  'Окружающий мир|4': { max: 32, min3: 8, min4: 18, min5: 27 },
  'История|5': { max: 15, min3: 4, min4: 8, min5: 12 },
  'Биология|5': { max: 29, min3: 12, min4: 18, min5: 24 },
  'Биология|8': { max: 36, min3: 13, min4: 21, min5: 29 },
  'География|6': { max: 37, min3: 10, min4: 22, min5: 31 },
  'Обществознание|6': { max: 23, min3: 9, min4: 15, min5: 20 },
  'Физика|7': { max: 18, min3: 5, min4: 8, min5: 11 },
  'Английский язык|7': { max: 30, min3: 13, min4: 21, min5: 27 },
  'Химия|8': { max: 33, min3: 10, min4: 19, min5: 27 },
};

export const OGE_SCALES: Record<string, Scale> = {
  'Математика|9': { max: 31, min3: 8, min4: 15, min5: 22 },
  'Русский язык|9': { max: 33, min3: 15, min4: 23, min5: 29 },
  'Обществознание|9': { max: 37, min3: 14, min4: 24, min5: 33 },
  'География|9': { max: 31, min3: 12, min4: 19, min5: 26 },
};

export const VPR_SUBJECTS_BY_GRADE: Record<number, string[]> = {
  4: ['Русский язык', 'Математика', 'Окружающий мир'],
  5: ['Русский язык', 'Математика', 'История', 'Биология'],
  6: ['Русский язык', 'Математика', 'География', 'Обществознание'],
  7: ['Русский язык', 'Математика', 'Физика', 'Английский язык'],
  8: ['Русский язык', 'Математика', 'Химия', 'Биология'],
};

export const OGE_SUBJECTS = ['Русский язык', 'Математика', 'Обществознание', 'География'];

export const EGE_SUBJECTS = [
  'Русский язык',
  'Математика профильная',
  'Математика базовая',
  'Обществознание',
  'Биология',
  'История',
];

/** ЕГЭ minimum test scores (DOMAIN.md §2). */
export const EGE_MIN: Record<string, number> = {
  'Русский язык': 24,
  'Математика профильная': 27,
  'Обществознание': 42,
  'Биология': 36,
  'История': 32,
};

/** Mean ЕГЭ test score ≈ 100·logistic(EGE_D) for an average student. */
export const EGE_D: Record<string, number> = {
  'Русский язык': 0.85,
  'Математика профильная': 0.2,
  'Обществознание': 0.2,
  'Биология': 0.0,
  'История': 0.15,
};

export function markFor(scale: Scale, score: number): number {
  if (score >= scale.min5) return 5;
  if (score >= scale.min4) return 4;
  if (score >= scale.min3) return 3;
  return 2;
}

export type Role = 'A' | 'B' | 'C' | 'F1' | 'F2' | 'D' | 'E' | 'partner' | '';

export type TemplateSchool = {
  name: string;
  kind: 'СОШ' | 'ООШ' | 'Гимназия' | 'Лицей';
  level: number;
  size: number;
  role: Role;
  shnorCohort?: number;
  sssu?: boolean;
  curator?: string;
  /** index (0-based) of the partner school in the template */
  partner?: number;
};

/** The 25 schools of Городской округ «Приозёрский» (fictional). Order defines school ids 990101… */
export const TEMPLATE: TemplateSchool[] = [
  { name: 'МБОУ «СОШ № 1»', kind: 'СОШ', level: 0.08, size: 30, role: '' },
  { name: 'МБОУ «СОШ № 2»', kind: 'СОШ', level: 0.05, size: 30, role: '' },
  { name: 'МБОУ «СОШ № 3»', kind: 'СОШ', level: 0.02, size: 29, role: '' },
  { name: 'МБОУ «СОШ № 4»', kind: 'СОШ', level: 0.0, size: 28, role: '' },
  { name: 'МБОУ «СОШ № 5»', kind: 'СОШ', level: -0.5, size: 28, role: 'D' },
  { name: 'МБОУ «СОШ № 6»', kind: 'СОШ', level: 0.06, size: 29, role: '' },
  { name: 'МБОУ «СОШ № 7»', kind: 'СОШ', level: -0.3, size: 28, role: 'E' },
  { name: 'МАОУ «Гимназия № 1»', kind: 'Гимназия', level: 0.14, size: 30, role: 'partner' },
  { name: 'МАОУ «Лицей № 2»', kind: 'Лицей', level: 0.12, size: 28, role: 'partner' },
  { name: 'МБОУ «Озёрская СОШ»', kind: 'СОШ', level: -0.02, size: 26, role: '' },
  { name: 'МБОУ «Берёзовская СОШ»', kind: 'СОШ', level: -0.08, size: 25, role: '' },
  {
    name: 'МБОУ «Сосновская СОШ»', kind: 'СОШ', level: -0.45, size: 26, role: 'C',
    shnorCohort: 2022, curator: 'Кузнецова Елена Сергеевна', partner: 0,
  },
  { name: 'МБОУ «Заречная СОШ»', kind: 'СОШ', level: -0.3, size: 25, role: '', sssu: true },
  { name: 'МБОУ «Каменская СОШ», с. Каменка', kind: 'СОШ', level: -0.08, size: 25, role: '' },
  { name: 'МБОУ «СОШ № 8»', kind: 'СОШ', level: 0.04, size: 30, role: '' },
  {
    name: 'МКОУ «Лесновская ООШ»', kind: 'ООШ', level: -0.6, size: 24, role: 'A',
    shnorCohort: 2021, curator: 'Соколова Ирина Владимировна', partner: 7,
  },
  {
    name: 'МКОУ «Ключевская ООШ»', kind: 'ООШ', level: -0.55, size: 24, role: 'B',
    shnorCohort: 2021, curator: 'Морозов Алексей Игоревич', partner: 8,
  },
  {
    name: 'МКОУ «Луговская ООШ»', kind: 'ООШ', level: -0.7, size: 22, role: 'F1',
    shnorCohort: 2021, curator: 'Белова Татьяна Николаевна', partner: 7,
  },
  {
    name: 'МКОУ «Ольховская ООШ»', kind: 'ООШ', level: -0.65, size: 22, role: 'F2',
    shnorCohort: 2022, curator: 'Егоров Павел Андреевич', partner: 8,
  },
  { name: 'МКОУ «Рябиновская ООШ»', kind: 'ООШ', level: -0.35, size: 22, role: '', sssu: true },
  { name: 'МКОУ «Покровская ООШ»', kind: 'ООШ', level: -0.12, size: 23, role: '' },
  { name: 'МКОУ «Ивановская ООШ»', kind: 'ООШ', level: -0.08, size: 24, role: '' },
  { name: 'МКОУ «Никольская ООШ»', kind: 'ООШ', level: -0.15, size: 23, role: '' },
  { name: 'МКОУ «Дубровская ООШ»', kind: 'ООШ', level: -0.05, size: 25, role: '' },
  { name: 'МКОУ «Сосновоборская ООШ»', kind: 'ООШ', level: -0.12, size: 24, role: '' },
];

export const MUNICIPALITY_1 = 'Городской округ «Приозёрский»';
export const REGION = 'Условная область';

const MUNI_ROOTS = [
  'Северный', 'Озёрный', 'Заречный', 'Каменский', 'Берёзовский', 'Сосновский', 'Луговой',
  'Лесной', 'Речной', 'Ключевской', 'Покровский', 'Никольский', 'Дубровский', 'Ольховский',
  'Рябиновский', 'Кедровый', 'Светлый', 'Ясный', 'Полевой', 'Холмистый', 'Тихий', 'Южный',
  'Восточный', 'Западный', 'Степной', 'Боровой', 'Горный', 'Звёздный', 'Солнечный', 'Ивовый',
  'Липовый', 'Овражный',
];

/** Fictional municipality names; index 0 is always the Приозёрский округ. */
export function municipalityName(i: number): string {
  if (i === 0) return MUNICIPALITY_1;
  const root = MUNI_ROOTS[(i - 1) % MUNI_ROOTS.length] ?? 'Условный';
  const kind = Math.floor((i - 1) / MUNI_ROOTS.length) % 2 === 0 ? 'муниципальный район' : 'городской округ';
  return kind === 'муниципальный район' ? `${root} муниципальный район` : `Городской округ «${root}»`;
}

export const VILLAGES = [
  'Лесновская', 'Ключевская', 'Луговская', 'Ольховская', 'Рябиновская', 'Покровская', 'Ивановская',
  'Никольская', 'Дубровская', 'Сосновоборская', 'Озёрская', 'Берёзовская', 'Сосновская',
  'Заречная', 'Каменская', 'Петровская', 'Васильевская', 'Горская', 'Полянская', 'Малиновская',
  'Кленовская', 'Знаменская', 'Троицкая', 'Успенская', 'Михайловская', 'Александровская',
  'Высоковская', 'Болотнинская', 'Родниковская', 'Черёмуховская', 'Калиновская', 'Вишнёвская',
];

export const CURATORS = [
  'Соколова Ирина Владимировна', 'Морозов Алексей Игоревич', 'Белова Татьяна Николаевна',
  'Кузнецова Елена Сергеевна', 'Егоров Павел Андреевич', 'Лебедева Ольга Викторовна',
  'Волков Дмитрий Сергеевич', 'Орлова Наталья Юрьевна', 'Зайцева Светлана Петровна',
  'Никитин Андрей Олегович',
];
