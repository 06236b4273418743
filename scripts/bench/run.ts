/**
 * `npm run bench`: builds the app (as `npm run build`, into dist-bench/app/) and the bench entry
 * (dist-bench/entry/) for production, then
 * measures in one run, in headless Debian Chromium (playwright-core) and in Node:
 *   1. import of a 1M-row windows-1251 student CSV (full pipeline) vs DuckDB's bare read_csv
 *   2. the real 26 666-row ФИС ОКО xlsx through the full pipeline
 *   3. cold start of the real app with the region persisted in OPFS (shell, first chart)
 *   4. the pages' SQL at region scale
 *   5. peak browser memory at region scale (/proc of Chromium's processes)
 *   6. the initial JavaScript of the app build
 * and writes docs/bench-results.json and docs/benchmarks.md. Options (env):
 *   BENCH_YEARS=2019-2025   years of the region workspace for cold start / queries / memory
 *   BENCH_SKIP_BUILD=1      reuse dist-bench/app and dist-bench/entry as they are (needs BENCH_KEEP_BUILD=1 before)
 *   BENCH_KEEP_BUILD=1      keep dist-bench/ after the run (removed by default: eslint would lint it)
 *   BENCH_WORKSPACE=file    convert this single-file workspace to the OPFS layout instead of building the region
 *   BENCH_QUICK=1           one run of each measure (to check the bench itself; figures not for quoting)
 *   BENCH_DIST=folder       build into this folder instead of dist-bench/
 *   (BENCH_QUICK and BENCH_ONLY write their figures to $TMPDIR/orientir-bench/check/, not docs/)
 *   BENCH_ONLY=region,cold  only these steps (bundle, import, xlsx, region, cold), to check parts of the bench
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { preview, type Plugin, type PreviewServer } from 'vite';
import { CHROMIUM, CHROMIUM_OPTIONS } from '../../test/browser/harness.ts';
import { CACHE, ensureRegion, ensureStudentFiles, STUDENT_ROWS } from './data.ts';
import { measure, memorySampler, median, p95, type Measure } from './measure.ts';
import { ensureRegionWorkspace, nodeImportOnce, type RegionFiles } from './node-side.ts';

const ROOT = process.cwd();
/** Where the builds go: dist-bench/ in the repo, or BENCH_DIST (a folder of one's own while others work in the tree). */
const DIST = process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : path.join(ROOT, 'dist-bench');
const APP_DIST = path.join(DIST, 'app');
const ENTRY_DIST = path.join(DIST, 'entry');
const XLSX = path.resolve(ROOT, '../shared/data/real/altai-vpr-2021/Проведение работы по математике, 4 класс. ВПР 2021.xlsx');
const XLSX_ROWS = 26_666;
const PANDAS_XLSX_MS = 3900; // pandas + openpyxl on this machine, a fixed reference (not run here)
const yearsArg = /^(\d{4})-(\d{4})$/.exec(process.env.BENCH_YEARS ?? '2019-2025')!;
const YEARS: number[] = [];
for (let y = Number(yearsArg[1]); y <= Number(yearsArg[2]); y++) YEARS.push(y);

const ONLY = process.env.BENCH_ONLY?.split(',').map((x) => x.trim());
/** Whether a step of the bench runs (all of them unless BENCH_ONLY names some). */
const step = (name: 'bundle' | 'import' | 'xlsx' | 'region' | 'cold') => !ONLY || ONLY.includes(name);
const QUICK = Boolean(process.env.BENCH_QUICK); // one run of everything, for checking the bench itself
const RUNS = QUICK
  ? { engine: 1, bare: 1, importBrowser: 1, importNode: 1, xlsx: 1, coldStart: 2, queryRepeat: 1, trendSchools: 20, scroll: 1 }
  : { engine: 5, bare: 5, importBrowser: 3, importNode: 3, xlsx: 5, coldStart: 5, queryRepeat: 5, trendSchools: 20, scroll: 3 };

const t0 = Date.now();
const loadStart = os.loadavg();
const log = (s: string) => process.stdout.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);

const results: Record<string, Measure> = {};
const stageText = (st: Record<string, number>) => Object.entries(st).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ');
const notes: Record<string, string> = {};
const runsOf: Record<string, string> = {};
const extra: Record<string, unknown> = {};

// ───────────────────────────── preview servers ─────────────────────────────

/** Serves bench inputs under /__bench/ on the preview server itself: same origin as the page. */
function benchFiles(files: Record<string, string>): Plugin {
  return {
    name: 'orientir-bench-files',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = decodeURIComponent((req.url ?? '').split('?')[0]!);
        if (!url.startsWith('/__bench/')) return next();
        const name = url.slice('/__bench/'.length);
        if (name === 'blank.html') {
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.end('<!doctype html><title>bench</title><p>bench blank</p>');
          return;
        }
        const file = files[name];
        if (!file) {
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader('content-type', 'application/octet-stream');
        res.setHeader('content-length', String(fs.statSync(file).size));
        fs.createReadStream(file).pipe(res);
      });
    },
  };
}

async function serve(configFile: string | false, outDir: string, files: Record<string, string>): Promise<{ server: PreviewServer; origin: string }> {
  const server = await preview({
    configFile,
    root: ROOT,
    ...(configFile === false ? { base: './' } : {}),
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'silent',
    plugins: [benchFiles(files)],
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

const closeServer = (s: PreviewServer) => new Promise<void>((resolve) => s.httpServer.close(() => resolve()));

async function launch(profile: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await chromium.launchPersistentContext(profile, CHROMIUM_OPTIONS);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors };
}

// ───────────────────────────── steps ─────────────────────────────

function build() {
  if (process.env.BENCH_SKIP_BUILD) {
    log('BENCH_SKIP_BUILD: using dist-bench/ as it is');
    return;
  }
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  // The app's own production build (vite.config.ts, as `npm run build`), but into dist-bench/app so
  // a concurrent `npm run build` of dist/ cannot swap the files under a running measurement.
  log(`vite build (the app, vite.config.ts → ${path.relative(ROOT, APP_DIST) || APP_DIST}) …`);
  execFileSync(process.execPath, [vite, 'build', '--outDir', APP_DIST, '--emptyOutDir', '--logLevel', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] });
  log(`vite build -c vite.bench.config.ts (bench entry → ${path.relative(ROOT, ENTRY_DIST)}) …`);
  execFileSync(process.execPath, [vite, 'build', '-c', 'vite.bench.config.ts', '--outDir', ENTRY_DIST, '--emptyOutDir', '--logLevel', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Initial JS of dist/: the entry script and its modulepreloads from index.html, plus their static imports. */
function bundle() {
  const dist = APP_DIST;
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map((m) => m[1]!);
  const initial = new Set<string>();
  const visit = (rel: string, from: string) => {
    const file = path.resolve(from, rel);
    if (initial.has(file) || !fs.existsSync(file)) return;
    initial.add(file);
    const code = fs.readFileSync(file, 'utf8');
    // Static imports only (`import{a}from"./x.js"`, `import"./x.js"`); `import("./x.js")` is lazy.
    for (const m of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[^"'()]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) visit(m[1]!, path.dirname(file));
    for (const m of code.matchAll(/\bexport\s*(?:\*|\{[^}]*\})\s*from\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) visit(m[1]!, path.dirname(file));
  };
  for (const r of refs) visit(r, dist);
  const gz = (f: string) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
  const initialFiles = [...initial];
  const initialGzKB = initialFiles.reduce((s, f) => s + gz(f), 0) / 1000;
  const initialRawKB = initialFiles.reduce((s, f) => s + fs.statSync(f).size, 0) / 1000;
  const assets = fs.readdirSync(path.join(dist, 'assets'));
  const js = assets.filter((a) => a.endsWith('.js'));
  const xlsxMarker = (f: string) => /SheetJS/.test(fs.readFileSync(path.join(dist, 'assets', f), 'utf8'));
  const xlsxChunks = js.filter(xlsxMarker);
  const xlsxInInitial = xlsxChunks.filter((c) => initial.has(path.join(dist, 'assets', c)));
  const wasm = assets.filter((a) => a.endsWith('.wasm'));
  const allJsGzKB = js.reduce((s, f) => s + gz(path.join(dist, 'assets', f)), 0) / 1000;
  results.bundle_initial_js_gzip_kb = measure([initialGzKB], {
    target: '≤ 350 KB gzip (entry chunk + static imports)',
    met: (m) => m.median_ms! <= 350,
  });
  runsOf.bundle_initial_js_gzip_kb = '1 (static analysis)';
  notes.bundle_initial_js_gzip_kb = `${initialFiles.map((f) => path.basename(f)).join(', ')}: ${initialRawKB.toFixed(0)} KB raw, ${initialGzKB.toFixed(1)} KB gzip -9; all JS chunks ${allJsGzKB.toFixed(0)} KB gzip`;
  extra.bundle = {
    initial: initialFiles.map((f) => ({ file: path.basename(f), rawKB: +(fs.statSync(f).size / 1000).toFixed(1), gzipKB: +(gz(f) / 1000).toFixed(1) })),
    lazyJs: js.filter((f) => !initial.has(path.join(dist, 'assets', f))).map((f) => ({ file: f, gzipKB: +(gz(path.join(dist, 'assets', f)) / 1000).toFixed(1) })),
    xlsxChunks,
    xlsxLazy: xlsxChunks.length > 0 && xlsxInInitial.length === 0,
    wasm: wasm.map((w) => ({ file: w, MB: +(fs.statSync(path.join(dist, 'assets', w)).size / 1e6).toFixed(1) })),
    oneEhWasm: wasm.length === 1 && /duckdb-eh/.test(wasm[0]!),
  };
  log(`bundle: initial JS ${initialGzKB.toFixed(1)} KB gzip; xlsx lazy: ${(extra.bundle as { xlsxLazy: boolean }).xlsxLazy} (${xlsxChunks.join(', ')}); wasm: ${wasm.join(', ')}`);
}

async function nodeImports(cp1251: string) {
  const ms: number[] = [];
  let stages: Record<string, number> = {};
  for (let i = 0; i < RUNS.importNode; i++) {
    const r = await nodeImportOnce(cp1251);
    if (r.rows !== STUDENT_ROWS) throw new Error(`node import: ${r.rows} rows`);
    ms.push(r.ms);
    stages = r.stages;
    log(`  node import 1M cp1251: run ${i + 1}/${RUNS.importNode} ${(r.ms / 1000).toFixed(1)} s; stages start at ${stageText(r.stages)}`);
  }
  extra.nodeImportStages = stages;
  return ms;
}

interface SaveFigures {
  ms: number;
  written: string[];
  bytes: number;
}

/** Rows of the one import whose save is measured at region scale (new schools: no older import's file changes). */
const SAVE_IMPORT_ROWS = 2000;

/** The split workspace's files served under /__bench/split/. */
const splitServed = (region: RegionFiles) => Object.fromEntries(region.files.map((f) => [`split/${f}`, path.join(region.dir, f)]));

interface BenchWindow {
  __bench: {
    preload(url: string): Promise<number>;
    forget(url: string): void;
    engineStart(): Promise<{ instantiateMs: number; migrateMs: number }>;
    importPipeline(url: string, name: string): Promise<{ ms: number; rows: number; status: string; stages: Record<string, number>; problems: unknown[] }>;
    bareReadCsv(url: string, delim: string): Promise<{ ms: number; rows: number }>;
    bareReadCsvSameFile(url: string, delim: string): Promise<{ ms: number; rows: number }>;
    loadRegion(base: string, names: string[]): Promise<{ opfsBytes: number; instantiateMs: number; summaryMs: number; summaryRestMs: number; studentRowsMs: number; studentRows: number; schoolResults: number }>;
    saveRegion(rows: number): Promise<{ importMs: number; afterImport: SaveFigures; afterRemoval: SaveFigures; afterGoalEdit: SaveFigures }>;
    pageQueries(repeat: number, schools: number, filters: Record<string, unknown>): Promise<Record<string, number[]>>;
  };
}

async function browserBench(files: { cp1251: string; utf8: string; region: RegionFiles }, nodeMs: number[]) {
  const { server, origin } = await serve('vite.bench.config.ts', ENTRY_DIST, {
    ...(files.cp1251 ? { 'students-cp1251.csv': files.cp1251, 'students-utf8.csv': files.utf8 } : {}),
    'vpr-math-4-2021.xlsx': XLSX,
    ...splitServed(files.region),
  });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'orientir-bench-chromium-'));
  const { context, page, errors } = await launch(profile);
  page.setDefaultTimeout(600_000);
  try {
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction(() => '__bench' in window);
    const b = <T>(fn: (w: BenchWindow, arg: unknown) => Promise<T>, arg?: unknown) =>
      page.evaluate(([src, a]) => new Function('w', 'a', `return (${src})(w, a)`)(window, a) as Promise<T>, [fn.toString(), arg] as const);

    // DuckDB start (worker + instantiate + open) and migrations: part of every cold start.
    const inst: number[] = [];
    const mig: number[] = [];
    for (let i = 0; i < RUNS.engine; i++) {
      const r = await b((w) => w.__bench.engineStart());
      inst.push(r.instantiateMs);
      mig.push(r.migrateMs);
    }
    results.duckdb_instantiate_ms = measure(inst, { target: 'informative (part of cold start)' });
    results.duckdb_migrate_ms = measure(mig, { target: 'informative (part of cold start)' });
    runsOf.duckdb_instantiate_ms = runsOf.duckdb_migrate_ms = `${RUNS.engine} (first includes wasm compile; later ones hit the compiled-module cache)`;
    log(`DuckDB instantiate median ${median(inst).toFixed(0)} ms, migrate ${median(mig).toFixed(0)} ms`);

    if (step('import')) {
      // 1. import: bare read_csv (UTF-8) vs the full pipeline (cp1251), runs alternating so that a
      // change in the machine's load falls on both.
      await b((w, a) => w.__bench.preload(a as string), '/__bench/students-utf8.csv');
      await b((w, a) => w.__bench.preload(a as string), '/__bench/students-cp1251.csv');
      const bare: number[] = [];
      const bareSameFile: number[] = [];
      const pipe: number[] = [];
      let stages: Record<string, number> = {};
      for (let i = 0; i < Math.max(RUNS.bare, RUNS.importBrowser); i++) {
        if (i < RUNS.bare) {
          const r = await b((w, a) => w.__bench.bareReadCsv(a as string, ';'), '/__bench/students-utf8.csv');
          if (r.rows !== STUDENT_ROWS) throw new Error(`bare read_csv: ${r.rows} rows`);
          bare.push(r.ms);
          log(`  bare read_csv 1M UTF-8: run ${i + 1}/${RUNS.bare} ${(r.ms / 1000).toFixed(2)} s`);
          const f = await b((w, a) => w.__bench.bareReadCsvSameFile(a as string, ';'), '/__bench/students-cp1251.csv');
          if (f.rows !== STUDENT_ROWS) throw new Error(`bare read_csv of the cp1251 File: ${f.rows} rows`);
          bareSameFile.push(f.ms);
          log(`  bare read_csv 1M cp1251 bytes from a File (latin-1): run ${i + 1}/${RUNS.bare} ${(f.ms / 1000).toFixed(2)} s`);
        }
        if (i < RUNS.importBrowser) {
          const r = await b((w, a) => w.__bench.importPipeline(a as string, 'students-1m.csv'), '/__bench/students-cp1251.csv');
          if (r.status !== 'ok' || r.rows !== STUDENT_ROWS) throw new Error(`browser import: ${r.status} ${r.rows} ${JSON.stringify(r.problems)}`);
          pipe.push(r.ms);
          stages = r.stages;
          log(`  browser import 1M cp1251 (full pipeline): run ${i + 1}/${RUNS.importBrowser} ${(r.ms / 1000).toFixed(1)} s; stages start at ${stageText(r.stages)}`);
        }
      }
      await b((w, a) => Promise.resolve(w.__bench.forget(a as string)), '/__bench/students-utf8.csv');
      await b((w, a) => Promise.resolve(w.__bench.forget(a as string)), '/__bench/students-cp1251.csv');
      extra.browserImportStages = stages;
      results.import_1m_bare_read_csv_ms = measure(bare, { target: 'reference for import_1m_browser_ms' });
      runsOf.import_1m_bare_read_csv_ms = String(RUNS.bare);
      results.import_1m_browser_ms = measure(pipe, {
        reference: 'DuckDB-WASM bare read_csv of the same rows (UTF-8: read_csv cannot read cp1251), registered the same way, same browser',
        referenceMedian: median(bare),
        target: 'ratio ≤ 1.5',
        met: (m) => m.ratio! <= 1.5,
      });
      runsOf.import_1m_browser_ms = String(RUNS.importBrowser);
      results.import_1m_bare_read_csv_same_file_ms = measure(bareSameFile, { target: 'reference for import_1m_browser_vs_same_file_ms' });
      runsOf.import_1m_bare_read_csv_same_file_ms = String(RUNS.bare);
      results.import_1m_browser_vs_same_file_ms = measure(pipe, {
        reference: "the issue's literal reference: bare read_csv of the same cp1251 bytes from a File (registerFileHandle), read as latin-1",
        referenceMedian: median(bareSameFile),
        target: 'informative (import_1m_browser_ms against the literal reference; the UTF-8 buffer above is the stricter one)',
      });
      runsOf.import_1m_browser_vs_same_file_ms = `the ${RUNS.importBrowser} runs of import_1m_browser_ms`;
      results.import_1m_node_ms = measure(nodeMs, {
        reference: 'the same pipeline in the browser (import_1m_browser_ms)',
        referenceMedian: median(pipe),
        target: 'informative (Node engine for comparison)',
      });
      runsOf.import_1m_node_ms = String(RUNS.importNode);

    }
    if (step('xlsx')) {
      // 2. xlsx through the full pipeline.
      await b((w, a) => w.__bench.preload(a as string), '/__bench/vpr-math-4-2021.xlsx');
      const xl: number[] = [];
      for (let i = 0; i < RUNS.xlsx; i++) {
        const r = await b((w, a) => w.__bench.importPipeline(a as string, 'Проведение работы по математике, 4 класс. ВПР 2021.xlsx'), '/__bench/vpr-math-4-2021.xlsx');
        if (r.status !== 'ok' || r.rows !== XLSX_ROWS) throw new Error(`xlsx import: ${r.status} ${r.rows} ${JSON.stringify(r.problems)}`);
        xl.push(r.ms);
        extra.xlsxStages = r.stages;
        log(`  xlsx 26 666 rows (full pipeline): run ${i + 1}/${RUNS.xlsx} ${r.ms.toFixed(0)} ms; stages start at ${stageText(r.stages)}`);
      }
      results.xlsx_26666_browser_ms = measure(xl, {
        reference: 'pandas + openpyxl read of the same workbook on this machine (fixed figure, not run by the bench)',
        referenceMedian: PANDAS_XLSX_MS,
        target: '< 2000 ms',
        met: (m) => m.median_ms! < 2000,
      });
      runsOf.xlsx_26666_browser_ms = `${RUNS.xlsx} (first includes loading the lazy xlsx chunk)`;

    }
    if (step('region')) {
      // 4. region: the app's load path (summary, then student files from OPFS) and the pages' SQL.
      log(`loading the region's split workspace into the bench page's OPFS and engine (${(files.region.bytes / 1e6).toFixed(0)} MB, ${files.region.studentFiles} student files) …`);
      const region = await b((w, a) => w.__bench.loadRegion('/__bench/split/', a as string[]), files.region.files);
      extra.benchPageRegionLoad = region;
      log(`  region loaded: instantiate ${region.instantiateMs.toFixed(0)} ms, summary ${(region.summaryMs / 1000).toFixed(1)} s + rest of it ${(region.summaryRestMs / 1000).toFixed(1)} s, student rows ${(region.studentRowsMs / 1000).toFixed(1)} s; ${region.studentRows} student rows, ${region.schoolResults} school_results rows`);
      results.region_load_summary_ms = measure([region.summaryMs], { target: 'informative (what the first chart waits for after DuckDB starts: migrations + the summary\'s first part)' });
      runsOf.region_load_summary_ms = '1 (bench page; the cold-start runs repeat it in the app)';
      results.region_load_summary_rest_ms = measure([region.summaryRestMs], { target: 'informative (in the background: school_results and the per-school analytics)' });
      runsOf.region_load_summary_rest_ms = '1 (bench page)';
      results.region_load_student_rows_ms = measure([region.studentRowsMs], { target: 'informative (in the background, after the first chart)' });
      runsOf.region_load_student_rows_ms = '1 (bench page: every student file read by DuckDB from its OPFS File)';
      type QArg = { repeat: number; schools: number; filters: Record<string, unknown> };
      const runQueries = (filters: Record<string, unknown>) =>
        b((w, a) => w.__bench.pageQueries((a as QArg).repeat, (a as QArg).schools, (a as QArg).filters), { repeat: RUNS.queryRepeat, schools: RUNS.trendSchools, filters });
      const q1 = await runQueries({});
      const q2 = await runQueries({ subject: 'Математика', grade: 4 });
      const q: Record<string, number[]> = {};
      for (const k of Object.keys(q1)) q[k] = [...q1[k]!, ...q2[k]!];
      const qTarget = { target: 'p95 ≤ 100 ms', met: (m: Measure) => m.p95_ms! <= 100 };
      results.query_overview_ms = measure(q.overview!, qTarget);
      results.query_schools_table_ms = measure(q.schoolsTable!, qTarget);
      results.query_school_trend_ms = measure(q.schoolTrend!, qTarget);
      runsOf.query_overview_ms = `${q.overview!.length} (${RUNS.queryRepeat} × 2 filter states)`;
      runsOf.query_schools_table_ms = `${q.schoolsTable!.length} (every ВПР year × ${RUNS.queryRepeat} × 2 filter states)`;
      runsOf.query_school_trend_ms = `${q.schoolTrend!.length} (${RUNS.trendSchools} schools × ${RUNS.queryRepeat} × 2 filter states)`;
      log(`  SQL p95: overview ${p95(q.overview!).toFixed(0)} ms, schools table ${p95(q.schoolsTable!).toFixed(0)} ms, school trend ${p95(q.schoolTrend!).toFixed(0)} ms`);
      const saved = await b((w, a) => w.__bench.saveRegion(a as number), SAVE_IMPORT_ROWS);
      extra.regionSave = saved;
      const savedText = (f: SaveFigures) => `${(f.ms / 1000).toFixed(2)} s, wrote ${f.written.join(', ')} (${(f.bytes / 1e6).toFixed(1)} MB)`;
      results.region_save_after_import_ms = measure([saved.afterImport.ms], { target: 'informative (changed() after one import: summary, that year\'s later tables, that import\'s student file)' });
      runsOf.region_save_after_import_ms = `1 (saveSplit into OPFS after importing ${SAVE_IMPORT_ROWS} student rows of new schools)`;
      results.region_save_after_removal_ms = measure([saved.afterRemoval.ms], { target: 'informative (changed() after one removal: summary and that year\'s later tables)' });
      runsOf.region_save_after_removal_ms = '1 (saveSplit into OPFS after removing that import)';
      results.region_save_after_goal_edit_ms = measure([saved.afterGoalEdit.ms], { target: 'informative (changed() after a goal edit: the summary only; no later table file is rewritten)' });
      runsOf.region_save_after_goal_edit_ms = '1 (saveSplit into OPFS after changing a goal\'s target)';
      log(`  save after one import: ${savedText(saved.afterImport)}; after its removal: ${savedText(saved.afterRemoval)}; after a goal edit: ${savedText(saved.afterGoalEdit)}; the import itself ${(saved.importMs / 1000).toFixed(1)} s`);
    }
    if (errors.length) notes.bench_page_errors = errors.slice(0, 5).join(' | ');
  } finally {
    await context.close();
    await closeServer(server);
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Marks taken inside the page from navigation start: shell, each loading stage, first chart. */
const MARKS_SCRIPT = `(() => {
  const m = (window.__marks = { stages: [] });
  const now = () => performance.now();
  const check = () => {
    if (m.shell === undefined && document.querySelector('.app-header')) m.shell = now();
    const l = document.querySelector('.loading');
    const text = l ? l.textContent : null;
    if (text !== null && text !== m.last) { m.last = text; m.stages.push([now(), text]); }
    if (m.chart === undefined && document.querySelector('[data-testid="overview-chart"] svg')) m.chart = now();
    if (m.ready === undefined && !l && m.shell !== undefined && m.stages.length) m.ready = now();
    if (m.summary === undefined && document.documentElement.dataset.summary === 'ready') m.summary = now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;

interface Marks {
  shell?: number;
  chart?: number;
  ready?: number;
  /** The whole summary is in (its rest loads after the first chart; student rows only on demand). */
  summary?: number;
  stages: Array<[number, string]>;
}

/** One scroll of the page top to bottom, `step` px per animation frame (at most 15 s): frame gaps and fps. */
const scrollScript = (step: number) => `(async () => {
  window.scrollTo(0, 0);
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const end = document.documentElement.scrollHeight - window.innerHeight;
  const gaps = [];
  const t0 = performance.now();
  let last = t0;
  await new Promise((done) => {
    const step = (t) => {
      gaps.push(t - last);
      last = t;
      window.scrollBy(0, ${step});
      if (window.scrollY >= end - 1 || t - t0 > 15000) done();
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  gaps.shift();
  return { fps: gaps.length / ((last - t0) / 1000), gaps, rows: document.querySelectorAll('[data-testid="schools-table"] tbody tr').length };
})()`;

/**
 * «Школы» at region scale (every school of the region in one table) scrolled top to bottom: frames
 * per second and the p95 frame at 60 px per animation frame (3 600 px/s, a fast flick of the
 * wheel), and, as a stress figure, at 150 px per frame (9 000 px/s).
 */
async function scrollSchoolsTable(page: Page, origin: string) {
  await page.goto(`${origin}/#/schools`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="schools-table"] tbody tr').length >= 1900, null, { timeout: 600_000 });
  const scrolls = async (step: number) => {
    const fps: number[] = [];
    const frames: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS.scroll; i++) {
      // A string, not a function: tsx would wrap the inner arrow functions in a helper the page lacks.
      const r = (await page.evaluate(scrollScript(step))) as { fps: number; gaps: number[]; rows: number };
      fps.push(r.fps);
      frames.push(...r.gaps);
      rows = r.rows;
      log(`  «Школы» scrolled ${step} px per frame, ${r.rows} rows: ${r.fps.toFixed(1)} fps over ${r.gaps.length} frames`);
    }
    return { fps, frames, rows };
  };
  const fast = await scrolls(60);
  results.schools_table_scroll_fps = measure(fast.fps, { target: '≥ 50 fps (median of the runs, 60 px per frame)', met: (m) => m.median_ms! >= 50 });
  runsOf.schools_table_scroll_fps = `${RUNS.scroll} scrolls of «Школы» (${fast.rows} rows) from the top, 60 px per animation frame, 15 s at most; the unit is fps`;
  results.schools_table_scroll_frame_ms = measure(fast.frames, { target: 'informative (every frame of those scrolls; p95 = the 95th-percentile frame)' });
  runsOf.schools_table_scroll_frame_ms = `${fast.frames.length} frames`;
  const stress = await scrolls(150);
  results.schools_table_scroll_stress_fps = measure(stress.fps, { target: 'informative (150 px per frame, 9 000 px/s)' });
  runsOf.schools_table_scroll_stress_fps = `${RUNS.scroll} scrolls top to bottom at 150 px per animation frame; the unit is fps`;
}

/** Rows of the region's students moved to a year it does not have (2026): an import into new slices. */
const NEW_YEAR_ROWS = 2000;

/**
 * After a reload, imports NEW_YEAR_ROWS student rows of 2026 through «Данные» (the real file input):
 * the time to the import's report and until its save is written; the student rows must stay
 * unloaded (no saved file has rows of 2026).
 */
async function importNewYear(page: Page, origin: string): Promise<{ importMs: number; savedMs: number }> {
  const { utf8 } = ensureStudentFiles(log);
  const lines = fs.readFileSync(utf8, 'utf8').split('\n', NEW_YEAR_ROWS + 1);
  const csv = [lines[0], ...lines.slice(1).map((l) => l.replace(/^\d{4};/, '2026;'))].join('\n') + '\n';
  await page.goto(`${origin}/#/data`);
  await page.reload();
  await page.getByTestId('file-input').waitFor({ state: 'attached', timeout: 180_000 });
  await page.waitForFunction(() => document.documentElement.dataset.summary === 'ready', null, { timeout: 180_000 });
  const t0 = Date.now();
  await page.getByTestId('file-input').setInputFiles({ name: 'новый-год-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('import-results').locator('li').first().waitFor({ timeout: 180_000 }).catch(async (e: unknown) => {
    const state = await page.evaluate(() => ({ rows: document.documentElement.dataset.studentRows, main: document.querySelector('main')?.textContent?.slice(0, 600) }));
    throw new Error(`no import report: ${JSON.stringify(state)} (${String(e).slice(0, 200)})`);
  });
  const report = page.getByTestId('import-results').locator('li').first();
  if (!(await report.getAttribute('class'))?.includes('ok')) throw new Error(`import of 2026 failed: ${await report.innerText()}`);
  const importMs = Date.now() - t0;
  await page.waitForFunction(() => document.documentElement.dataset.saving === 'no', null, { timeout: 180_000 });
  const savedMs = Date.now() - t0;
  const state = await page.evaluate(() => document.documentElement.dataset.studentRows);
  if (state !== 'deferred') throw new Error(`an import of 2026 loaded the saved student rows (state ${state})`);
  log(`  import of ${NEW_YEAR_ROWS} rows of a new year after a reload: report in ${(importMs / 1000).toFixed(1)} s, saved in ${(savedMs / 1000).toFixed(1)} s; student rows still not loaded`);
  return { importMs, savedMs };
}

/** The first rows of the region's 2025 ВПР file, imported again: they replace their schools' saved rows of those slices. */
const SAVED_SLICE_ROWS = 2000;

/** Waits for the page's saves to end; returns ms since `t0`. */
async function savedAfter(page: Page, t0: number): Promise<number> {
  await page.waitForFunction(() => document.documentElement.dataset.saving === 'no', null, { timeout: 180_000 });
  return Date.now() - t0;
}

/**
 * After a reload, imports SAVED_SLICE_ROWS rows of 2025 ВПР again through «Данные» (their slices have
 * saved rows: only the files with rows of them may load), then, after another reload, removes that
 * import (its own file and those of its slices load). Times to the report / message and until saved,
 * and how many of the saved student files each loaded (`<html data-student-files>`).
 */
async function replaceThenRemove(page: Page, origin: string): Promise<{ importMs: number; importSavedMs: number; importFiles: string; removeMs: number; removeSavedMs: number; removeFiles: string; peakMiB: number }> {
  // The memory peak of each step, to tell which one sets the whole peak.
  const peaks: string[] = [];
  let peakMiB = 0;
  let sampler = memorySampler(process.pid);
  const step = (name: string) => {
    const p = sampler.stop().peakPssMiB;
    peaks.push(`${name} ${p.toFixed(0)}`);
    peakMiB = Math.max(peakMiB, p);
    sampler = memorySampler(process.pid);
  };
  const lines = fs.readFileSync(path.join(ensureRegion(log), 'vpr-2025.csv'), 'utf8').split('\n', SAVED_SLICE_ROWS + 1);
  const name = 'впр-2025-повторно.csv';
  const files = () => page.evaluate(() => ({ rows: document.documentElement.dataset.studentRows, files: document.documentElement.dataset.studentFiles ?? '0' }));
  await page.goto(`${origin}/#/data`);
  await page.reload();
  await page.getByTestId('file-input').waitFor({ state: 'attached', timeout: 180_000 });
  await page.waitForFunction(() => document.documentElement.dataset.summary === 'ready', null, { timeout: 180_000 });
  step('reload');
  let t0 = Date.now();
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
  const report = page.getByTestId('import-results').locator('li').first();
  await report.waitFor({ timeout: 180_000 });
  if (!(await report.getAttribute('class'))?.includes('ok')) throw new Error(`import into saved slices failed: ${await report.innerText()}`);
  const importMs = Date.now() - t0;
  step('import');
  const importSavedMs = await savedAfter(page, t0);
  step('its save');
  const afterImport = await files();
  if (afterImport.rows !== 'deferred') throw new Error(`an import into saved slices loaded all student rows (state ${afterImport.rows})`);
  log(`  import of ${SAVED_SLICE_ROWS} rows into saved slices of 2025 after a reload: report in ${(importMs / 1000).toFixed(1)} s, saved in ${(importSavedMs / 1000).toFixed(1)} s; student files loaded ${afterImport.files}`);

  await page.reload();
  const row = page.getByTestId('imports-table').locator('tr', { hasText: name });
  await row.waitFor({ timeout: 180_000 });
  await page.waitForFunction(() => document.documentElement.dataset.summary === 'ready', null, { timeout: 180_000 });
  page.once('dialog', (d) => void d.accept());
  step('reload');
  t0 = Date.now();
  await row.getByRole('button', { name: /Удалить импорт/ }).click();
  await page.getByText(`Импорт «${name}» удалён.`).waitFor({ timeout: 180_000 });
  const removeMs = Date.now() - t0;
  step('removal');
  const removeSavedMs = await savedAfter(page, t0);
  step('its save');
  const afterRemove = await files();
  if (afterRemove.rows !== 'deferred') throw new Error(`a removal loaded all student rows (state ${afterRemove.rows})`);
  log(`  its removal after a reload: done in ${(removeMs / 1000).toFixed(1)} s, saved in ${(removeSavedMs / 1000).toFixed(1)} s; student files loaded ${afterRemove.files}`);
  log(`  memory peaks (PSS MiB) by step: ${peaks.join(', ')}`);
  return { importMs, importSavedMs, importFiles: afterImport.files, removeMs, removeSavedMs, removeFiles: afterRemove.files, peakMiB };
}

async function coldStart(region: RegionFiles) {
  const { server, origin } = await serve(false, APP_DIST, splitServed(region));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'orientir-bench-app-'));
  try {
    // Persist the region the way the app does: its split workspace in this origin's OPFS folder.
    {
      const { context, page } = await launch(profile);
      page.setDefaultTimeout(600_000);
      await page.goto(`${origin}/__bench/blank.html`);
      const size = await page.evaluate(async (names) => {
        const root = await navigator.storage.getDirectory();
        const dir = await root.getDirectoryHandle('workspace', { create: true });
        let bytes = 0;
        for (const name of names) {
          const handle = await dir.getFileHandle(name, { create: true });
          const res = await fetch(`/__bench/split/${name}`);
          await res.body!.pipeTo(await handle.createWritable());
          bytes += (await handle.getFile()).size;
        }
        return bytes;
      }, region.files);
      if (size !== region.bytes) throw new Error(`OPFS workspace is ${size} bytes, not ${region.bytes}`);
      log(`  region written to the app's OPFS: ${(size / 1e6).toFixed(0)} MB in ${region.files.length} files`);
      await context.close();
    }
    // Fresh browser processes on the same profile: the first run is a true cold start.
    const { context, page, errors } = await launch(profile);
    page.setDefaultTimeout(600_000);
    await context.addInitScript({ content: MARKS_SCRIPT });
    const sampler = memorySampler(process.pid);
    const shell: number[] = [];
    const chart: number[] = [];
    const summaryIn: number[] = [];
    const onDemand: number[] = [];
    const runs: Array<Marks & { fcp?: number; app: Array<[number, string]> }> = [];
    try {
      for (let i = 0; i < RUNS.coldStart; i++) {
        if (i === 0) await page.goto(`${origin}/#/`);
        else await page.reload();
        await page.waitForSelector('[data-testid="overview-chart"] svg', { timeout: 600_000 });
        // The rest of the summary loads after the chart: wait for it too, so the memory peak includes it.
        await page.waitForFunction(() => document.documentElement.dataset.summary === 'ready', null, { timeout: 600_000 });
        await page.waitForFunction(() => (window as unknown as { __marks: Marks }).__marks.summary !== undefined, null, { timeout: 10_000 });
        const deferred = await page.evaluate(() => document.documentElement.dataset.studentRows);
        if (deferred !== 'deferred') throw new Error(`student rows were loaded while browsing (state ${deferred})`);
        const m = await page.evaluate(() => {
          const w = window as unknown as { __marks: Marks };
          const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime;
          const app = performance.getEntriesByType('mark').filter((e) => e.name.startsWith('orientir:')).map((e) => [e.startTime, e.name.slice(9)] as [number, string]);
          return { ...w.__marks, fcp, app };
        });
        if (m.shell === undefined || m.chart === undefined) throw new Error(`cold start marks missing: ${JSON.stringify(m)}`);
        shell.push(m.shell);
        chart.push(m.chart);
        summaryIn.push(m.summary!);
        runs.push(m);
        log(`  cold start run ${i + 1}/${RUNS.coldStart}: shell ${m.shell.toFixed(0)} ms, first chart ${(m.chart / 1000).toFixed(2)} s, whole summary in ${(m.summary! / 1000).toFixed(1)} s; stages ${m.stages.map(([t, s]) => `${t.toFixed(0)} ms «${s}»`).join(', ')}; app marks ${m.app.map(([t, s]) => `${s} ${t.toFixed(0)}`).join(', ')}`);
      }
      await scrollSchoolsTable(page, origin);
      const added = await importNewYear(page, origin);
      results.region_import_new_year_ms = measure([added.importMs], {
        target: `informative (${NEW_YEAR_ROWS} student rows of 2026 after a reload, through «Данные»: no saved student row is loaded)`,
      });
      runsOf.region_import_new_year_ms = '1 (file input to the import report; the memory peak of the browsing runs includes it)';
      results.region_import_new_year_saved_ms = measure([added.savedMs], { target: 'informative (the same import until its save is written)' });
      runsOf.region_import_new_year_saved_ms = '1';
    } finally {
      const mem = sampler.stop();
      // An import into slices with saved rows, then its removal: each loads only the files of its slices.
      let changesPeak: number | undefined;
      try {
        const r = await replaceThenRemove(page, origin);
        changesPeak = r.peakMiB;
        results.region_import_saved_slices_ms = measure([r.importMs], {
          target: `informative (${SAVED_SLICE_ROWS} rows of 2025 ВПР imported again after a reload: loads the ${r.importFiles} saved student files with rows of its slices)`,
        });
        runsOf.region_import_saved_slices_ms = '1 (file input to the import report)';
        results.region_import_saved_slices_saved_ms = measure([r.importSavedMs], { target: 'informative (the same import until its save is written)' });
        runsOf.region_import_saved_slices_saved_ms = '1';
        results.region_remove_import_ms = measure([r.removeMs], {
          target: `informative (that import removed after a reload: loads the ${r.removeFiles} saved student files of its slices and its own)`,
        });
        runsOf.region_remove_import_ms = '1 (click to the message)';
        results.region_remove_import_saved_ms = measure([r.removeSavedMs], { target: 'informative (the same removal until its save is written)' });
        runsOf.region_remove_import_saved_ms = '1';
      } finally {
        if (changesPeak !== undefined) {
          results.memory_region_after_import_peak_mib = measure([changesPeak], {
            target: '≤ 1536 MiB (1.5 GiB): the region after an import into saved slices and a removal, all Chromium processes',
            met: (m) => m.median_ms! <= 1536,
          });
          runsOf.memory_region_after_import_peak_mib = 'peak over the import into saved slices and the removal (two reloads, saves included), sampled every 200 ms';
        }
      }
      // Then what an import, a removal or the SQL console does first: load the student rows (on demand).
      const withRows = memorySampler(process.pid);
      try {
        for (let i = 0; i < Math.min(RUNS.coldStart, 3); i++) {
          await page.goto(`${origin}/#/sql`);
          await page.reload();
          await page.getByTestId('sql-input').waitFor({ timeout: 600_000 });
          await page.getByTestId('sql-input').fill(`SELECT count(*) AS n FROM student_results`);
          const t0 = Date.now();
          await page.getByTestId('sql-run').click();
          await page.getByTestId('sql-result').locator('tbody tr td').first().waitFor({ timeout: 600_000 });
          onDemand.push(Date.now() - t0);
          log(`  student rows on demand (SQL console): ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        }
      } finally {
        const m2 = withRows.stop();
        results.memory_region_with_student_rows_peak_mib = measure([m2.peakPssMiB], {
          target: 'informative (after the 5.1 M student rows are loaded on demand: an import, a removal, the SQL console)',
        });
        runsOf.memory_region_with_student_rows_peak_mib = 'peak over the on-demand loads, sampled every 200 ms';
        log(`  memory with the student rows loaded: peak PSS ${m2.peakPssMiB.toFixed(0)} MiB`);
      }
      extra.coldStartMemory = { ...mem, procs: mem.procs.map((p) => ({ type: p.type, hwmMiB: +(p.hwmKiB / 1024).toFixed(0) })) };
      results.memory_region_peak_mib = measure([mem.peakPssMiB], {
        target: '≤ 1536 MiB (1.5 GiB), all Chromium processes',
        met: (m) => m.median_ms! <= 1536,
      });
      runsOf.memory_region_peak_mib = `peak over all ${RUNS.coldStart} cold-start runs (pages browsed, student rows not loaded: no page reads them) and an import of a new year, sampled every 200 ms`;
      results.memory_region_renderer_hwm_mib = measure([mem.maxRendererHwmMiB], { target: 'informative (kernel peak RSS of the app renderer)' });
      runsOf.memory_region_renderer_hwm_mib = 'whole cold-start session';
      log(`  memory: peak PSS of all Chromium processes ${mem.peakPssMiB.toFixed(0)} MiB; renderer VmHWM ${mem.maxRendererHwmMiB.toFixed(0)} MiB`);
      await context.close();
    }
    extra.coldStartRuns = runs;
    results.cold_start_shell_ms = measure(shell, { target: '≤ 500 ms', met: (m) => m.median_ms! <= 500 });
    results.cold_start_first_chart_ms = measure(chart, { target: '≤ 2500 ms', met: (m) => m.median_ms! <= 2500 });
    results.cold_start_summary_ms = measure(summaryIn, { target: 'informative (the rest of the summary, in the background after the first chart)' });
    results.student_rows_on_demand_ms = measure(onDemand, { target: 'informative (reload, then the first query naming student_results: loads them all)' });
    runsOf.student_rows_on_demand_ms = `${onDemand.length} (page reloads)`;
    runsOf.cold_start_shell_ms = runsOf.cold_start_first_chart_ms = runsOf.cold_start_summary_ms = `${RUNS.coldStart} (run 1: fresh browser processes, empty HTTP cache; runs 2–${RUNS.coldStart}: page reloads)`;
    if (errors.length) notes.cold_start_errors = errors.slice(0, 5).join(' | ');
  } finally {
    await closeServer(server);
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// ───────────────────────────── report ─────────────────────────────

const UNIT: Array<[RegExp, string]> = [
  [/_mib$/, 'MiB'],
  [/_kb$/, 'KB'],
  [/_fps$/, 'fps'],
  [/_ms$/, 'ms'],
];
const unitOf = (k: string) => UNIT.find(([r]) => r.test(k))?.[1] ?? '';
const fmt = (x: number | null) => (x === null ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const metText = (m: Measure) => (m.met === null ? '' : m.met ? 'met' : 'MISSED');

function table(): string[] {
  const rows = Object.entries(results).map(([k, m]) => [
    k,
    `${fmt(m.median_ms)} ${unitOf(k)}`,
    `${fmt(m.p95_ms)} ${unitOf(k)}`,
    runsOf[k] ?? '',
    m.reference_median_ms === null ? '' : `${fmt(m.reference_median_ms)} ${unitOf(k)}`,
    m.ratio === null ? '' : m.ratio.toFixed(2),
    m.target ?? '',
    metText(m),
  ]);
  return rows.map((r) => r.join('\u0000'));
}

function printTable() {
  const head = ['measure', 'median', 'p95', 'runs', 'reference', 'ratio', 'target', 'met'];
  const rows = [head, ...table().map((r) => r.split('\u0000'))].map((r) => [r[0]!, r[1]!, r[2]!, r[4]!, r[5]!, r[6]!, r[7]!]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  process.stdout.write('\n' + rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n') + '\n\n');
}

function machine() {
  const require = createRequire(import.meta.url);
  const pkgVersion = (p: string) => {
    const dir = path.dirname(require.resolve(p));
    for (let d = dir; d !== '/'; d = path.dirname(d)) {
      const f = path.join(d, 'package.json');
      if (fs.existsSync(f)) {
        const j = JSON.parse(fs.readFileSync(f, 'utf8')) as { name?: string; version: string };
        if (j.name && p.startsWith(j.name)) return j.version;
      }
    }
    return '?';
  };
  const cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? os.cpus()[0]?.model ?? '?';
  let chromiumVersion = '?';
  try {
    chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // keep '?'
  }
  return {
    nproc: os.availableParallelism(),
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    cpu,
    kernel: os.release(),
    chromium: chromiumVersion,
    node: process.version,
    duckdbWasm: pkgVersion('@duckdb/duckdb-wasm'),
    vite: pkgVersion('vite'),
    playwrightCore: pkgVersion('playwright-core'),
  };
}

async function main() {
  const info = machine();
  log(`machine: ${info.nproc} cores, ${info.memoryGiB} GiB, ${info.cpu}; ${info.chromium}; node ${info.node}, duckdb-wasm ${info.duckdbWasm}, vite ${info.vite}`);
  build();
  if (step('bundle')) bundle();
  const student = step('import') ? ensureStudentFiles(log) : { cp1251: '', utf8: '' };
  if (student.cp1251) {
    extra.studentBytes = { cp1251: fs.statSync(student.cp1251).size, utf8: fs.statSync(student.utf8).size };
    log(`student file: ${(fs.statSync(student.cp1251).size / 1e6).toFixed(1)} MB cp1251, ${(fs.statSync(student.utf8).size / 1e6).toFixed(1)} MB UTF-8`);
  }
  log(`region workspace ${YEARS[0]}–${YEARS[YEARS.length - 1]} (node engine, cached by source hash) …`);
  const ws: RegionFiles = await ensureRegionWorkspace(YEARS, log, process.env.BENCH_WORKSPACE).catch((e: unknown) => {
    // The sources are shared with work in progress: if today's saving cannot run, fall back to the
    // newest split workspace an earlier source state built (said so in the report).
    const prefix = `region-${YEARS[0]}-${YEARS[YEARS.length - 1]}-`;
    const cached = fs.readdirSync(CACHE).filter((f) => f.startsWith(prefix) && f.endsWith('.split') && fs.existsSync(path.join(CACHE, `${f}.json`)) && fs.existsSync(path.join(CACHE, f, 'manifest.json')))
      .map((f) => path.join(CACHE, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
    if (!cached) throw e;
    const why = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    notes.region_workspace = `building the workspace from the current sources failed (${why}); used the cached ${path.basename(cached)} built from an earlier source state`;
    log(`  WARNING: ${notes.region_workspace}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(cached, 'manifest.json'), 'utf8')) as { summary: string; later?: Array<{ file: string }>; students: Array<{ file: string }> };
    const files = [manifest.summary, ...(manifest.later ?? []).map((l) => l.file), ...manifest.students.map((x) => x.file), 'manifest.json'];
    return {
      dir: cached, files, bytes: files.reduce((sum, f) => sum + fs.statSync(path.join(cached, f)).size, 0),
      summaryBytes: fs.statSync(path.join(cached, manifest.summary)).size, studentFiles: manifest.students.length,
      counts: JSON.parse(fs.readFileSync(`${cached}.json`, 'utf8')) as Record<string, number>,
    };
  });
  extra.regionWorkspace = {
    years: `${YEARS[0]}–${YEARS[YEARS.length - 1]}`, bytes: ws.bytes, summaryBytes: ws.summaryBytes, studentFiles: ws.studentFiles,
    fileCount: ws.files.length, laterFiles: ws.files.filter((f) => f.startsWith('later-')).length, counts: ws.counts, buildMs: ws.buildMs ?? 'cached',
  };
  log(`  ${(ws.bytes / 1e6).toFixed(0)} MB (summary ${(ws.summaryBytes / 1e6).toFixed(1)} MB, ${ws.studentFiles} student files), ${JSON.stringify(ws.counts)}`);
  log('node engine: import 1M cp1251 rows …');
  const nodeMs = step('import') ? await nodeImports(student.cp1251) : [];
  log('browser: bench entry (dist-bench/entry/) …');
  await browserBench({ ...student, region: ws }, nodeMs);
  log('browser: cold start of the real app (dist-bench/app/) with the region in OPFS …');
  if (step('cold')) await coldStart(ws);
  const totalS = (Date.now() - t0) / 1000;
  printTable();
  const order = [
    'import_1m_browser_ms', 'import_1m_bare_read_csv_ms', 'import_1m_node_ms', 'xlsx_26666_browser_ms',
    'cold_start_shell_ms', 'cold_start_first_chart_ms', 'cold_start_summary_ms', 'region_import_new_year_ms', 'region_import_new_year_saved_ms',
    'region_import_saved_slices_ms', 'region_import_saved_slices_saved_ms', 'region_remove_import_ms', 'region_remove_import_saved_ms', 'memory_region_after_import_peak_mib', 'student_rows_on_demand_ms', 'duckdb_instantiate_ms', 'duckdb_migrate_ms',
    'region_load_summary_ms', 'region_load_summary_rest_ms', 'region_load_student_rows_ms',
    'query_overview_ms', 'query_schools_table_ms', 'query_school_trend_ms', 'schools_table_scroll_fps', 'schools_table_scroll_frame_ms', 'schools_table_scroll_stress_fps', 'region_save_after_import_ms', 'region_save_after_removal_ms', 'region_save_after_goal_edit_ms',
    'memory_region_peak_mib', 'memory_region_renderer_hwm_mib', 'bundle_initial_js_gzip_kb',
  ];
  const sorted: Record<string, Measure> = {};
  for (const k of [...order, ...Object.keys(results)]) if (results[k] && !sorted[k]) sorted[k] = results[k];
  // A quick or partial run checks the bench itself: its figures go to the cache folder, not docs/.
  const out = QUICK || ONLY ? path.join(CACHE, 'check') : 'docs';
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'bench-results.json'), JSON.stringify(sorted, null, 2) + '\n');
  const { writeMarkdown } = await import('./report.ts');
  writeMarkdown({ info, results: sorted, runsOf, notes, extra, years: YEARS, totalS, load: { start: loadStart, end: os.loadavg() }, unitOf, fmt }, path.join(out, 'benchmarks.md'));
  // Built bundles under the repo would be linted by `npm run lint` (eslint ignores dist/ only).
  if (!process.env.BENCH_KEEP_BUILD) fs.rmSync(DIST, { recursive: true, force: true });
  log(`done in ${totalS.toFixed(0)} s: ${out}/bench-results.json, ${out}/benchmarks.md`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
