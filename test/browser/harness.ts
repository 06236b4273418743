import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

/** A built app served on loopback and a fresh headless Debian Chromium watching every request. */
export interface BrowserHarness {
  origin: string;
  context: BrowserContext;
  page: Page;
  /** Every URL the page (and its workers) requested. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

/** Chromium from Debian (`npx playwright install` cannot work on these machines). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * How Debian's Chromium is launched for tests and the benchmark: headless, no sandbox (root), and
 * no background networking — on these machines its own calls out are refused, and none may leave.
 */
export const CHROMIUM_OPTIONS = {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
  viewport: { width: 1360, height: 900 },
  locale: 'ru-RU',
  timezoneId: 'UTC',
};

/**
 * Serves dist/ (built by `npm run build`; `ORIENTIR_DIST` names another build folder, so parallel
 * work can test its own build) and opens the app in a fresh profile.
 */
export async function openApp(hash = '#/', init?: () => void): Promise<BrowserHarness> {
  const server: PreviewServer = await preview({
    build: { outDir: process.env.ORIENTIR_DIST ?? 'dist' },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'silent',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  const profile = mkdtempSync(path.join(tmpdir(), 'orientir-chromium-'));
  const context = await chromium.launchPersistentContext(profile, CHROMIUM_OPTIONS);
  if (init) await context.addInitScript(init);
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/${hash}`);
  return {
    origin,
    context,
    page,
    requests,
    errors,
    async close() {
      await context.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Requests that went anywhere but the app's own origin (data: and blob: URLs stay on the machine). */
export function foreignRequests(h: BrowserHarness): string[] {
  return h.requests.filter((u) => !u.startsWith(h.origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
}

let sqlToken = 0;

/**
 * Runs a query on the app's SQL page and returns the first result row's cells as text (a token
 * column tells this query's row from an earlier result still on screen).
 */
export async function sqlFirstRow(page: Page, origin: string, query: string, timeout = 120_000): Promise<string[]> {
  const tok = `q${++sqlToken}x`;
  if (!page.url().endsWith('#/sql')) await page.goto(`${origin}/#/sql`);
  const input = page.getByTestId('sql-input');
  await input.waitFor({ timeout: 120_000 });
  await input.fill(`SELECT '${tok}' AS tok, * FROM (${query})`);
  await page.getByTestId('sql-run').click();
  const row = page.getByTestId('sql-result').locator('tbody tr').filter({ hasText: tok }).first();
  await row.waitFor({ timeout });
  return (await row.locator('td').allInnerTexts()).slice(1);
}
