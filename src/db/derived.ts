import { refreshDerivedStatements } from '../core/sql/derived.ts';
import type { Engine } from './engine.ts';
import { inTransaction } from './transaction.ts';

/**
 * True when the connection is inside an explicit transaction: outside one, every statement runs in
 * a transaction of its own, so two queries see different transaction ids.
 */
async function inOpenTransaction(engine: Engine): Promise<boolean> {
  const [a] = await engine.query<{ id: number }>('SELECT txid_current() AS id');
  const [b] = await engine.query<{ id: number }>('SELECT txid_current() AS id');
  return a?.id === b?.id;
}

/** Runs statements in the open transaction, or in one of their own when none is open. */
async function runAtomically(engine: Engine, statements: readonly string[]): Promise<void> {
  const run = async () => {
    for (const sql of statements) await engine.exec(sql);
  };
  if (await inOpenTransaction(engine)) await run();
  else await inTransaction(engine, run);
}

/**
 * Recomputes every derived table (DERIVED_TABLES) whole from the current data — after loading a
 * workspace that lacks them, for instance. Inside a transaction it joins it; outside one it runs in
 * its own, so the tables are never seen half refreshed.
 */
export async function refreshDerived(engine: Engine): Promise<void> {
  await runAtomically(engine, refreshDerivedStatements());
}

