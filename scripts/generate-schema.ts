/**
 * Writes src/core/sql/schema.generated.ts: the schema the migrations build, for `createSchema`.
 *
 *   npm run schema
 *
 * Run it after adding or changing a migration; test/sql/schema.test.ts fails until it is run.
 */
import fs from 'node:fs';
import { migrate } from '../src/db/migrate.ts';
import { createNodeEngine } from '../src/db/node-engine.ts';
import { dumpSchema } from '../src/db/schema-dump.ts';

const engine = await createNodeEngine();
await migrate(engine, { replay: true, seedScales: false });
const target = new URL('../src/core/sql/schema.generated.ts', import.meta.url);
fs.writeFileSync(target, await dumpSchema(engine));
process.stdout.write(`written ${target.pathname}\n`);
