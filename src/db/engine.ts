/** One row of a query result: column name → plain JS value (numbers, strings, booleans, null). */
export type Row = Record<string, unknown>;

/**
 * The one database contract of Orientir. Two implementations run the same SQL on the same DuckDB
 * engine version: DuckDB-WASM in a browser Web Worker, and DuckDB-WASM's blocking Node bundle for
 * tests, benchmarks and the command line.
 */
export interface Engine {
  /** Runs SQL and returns its rows; integers and decimals arrive as JS numbers. */
  query<T extends Row = Row>(sql: string): Promise<T[]>;
  /** Runs SQL (one or more statements) whose result is not needed. */
  exec(sql: string): Promise<void>;
  /** Makes bytes readable by SQL under a virtual file name (e.g. for `read_csv`). */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  /**
   * Makes a browser `File` (e.g. one from the Origin Private File System) readable by SQL under a
   * virtual file name, read in slices where it lies: its bytes never enter the page's memory. Only
   * the browser engine has it; callers fall back to reading the bytes and `registerFile`.
   */
  registerBlob?(name: string, file: File): Promise<void>;
  /** Forgets a virtual file registered or written before. */
  dropFile(name: string): Promise<void>;
  /**
   * The path SQL should write a scratch file to (`COPY … TO path`), readable afterwards with
   * readFile: a virtual file in the browser, a private temporary file in Node.
   */
  scratchPath(name: string): string;
  /** Reads back (and forgets) a scratch file that SQL wrote. */
  readFile(path: string): Promise<Uint8Array>;
  /** Releases the engine. */
  close(): Promise<void>;
}

/** An SQL error that carries the SQL that failed, so messages can say what was run. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly sql: string,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}
