#!/usr/bin/env node
// Browser tests drive Debian's Chromium (`npx playwright install` cannot download browsers here).
// On a fresh machine it is installed from Debian's packages when we may (root with apt-get).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) {
    console.error(`Нет ${CHROMIUM}: установите Chromium (sudo apt-get install -y chromium) или укажите CHROMIUM_PATH.`);
    process.exit(1);
  }
  console.log(`Устанавливаю Chromium из пакетов Debian (нужен для браузерных тестов)…`);
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
}
