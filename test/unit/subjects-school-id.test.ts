/** canonicalSubject (src/core/subjects.ts) and schoolIdFromLogin (src/core/school-id.ts). */
import { describe, it, expect } from 'vitest';
import { canonicalSubject, SUBJECTS } from '../../src/core/subjects.ts';
import { readFileSync } from 'node:fs';
import { schoolIdFromLogin, schoolIdSql } from '../../src/core/school-id.ts';
import { createNodeEngine } from '../../src/db/node-engine.ts';
import { REAL } from '../helpers.ts';
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
    ['SCH224404', '224404'],
    // Another kind of organisation with the same number is another school.
    ['ksh220028', 'ksh220028'],
    ['KSH220028', 'ksh220028'],
    ['spo220028 | колледж', 'spo220028'],
  ])('%s → %s', (login, id) => {
    expect(schoolIdFromLogin(login)).toBe(id);
  });

  it('SQL gives the same key as TypeScript for every login of the real directory and odd spellings', async () => {
    const logins = readFileSync(`${REAL}/altai-schools/logins.csv`, 'utf8').split('\n').slice(1).map((l) => l.split(',')[0]!).filter(Boolean);
    const odd = ['sch224404', ' edu224404 ', 'ksh220028', 'KSH220028', '224404', 'sch12', 'school', 'МБОУ СОШ', '', 'edu223568 | МБОУ «СОШ № 123»', '№5 sch224145', 'spo220028'];
    const all = [...logins, ...odd];
    expect(logins.length).toBeGreaterThan(600);
    const engine = await createNodeEngine();
    try {
      const values = all.map((l) => `('${l.replace(/'/g, "''")}')`).join(', ');
      const rows = await engine.query<{ login: string; id: string | null }>(`SELECT login, ${schoolIdSql('login')} AS id FROM (VALUES ${values}) t(login)`);
      expect(rows.map((r) => r.id ?? undefined)).toEqual(all.map((l) => schoolIdFromLogin(l)));
    } finally {
      await engine.close();
    }
    // Every login of the directory has its own key: sch220028 and ksh220028 are two schools.
    expect(new Set(logins.map((l) => schoolIdFromLogin(l))).size).toBe(logins.length);
  });

  it('the first run of 3+ digits wins (№ in a name after the login)', () => {
    expect(schoolIdFromLogin('edu223568 | МБОУ «СОШ № 123»')).toBe('223568');
  });
});
