#!/usr/bin/env node
// The command line runs the TypeScript core directly through tsx: one code base, no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
