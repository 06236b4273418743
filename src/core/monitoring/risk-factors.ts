/**
 * The 11 risk factors of the «500+» risk profile (DOMAIN.md §5, the 2021–2022 list). The migration
 * seeds `risk_factors(risk_code, name)` with them; the table is editable reference data, and files
 * may name a factor by its code or by its name (see `riskCodeSql`).
 */
export const RISK_FACTORS: ReadonlyArray<{ code: number; name: string }> = [
  { code: 1, name: 'Низкий уровень оснащения школы' },
  { code: 2, name: 'Дефицит педагогических кадров' },
  { code: 3, name: 'Недостаточная предметная и методическая компетентность педагогических работников' },
  { code: 4, name: 'Риски низкой адаптивности учебного процесса' },
  { code: 5, name: 'Несформированность внутришкольной системы повышения квалификации' },
  { code: 6, name: 'Высокая доля обучающихся с рисками учебной неуспешности' },
  { code: 7, name: 'Низкое качество преодоления языковых и культурных барьеров' },
  { code: 8, name: 'Пониженный уровень качества школьной образовательной и воспитательной среды' },
  { code: 9, name: 'Высокая доля обучающихся с ОВЗ' },
  { code: 10, name: 'Низкий уровень вовлеченности родителей' },
  { code: 11, name: 'Низкая учебная мотивация обучающихся' },
];
