import type { Engine } from './engine.ts';

/** Runs work inside one transaction: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(engine: Engine, work: () => Promise<T>): Promise<T> {
  await engine.exec('BEGIN TRANSACTION');
  try {
    const result = await work();
    await engine.exec('COMMIT');
    return result;
  } catch (e) {
    await engine.exec('ROLLBACK');
    throw e;
  }
}
