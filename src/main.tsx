import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startEngine } from './state/app-data.tsx';
import { App } from './ui/App.tsx';
import './ui/styles.css';

// DuckDB starts loading before the first render: the shell draws while the worker and wasm load.
void startEngine().catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
