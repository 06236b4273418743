import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The bench entry (bench/index.html → scripts/bench/entry.ts): the app's own engine and pipeline
 * modules, without the UI, built for production into dist-bench/entry/ and served by `vite preview`.
 * Same target and worker format as the app's vite.config.ts, so the code measured is the code shipped.
 */
const root = fileURLToPath(new URL('./bench', import.meta.url));

export default defineConfig({
  root,
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist-bench/entry', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 10_000,
  },
  worker: { format: 'es' },
  logLevel: 'warn',
});
