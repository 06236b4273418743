import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The app is static files only: DuckDB-WASM's worker and wasm are emitted as the app's own assets
 * (imported with `?url`), so the built app never talks to another origin.
 */
export default defineConfig({
  plugins: [react()],
  base: './',
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
});
