import { refreshDerivedStatements, refreshSlicesStatements } from '../core/sql/derived.ts';
import type { Engine } from './engine.ts';
import { seedReferenceScales } from './migrate.ts';
import { inTransaction } from './transaction.ts';
import { DATA_TABLES } from './workspace.ts';

/**
 * SQL of the (year, procedure, subject, grade) slices an import's results and scales are in — its
 * student rows' slices are among its school results' — read while its rows are still there.
 */
export function importSlicesSql(importId: number): string {
  const id = Math.trunc(importId);
  return ['student_results', 'school_results', 'grading_scales'].map((t) => `SELECT year, procedure, subject, grade FROM ${t} WHERE import_id = ${id}`).join(' UNION ALL ');
}

/**
 * Removes one import and every row it brought, in one transaction. Schools it created stay while
 * other imports still have results for them. The derived tables are refreshed in the same
 * transaction, for the slices the import's results and scales were in.
 */
export async function removeImport(engine: Engine, importId: number): Promise<void> {
  const id = Math.trunc(importId);
  await inTransaction(engine, async () => {
    // Schools it created go only when no results are left for them, so only categories can
    // change what other results roll up to.
    const [cat] = await engine.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM school_categories WHERE import_id = ${id}) AS any`);
    const [changed, ...refresh] = refreshSlicesStatements(importSlicesSql(id), { schools: cat?.any === true });
    // The slices are read before their rows go.
    await engine.exec(changed!);
    for (const table of DATA_TABLES) {
      if (table === 'schools') continue;
      await engine.exec(`DELETE FROM ${table} WHERE import_id = ${id}`);
    }
    await engine.exec(`DELETE FROM schools WHERE import_id = ${id}
      AND school_id NOT IN (SELECT school_id FROM school_results UNION SELECT school_id FROM student_results)`);
    await engine.exec(`DELETE FROM imports WHERE id = ${id}`);
    await seedReferenceScales(engine);
    for (const sql of refresh) await engine.exec(sql);
  });
}

/** Deletes all imported data (the schema, settings and the shipped reference scales stay); the derived tables are emptied with it. */
export async function removeAllData(engine: Engine): Promise<void> {
  await inTransaction(engine, async () => {
    for (const table of DATA_TABLES) {
      if (table === 'grading_scales') await engine.exec(`DELETE FROM grading_scales WHERE import_id IS NOT NULL`);
      else await engine.exec(`DELETE FROM ${table}`);
    }
    await engine.exec('DELETE FROM imports');
    await seedReferenceScales(engine);
    for (const sql of refreshDerivedStatements()) await engine.exec(sql);
  });
}
