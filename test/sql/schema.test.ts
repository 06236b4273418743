/**
 * The generated schema (src/core/sql/schema.generated.ts, `migrate` on a new database) against the
 * migrations it stands for (`migrate(…, { replay: true })`): the file is what the generator writes
 * today, both databases have the same objects with the same columns and seeded rows, and after the
 * sample municipality is imported into both, every table and view holds the same rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/db/engine.ts';
import { createViews, migrate } from '../../src/db/migrate.ts';
import { createNodeEngine } from '../../src/db/node-engine.ts';
import { dumpSchema } from '../../src/db/schema-dump.ts';
import { MIGRATIONS } from '../../src/core/sql/migrations.ts';
import { SCHEMA_VIEWS } from '../../src/core/sql/schema.generated.ts';
import { importSample, ROOT } from '../helpers.ts';

let replayed: Engine;
let generated: Engine;
beforeAll(async () => {
  replayed = await createNodeEngine();
  generated = await createNodeEngine();
  expect(await migrate(replayed, { replay: true })).toEqual(MIGRATIONS.map((m) => m.version));
  expect(await migrate(generated)).toEqual(MIGRATIONS.map((m) => m.version));
});
afterAll(async () => {
  await replayed?.close();
  await generated?.close();
});

/** Every object's columns with their types, as `kind name.column type`, in a stable order. */
const columns = async (engine: Engine) =>
  (await engine.query<{ c: string }>(
    `SELECT concat_ws(' ', CASE WHEN t.table_type = 'VIEW' THEN 'view' ELSE 'table' END, c.table_name || '.' || c.column_name, c.data_type, c.is_nullable) AS c
     FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = 'main' ORDER BY c.table_name, c.ordinal_position`,
  )).map((r) => r.c);

const objects = async (engine: Engine) =>
  (await engine.query<{ name: string; kind: string }>(
    `SELECT table_name AS name, table_type AS kind FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1`,
  ));

/** Rows of `name` in one engine and not the other, both ways (EXCEPT ALL keeps duplicates apart). */
async function difference(a: Engine, b: Engine, name: string): Promise<[number, number]> {
  const dump = async (engine: Engine) => {
    const file = engine.scratchPath(`schema_test_${name}.csv`);
    // An import's time is the clock's, not the schema's.
    const columns = name === 'imports' ? '* EXCLUDE (imported_at)' : '*';
    await engine.exec(`COPY (SELECT ${columns} FROM "${name}") TO '${file}' (FORMAT csv, HEADER true, NULLSTR '\\N')`);
    return engine.readFile(file);
  };
  const [ba, bb] = [await dump(a), await dump(b)];
  await a.registerFile('left.csv', ba);
  await a.registerFile('right.csv', bb);
  try {
    const read = (f: string) => `read_csv('${f}', header = true, all_varchar = true, nullstr = '\\N', auto_detect = true)`;
    const [r] = await a.query<{ l: number; r: number }>(
      `SELECT (SELECT count(*) FROM (SELECT * FROM ${read('left.csv')} EXCEPT ALL SELECT * FROM ${read('right.csv')}))::DOUBLE AS l,
              (SELECT count(*) FROM (SELECT * FROM ${read('right.csv')} EXCEPT ALL SELECT * FROM ${read('left.csv')}))::DOUBLE AS r`,
    );
    return [r!.l, r!.r];
  } finally {
    await a.dropFile('left.csv');
    await a.dropFile('right.csv');
  }
}

describe('generated schema', () => {
  it('is what the generator writes from the migrations today (run `npm run schema` after changing a migration)', async () => {
    const file = readFileSync(path.join(ROOT, 'src/core/sql/schema.generated.ts'), 'utf8');
    expect(await dumpSchema(replayed)).toBe(file);
  });

  it('creates the same tables and views, with the same columns and types, as replaying the migrations', async () => {
    expect(await objects(generated)).toEqual(await objects(replayed));
    expect(await columns(generated)).toEqual(await columns(replayed));
    expect((await objects(generated)).filter((o) => o.kind === 'VIEW').map((o) => o.name).sort()).toEqual(SCHEMA_VIEWS.map((v) => v.name).sort());
  });

  it('seeds the same rows and records the same versions', async () => {
    for (const name of ['goals', 'risk_factors', 'monitoring_settings', 'ege_minimums', 'analytics_settings', 'grading_scales']) {
      expect(await difference(generated, replayed, name), name).toEqual([0, 0]);
    }
    const versions = (e: Engine) => e.query('SELECT version, description FROM schema_version ORDER BY version');
    expect(await versions(generated)).toEqual(await versions(replayed));
    expect(await migrate(generated)).toEqual([]);
  });

  it('gives every table and view the same rows as the migrations once the sample is imported', async () => {
    await importSample(replayed);
    await importSample(generated);
    const names = (await objects(replayed)).map((o) => o.name).filter((n) => n !== 'schema_version');
    expect(names.length).toBeGreaterThan(60);
    const differing: string[] = [];
    let filled = 0;
    for (const name of names) {
      const [l, r] = await difference(generated, replayed, name);
      if (l || r) differing.push(`${name}: ${l}/${r}`);
      const [n] = await generated.query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM "${name}"`);
      if (n!.n > 0) filled++;
    }
    expect(differing).toEqual([]);
    // The comparison means something only if the sample fills most objects.
    expect(filled).toBeGreaterThan(names.length * 0.7);
  }, 300_000);

  it('can leave the views for later: tables first, then createViews gives the full schema', async () => {
    const later = await createNodeEngine();
    try {
      await migrate(later, { views: false });
      expect((await objects(later)).filter((o) => o.kind === 'VIEW')).toEqual([]);
      await createViews(later);
      expect(await columns(later)).toEqual(await columns(replayed));
    } finally {
      await later.close();
    }
  });
});
