import { normalizeLabel } from './text.ts';

/** Canonical Russian subject names and the spellings seen in exports (file titles use the dative). */
const SUBJECT_ALIASES: Record<string, string[]> = {
  'Русский язык': ['русский язык', 'русскому языку', 'русский', 'ру', 'рус'],
  'Математика': ['математика', 'математике', 'ма', 'мат'],
  'Математика профильная': ['математика профильная', 'математика (профильная)', 'математика профиль', 'профильная математика', 'математике профильного уровня', 'математика п', 'математика (профильный уровень)', 'математика профильный уровень'],
  'Математика базовая': ['математика базовая', 'математика (базовая)', 'математика база', 'базовая математика', 'математике базового уровня', 'математика б', 'математика (базовый уровень)', 'математика базовый уровень'],
  'Окружающий мир': ['окружающий мир', 'окружающему миру'],
  'История': ['история', 'истории'],
  'Биология': ['биология', 'биологии'],
  'География': ['география', 'географии'],
  'Обществознание': ['обществознание', 'обществознанию'],
  'Физика': ['физика', 'физике'],
  'Химия': ['химия', 'химии'],
  'Информатика': ['информатика', 'информатике', 'информатика и икт'],
  'Литература': ['литература', 'литературе'],
  'Английский язык': ['английский язык', 'английскому языку'],
  'Немецкий язык': ['немецкий язык', 'немецкому языку'],
  'Французский язык': ['французский язык', 'французскому языку'],
};

const LOOKUP = new Map<string, string>();
for (const [canonical, aliases] of Object.entries(SUBJECT_ALIASES)) {
  LOOKUP.set(normalizeLabel(canonical), canonical);
  for (const a of aliases) LOOKUP.set(normalizeLabel(a), canonical);
}

/** The canonical subject for a spelling from a file, or undefined when it is not known. */
export function canonicalSubject(raw: string): string | undefined {
  return LOOKUP.get(normalizeLabel(raw));
}

/** All canonical subject names. */
export const SUBJECTS: readonly string[] = Object.keys(SUBJECT_ALIASES);

/** Assessment procedures Orientir knows. */
export const PROCEDURES = ['ВПР', 'ОГЭ', 'ЕГЭ'] as const;
export type Procedure = (typeof PROCEDURES)[number];
