/**
 * Per-statement profile of the 1M-row cp1251 student import on the Node engine (DuckDB-WASM
 * blocking bundle), next to DuckDB's bare `read_csv` of the same rows in UTF-8.
 *
 *   npx tsx scripts/bench/import-profile.ts [runs]
 *
 * Builds (or reuses) the bench's 1M-row file (scripts/bench/data.ts). Each run uses a fresh,
 * migrated engine; every SQL statement `importFile` sends is timed through a wrapping engine, and
 * the JS-side steps (sha256, decode, sniff) are timed by the stage callbacks around them.
 * Prints per-stage and per-statement timings and the ratio full import / bare read_csv, in wall
 * time and in CPU time of this process (the blocking bundle runs DuckDB on this thread, so CPU time
 * is the work done, less disturbed than wall time when other processes share the cores).
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeFile, decodeText } from '../../src/core/decode.ts';
import { sha256Hex } from '../../src/core/sha256.ts';
import type { Engine } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createNodeEngine } from '../../src/db/node-engine.ts';
import { ensureStudentFiles } from './data.ts';

const runs = Number(process.argv[2] ?? 2);
const log = (s: string) => process.stdout.write(`${s}\n`);
const { cp1251, utf8 } = ensureStudentFiles(log);

/** Short label for a statement: its first words, whitespace squeezed. */
const label = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 90);

/** CPU milliseconds (user + system) of this process since `from`. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

function timed(engine: Engine, out: Array<{ sql: string; ms: number; cpu: number }>): Engine {
  const wrap = <A extends unknown[], R>(f: (...a: A) => Promise<R>, sqlOf: (...a: A) => string) => async (...a: A) => {
    const t = performance.now();
    const c = process.cpuUsage();
    try {
      return await f(...a);
    } finally {
      out.push({ sql: sqlOf(...a), ms: performance.now() - t, cpu: cpuMs(c) });
    }
  };
  return {
    ...engine,
    query: wrap(engine.query.bind(engine), (s: string) => s) as Engine['query'],
    exec: wrap(engine.exec.bind(engine), (s: string) => s),
    registerFile: wrap(engine.registerFile.bind(engine), (n: string, _b: Uint8Array) => `registerFile ${n}`),
    dropFile: wrap(engine.dropFile.bind(engine), (n: string) => `dropFile ${n}`),
  };
}

async function bare(): Promise<{ ms: number; cpu: number }> {
  const bytes = new Uint8Array(fs.readFileSync(utf8));
  const engine = await createNodeEngine();
  try {
    await migrate(engine);
    await engine.registerFile('bare.csv', bytes);
    const t = performance.now();
    const c = process.cpuUsage();
    await engine.exec(`CREATE TABLE bare AS SELECT * FROM read_csv('bare.csv', delim = ';', header = true)`);
    return { ms: performance.now() - t, cpu: cpuMs(c) };
  } finally {
    await engine.close();
  }
}

async function full(): Promise<{ ms: number; cpu: number; stages: Record<string, number>; stmts: Array<{ sql: string; ms: number; cpu: number }> }> {
  const bytes = new Uint8Array(fs.readFileSync(cp1251));
  const engine = await createNodeEngine();
  try {
    await migrate(engine);
    const stmts: Array<{ sql: string; ms: number; cpu: number }> = [];
    const stages: Record<string, number> = {};
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let last = t0;
    let lastName = 'start';
    const r = await importFile(timed(engine, stmts), path.basename(cp1251), bytes, {
      onStage: (s) => {
        const now = performance.now();
        stages[lastName] = now - last;
        last = now;
        lastName = s;
      },
    });
    const ms = performance.now() - t0;
    const cpu = cpuMs(c0);
    stages[lastName] = performance.now() - last;
    if (r.status !== 'ok') throw new Error(`import failed: ${JSON.stringify(r.problems.slice(0, 3))}`);
    return { ms, cpu, stages, stmts };
  } finally {
    await engine.close();
  }
}

const bytes = new Uint8Array(fs.readFileSync(cp1251));
let t = performance.now();
decodeText(bytes);
log(`decodeText alone: ${(performance.now() - t).toFixed(0)} ms`);
t = performance.now();
new TextEncoder().encode(decodeText(bytes).text);
log(`decodeText + TextEncoder (before): ${(performance.now() - t).toFixed(0)} ms`);
t = performance.now();
decodeFile(bytes).utf8();
log(`decodeFile + utf8() (the importer's, transcoded byte by byte): ${(performance.now() - t).toFixed(0)} ms`);
t = performance.now();
await sha256Hex(bytes);
log(`sha256 alone (overlaps the transcoding in the importer): ${(performance.now() - t).toFixed(0)} ms`);

const bares: Array<{ ms: number; cpu: number }> = [];
const fulls: Array<{ ms: number; cpu: number }> = [];
for (let i = 0; i < runs; i++) {
  bares.push(await bare());
  const f = await full();
  fulls.push(f);
  log(`\nrun ${i + 1}: bare read_csv ${bares.at(-1)!.ms.toFixed(0)} ms (CPU ${bares.at(-1)!.cpu.toFixed(0)}), full import ${f.ms.toFixed(0)} ms (CPU ${f.cpu.toFixed(0)})`);
  log(`  stages: ${Object.entries(f.stages).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')} (ms; each stage runs until the next begins)`);
  const sqlTotal = f.stmts.reduce((s, x) => s + x.ms, 0);
  log(`  SQL total ${sqlTotal.toFixed(0)} ms, JS/other ${(f.ms - sqlTotal).toFixed(0)} ms`);
  for (const s of f.stmts.filter((x) => x.ms >= 20)) log(`  ${s.ms.toFixed(0).padStart(6)} ms  CPU ${s.cpu.toFixed(0).padStart(6)}  ${label(s.sql)}`);
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor((a.length - 1) / 2)]!;
const wall = [med(bares.map((b) => b.ms)), med(fulls.map((f) => f.ms))] as const;
const cpu = [med(bares.map((b) => b.cpu)), med(fulls.map((f) => f.cpu))] as const;
log(`\nmedian bare ${wall[0].toFixed(0)} ms, median full ${wall[1].toFixed(0)} ms, ratio ${(wall[1] / wall[0]).toFixed(2)}`);
log(`median CPU: bare ${cpu[0].toFixed(0)} ms, full ${cpu[1].toFixed(0)} ms, ratio ${(cpu[1] / cpu[0]).toFixed(2)}`);
