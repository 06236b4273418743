import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblems } from '../core/import-problem.ts';
import { readOnlyViolation } from '../core/sql/read-only.ts';
import type { Engine, Row } from '../db/engine.ts';
import { importFile, orderForImport } from '../db/import-file.ts';
import { migrate } from '../db/migrate.ts';
import { createNodeEngine } from '../db/node-engine.ts';
import { loadWorkspace, saveWorkspace } from '../db/workspace.ts';
import { formatRows, type OutputFormat } from './format-rows.ts';

const USAGE = `Ориентир — командная строка (та же аналитика, что в браузере, на DuckDB в Node).

  orientir import --db FILE.duckdb [--year Г] [--subject П] [--grade К] ПУТЬ...
      Импортирует файлы и папки (CSV шаблонов Ориентира, выгрузки ФИС ОКО).
      Всё или ничего: при ошибке база не меняется, код выхода 1.
  orientir sql --db FILE.duckdb [--format table|csv|json] "SELECT …"
      Выполняет запрос только на чтение к модели данных (см. README, «Модель данных»).

Файл --db — рабочая область Ориентира (тот же формат, что «Экспорт рабочей области» в приложении).`;

/** Runs the command line; returns the process exit code. */
export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'import' && command !== 'sql') {
    (command === undefined || command === '--help' || command === 'help' ? out : err).write(USAGE + '\n');
    return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
  }
  let args;
  try {
    args = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        format: { type: 'string', default: 'table' },
        year: { type: 'string' },
        subject: { type: 'string' },
        grade: { type: 'string' },
        procedure: { type: 'string' },
      },
    });
  } catch (e) {
    err.write(`Ошибка в аргументах: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}\n`);
    return 2;
  }
  const dbPath = args.values.db;
  if (!dbPath) {
    err.write('Укажите файл базы: --db FILE.duckdb\n');
    return 2;
  }
  const engine = await createNodeEngine();
  try {
    if (existsSync(dbPath)) await loadWorkspace(engine, new Uint8Array(readFileSync(dbPath)));
    else await migrate(engine);
    if (command === 'import') return await runImport(engine, dbPath, args.positionals, args.values, out, err);
    return await runSql(engine, args.positionals.join(' '), args.values.format as OutputFormat, out, err);
  } catch (e) {
    err.write(`Ошибка: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await engine.close();
  }
}

async function runImport(
  engine: Engine,
  dbPath: string,
  paths: string[],
  opts: { year?: string; subject?: string; grade?: string; procedure?: string },
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  if (paths.length === 0) {
    err.write('Укажите файлы или папки для импорта.\n');
    return 2;
  }
  const files: Array<{ name: string; path: string; bytes: Uint8Array }> = [];
  for (const p of paths) {
    if (!existsSync(p)) {
      err.write(`Файл или папка не найдены: ${p}\n`);
      return 1;
    }
    for (const file of listFiles(p)) files.push({ name: path.basename(file), path: file, bytes: new Uint8Array(readFileSync(file)) });
  }
  const context = {
    ...(opts.year ? { year: Number(opts.year) } : {}),
    ...(opts.subject ? { subject: opts.subject } : {}),
    ...(opts.grade ? { grade: Number(opts.grade) } : {}),
    ...(opts.procedure ? { procedure: opts.procedure.toUpperCase() } : {}),
  };
  for (const f of orderForImport(files)) {
    const r = await importFile(engine, f.name, f.bytes, { context });
    if (r.status === 'failed') {
      err.write(`✗ ${f.path}\n${formatProblems(r.problems, r.more)}\nИмпорт отменён: база данных не изменена.\n`);
      return 1;
    }
    out.write(
      r.status === 'duplicate'
        ? `= ${f.path}: этот файл уже импортирован (импорт № ${r.importId}), ничего не изменено\n`
        : `✓ ${f.path}: ${r.format}, строк: ${r.rows}\n`,
    );
  }
  const bytes = await saveWorkspace(engine);
  const tmp = `${dbPath}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, dbPath);
  return 0;
}

async function runSql(engine: Engine, sql: string, format: OutputFormat, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const violation = readOnlyViolation(sql);
  if (violation) {
    err.write(violation + '\n');
    return 1;
  }
  if (!['table', 'csv', 'json'].includes(format)) {
    err.write(`Неизвестный формат вывода «${format}»: table, csv или json.\n`);
    return 2;
  }
  await engine.exec('SET enable_external_access = false; SET lock_configuration = true');
  let rows: Row[];
  try {
    rows = await engine.query(sql);
  } catch (e) {
    err.write(`Ошибка SQL: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  out.write(formatRows(rows, format));
  return 0;
}

const IMPORTABLE = /\.(csv|tsv|txt|xlsx)$/i;

function listFiles(p: string): string[] {
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? listFiles(path.join(p, d.name)) : IMPORTABLE.test(d.name) ? [path.join(p, d.name)] : []))
    .sort();
}
