/**
 * Synthetic schools for «Сравнение» tests, written as the canonical templates (a school directory and
 * results by school) so they enter through the ordinary import, in Node and in the browser alike.
 */

/** Municipalities the synthetic schools are spread over (names unlike the sample's). */
export const SYNTHETIC_MUNICIPALITIES = ['Синтетический район № 1', 'Синтетический район № 2', 'Синтетический район № 3'];

/** The synthetic school ids: 6-digit codes that never clash with the sample's 9901xx. */
export function syntheticId(i: number): string {
  return String(500000 + i);
}

/**
 * `count` schools with ВПР Математика 4 results in `year` (and `year` − 1 for every other school),
 * deterministic, with varied counts so every column sorts differently; every 7th school has no marks
 * in `year` (only a trend), so empty values are exercised too.
 */
export function syntheticSchools(count: number, year = 2025): { schoolsCsv: string; resultsCsv: string } {
  const schools = ['school_id,login,name,municipality,region'];
  const results = ['year,procedure,subject,grade,school_id,participants,n2,n3,n4,n5'];
  for (let i = 0; i < count; i++) {
    const id = syntheticId(i);
    schools.push(`${id},sch${id},Синтетическая школа № ${i + 1},${SYNTHETIC_MUNICIPALITIES[i % SYNTHETIC_MUNICIPALITIES.length]},Условная область`);
    const n2 = (i * 7) % 5;
    const n3 = 3 + ((i * 11) % 9);
    const n4 = (i * 13) % 12;
    const n5 = (i * 17) % 6;
    if (i % 7 !== 3) results.push(`${year},ВПР,Математика,4,${id},${n2 + n3 + n4 + n5},${n2},${n3},${n4},${n5}`);
    if (i % 2 === 0) results.push(`${year - 1},ВПР,Математика,4,${id},20,${(i % 4) + 1},8,${5 + (i % 3)},${6 - (i % 4) - (i % 3)}`);
  }
  return { schoolsCsv: schools.join('\n') + '\n', resultsCsv: results.join('\n') + '\n' };
}
