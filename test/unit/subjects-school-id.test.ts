/** canonicalSubject (src/core/subjects.ts) and schoolIdFromLogin (src/core/school-id.ts). */
import { describe, it, expect } from 'vitest';
import { canonicalSubject, SUBJECTS } from '../../src/core/subjects.ts';
import { schoolIdFromLogin } from '../../src/core/school-id.ts';
import { contextFromTitle } from '../../src/core/layouts/context-from-title.ts';

describe('canonicalSubject', () => {
  it.each([
    // dative forms from ФИС ОКО titles
    ['математике', 'Математика'],
    ['русскому языку', 'Русский язык'],
    ['окружающему миру', 'Окружающий мир'],
    ['истории', 'История'],
    ['обществознанию', 'Обществознание'],
    ['английскому языку', 'Английский язык'],
    ['математике профильного уровня', 'Математика профильная'],
    ['математике базового уровня', 'Математика базовая'],
    // short codes of objectivity lists («4 РУ», «5 МА»)
    ['РУ', 'Русский язык'],
    ['МА', 'Математика'],
    ['рус', 'Русский язык'],
    ['мат', 'Математика'],
    // case, spaces, ё-less spelling, quotes
    ['МАТЕМАТИКА', 'Математика'],
    ['Русский Язык', 'Русский язык'],
    ['  русский\u00a0язык ', 'Русский язык'],
    ['«Математика»', 'Математика'],
    ['Математика (профильная)', 'Математика профильная'],
    ['Информатика и ИКТ', 'Информатика'],
    // canonical names map to themselves
    ...SUBJECTS.map((s) => [s, s] as [string, string]),
  ])('%s → %s', (raw, canonical) => {
    expect(canonicalSubject(raw)).toBe(canonical);
  });

  it.each(['', 'астрономия', 'математ', 'МХК', 'русский язык и литература', 'ру ма'])('unknown «%s» → undefined', (raw) => {
    expect(canonicalSubject(raw)).toBeUndefined();
  });

  it('composes with contextFromTitle', () => {
    const ctx = contextFromTitle('Проведение работы по русскому языку, 5 класс. ВПР 2021');
    expect(canonicalSubject(ctx.subject!)).toBe('Русский язык');
  });
});

describe('schoolIdFromLogin', () => {
  it.each([
    ['sch224404', '224404'],
    ['edu224404', '224404'],
    ['edu223568 | МБОУ «СОШ № 5»', '223568'],
    ['  sch224404  ', '224404'],
    ['224404', '224404'],
    ['990101', '990101'],
    ['sch12', undefined], // fewer than 3 digits is not a login number
    ['school', undefined],
    ['МБОУ СОШ', undefined],
    ['', undefined],
  ])('%s → %s', (login, id) => {
    expect(schoolIdFromLogin(login)).toBe(id);
  });

  it('the first run of 3+ digits wins (№ in a name after the login)', () => {
    expect(schoolIdFromLogin('edu223568 | МБОУ «СОШ № 123»')).toBe('223568');
  });
});
