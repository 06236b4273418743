import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as DuckDBBlocking from '@duckdb/duckdb-wasm/blocking';
import { arrowToRows } from './arrow-rows.ts';
import { QueryError, type Engine, type Row } from './engine.ts';
import { ENGINE_SETTINGS_SQL } from './settings.ts';
import type { FileStore } from './split-workspace.ts';

const require = createRequire(import.meta.url);

/**
 * DuckDB-WASM's blocking Node bundle: the same engine build as the browser's, for tests,
 * benchmarks and the command line. Always in memory; persistence goes through the workspace file
 * (see workspace.ts), because this bundle's own file-backed databases do not replay their WAL.
 */
export async function createNodeEngine(): Promise<Engine> {
  const duckdb = require('@duckdb/duckdb-wasm/blocking') as typeof DuckDBBlocking;
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
      eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({ path: ':memory:', query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = db.connect();
  const run = (sql: string) => {
    try {
      return conn.query(sql);
    } catch (e) {
      throw new QueryError(e instanceof Error ? e.message : String(e), sql);
    }
  };
  run(ENGINE_SETTINGS_SQL);
  // This bundle's COPY writes to the real file system, so scratch files live in a private folder.
  const scratch = mkdtempSync(path.join(tmpdir(), 'orientir-'));
  return {
    async query<T extends Row>(sql: string) {
      return arrowToRows<T>(run(sql));
    },
    async exec(sql: string) {
      run(sql);
    },
    async registerFile(name, bytes) {
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      db.dropFile(name);
    },
    scratchPath(name) {
      return path.join(scratch, path.basename(name));
    },
    async readFile(file) {
      const bytes = new Uint8Array(readFileSync(file));
      rmSync(file, { force: true });
      return bytes;
    },
    async close() {
      conn.close();
      db.reset();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * A split workspace in a directory on disk (Node: tests and the benchmark, which builds the files
 * the browser keeps in OPFS). Student files are registered by their bytes: the Node engine has no
 * file handles.
 */
export function dirStore(dir: string): FileStore {
  mkdirSync(dir, { recursive: true });
  const at = (name: string) => path.join(dir, path.basename(name));
  return {
    async read(name) {
      try {
        return new Uint8Array(readFileSync(at(name)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    async write(name, bytes) {
      if (bytes instanceof Uint8Array) return writeFileSync(at(name), bytes);
      writeFileSync(at(name), new Uint8Array());
      for await (const part of bytes) appendFileSync(at(name), part);
    },
    async writeAtomic(name, bytes) {
      writeFileSync(at(name) + '.tmp', bytes);
      renameSync(at(name) + '.tmp', at(name));
    },
    async remove(name) {
      rmSync(at(name), { force: true });
    },
    async list() {
      return readdirSync(dir);
    },
    async register(engine, name, as) {
      await engine.registerFile(as, new Uint8Array(readFileSync(at(name))));
    },
  };
}
