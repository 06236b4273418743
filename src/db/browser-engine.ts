import * as duckdb from '@duckdb/duckdb-wasm';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { arrowToRows } from './arrow-rows.ts';
import { QueryError, type Engine, type Row } from './engine.ts';
import { ENGINE_SETTINGS_SQL } from './settings.ts';

/**
 * DuckDB-WASM in a Web Worker, self-hosted: the worker and wasm are the app's own assets, so no
 * request leaves the app's origin. Only the `eh` build ships (WebAssembly exceptions are in every
 * browser the app supports), which keeps the download to one wasm.
 */
export async function createBrowserEngine(): Promise<Engine> {
  const worker = new Worker(ehWorkerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(ehWasmUrl);
  await db.open({ path: ':memory:', query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = await db.connect();
  const run = async (sql: string) => {
    try {
      return await conn.query(sql);
    } catch (e) {
      throw new QueryError(e instanceof Error ? e.message : String(e), sql);
    }
  };
  await run(ENGINE_SETTINGS_SQL);
  return {
    async query<T extends Row>(sql: string) {
      return arrowToRows<T>(await run(sql));
    },
    async exec(sql: string) {
      await run(sql);
    },
    async registerFile(name, bytes) {
      // The worker takes ownership of the buffer it is given; a copy keeps the caller's bytes usable
      // (a retried import, e.g. after the user names the year, passes the same bytes again).
      await db.registerFileBuffer(name, bytes.slice());
    },
    async registerBlob(name, file) {
      // BROWSER_FILEREADER: the worker reads slices with FileReaderSync. A File from OPFS needs no
      // lock (unlike BROWSER_FSACCESS's sync access handle), so a second, read-only tab can read the
      // same files while the owning tab writes new ones.
      await db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    },
    async dropFile(name) {
      await db.dropFile(name);
    },
    scratchPath(name) {
      return name;
    },
    async readFile(name) {
      const bytes = await db.copyFileToBuffer(name);
      await db.dropFile(name);
      return bytes;
    },
    async close() {
      await conn.close();
      await db.terminate();
      worker.terminate();
    },
  };
}
