import { VPR_2021_SCALES_CSV } from '../core/reference/grading-scales.ts';
import { SCHEMA_SEED, SCHEMA_TABLES, SCHEMA_VERSIONS, SCHEMA_VIEWS } from '../core/sql/schema.generated.ts';
import { sqlString } from '../core/text.ts';
import type { Engine } from './engine.ts';
import { inTransaction } from './transaction.ts';

/** What `migrate` may do differently from bringing everything up to date in one go. */
export interface MigrateOptions {
  /** False: a new database gets no reference scales (a workspace about to be loaded brings its own). */
  seedScales?: boolean;
  /** False: a new database gets its tables but not its views yet (`createViews` adds them later). */
  views?: boolean;
  /** True: a new database replays every migration instead of taking the generated schema (the generator does). */
  replay?: boolean;
  /** Tables a new database gets without their seeded rows (the caller fills them at once from a workspace). */
  skipSeed?: readonly string[];
}

/**
 * Brings a database to the newest schema version; returns the versions applied. A new database
 * (every browser start) is created from the generated schema in one statement batch: replaying the
 * migrations would build and then replace views and tables several times.
 */
export async function migrate(engine: Engine, options: MigrateOptions = {}): Promise<number[]> {
  const [known] = await engine.query<{ n: number }>(
    `SELECT count(*)::DOUBLE AS n FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'schema_version'`,
  );
  if (known?.n === 0 && !options.replay) {
    await inTransaction(engine, async () => {
      await engine.exec(
        [
          ...SCHEMA_TABLES,
          ...SCHEMA_SEED.filter((s) => !options.skipSeed?.includes(s.table)).map((s) => s.sql),
          ...(options.views === false ? [] : SCHEMA_VIEWS.map((v) => v.sql)),
          `INSERT INTO schema_version VALUES ${SCHEMA_VERSIONS.map((m) => `(${m.version}, ${sqlString(m.description)}, current_timestamp::TIMESTAMP)`).join(', ')}`,
        ].join(';\n'),
      );
      if (options.seedScales !== false) await seedReferenceScales(engine);
    });
    return SCHEMA_VERSIONS.map((m) => m.version);
  }
  await engine.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, description VARCHAR, applied_at TIMESTAMP)');
  const done = new Set((await engine.query<{ version: number }>('SELECT version FROM schema_version')).map((r) => r.version));
  if (!options.replay && SCHEMA_VERSIONS.every((m) => done.has(m.version))) return [];
  // Only an older database replays migrations: their text stays out of the app's first chunk.
  const { MIGRATIONS } = await import('../core/sql/migrations.ts');
  const pending = MIGRATIONS.filter((m) => !done.has(m.version));
  // All pending migrations in one transaction and one round trip: a failure leaves the previous version intact.
  await inTransaction(engine, async () => {
    await engine.exec(
      pending
        .map((m) => `${m.sql};\nINSERT INTO schema_version VALUES (${m.version}, ${sqlString(m.description)}, current_timestamp::TIMESTAMP);`)
        .join('\n'),
    );
    if (pending.some((m) => m.version === 1) && options.seedScales !== false) await seedReferenceScales(engine);
  });
  return pending.map((m) => m.version);
}

/** Creates the views a database made with `migrate(…, { views: false })` still lacks, in one statement batch. */
export async function createViews(engine: Engine): Promise<void> {
  await engine.exec(SCHEMA_VIEWS.map((v) => v.sql).join(';\n'));
}

/**
 * Ships the known ВПР scales. The Altai regional system used the 2021 scale for 2020–2022, so it
 * is seeded for those three years; a scales file imported later replaces any of them, and removing
 * that import brings the reference scale back (only keys with no scale are seeded).
 */
export async function seedReferenceScales(engine: Engine): Promise<void> {
  const name = 'reference_scales.csv';
  await engine.registerFile(name, new TextEncoder().encode(VPR_2021_SCALES_CSV));
  try {
    // One statement for the three years: the CSV is parsed once (this runs on every browser start).
    await engine.exec(`INSERT INTO grading_scales
      SELECT r.procedure, y.year, r.subject, r.grade, r.max_score, r.min_score_3, r.min_score_4, r.min_score_5,
        CASE WHEN y.year = 2021 THEN ${sqlString('справочник: шкала ВПР 2021')} ELSE ${sqlString('справочник: шкала ВПР 2021, применённая к ')} || y.year END, NULL
      FROM (SELECT *, row_number() OVER () AS line FROM read_csv(${sqlString(name)}, header = true, auto_detect = false, delim = ',',
        columns = {'procedure': 'VARCHAR', 'year': 'INTEGER', 'subject': 'VARCHAR', 'grade': 'INTEGER', 'max_score': 'DOUBLE',
                   'min_score_3': 'DOUBLE', 'min_score_4': 'DOUBLE', 'min_score_5': 'DOUBLE'})) r
      CROSS JOIN (VALUES (2020), (2021), (2022)) y(year)
      WHERE NOT EXISTS (SELECT 1 FROM grading_scales g WHERE g.procedure = r.procedure AND g.year = y.year
        AND g.subject = r.subject AND g.grade = r.grade)
      ORDER BY y.year, r.line`);
  } finally {
    await engine.dropFile(name);
  }
}
