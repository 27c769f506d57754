// Debian's Chromium driven by playwright-core (no browser download), axe-core accessibility
// checks, and small helpers shared by the tests and the screenshot script.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const DESKTOP = { viewport: { width: 1280, height: 900 } };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

// Playwright gives every launch a fresh temporary user-data-dir and deletes it on close.
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: apt-get install chromium (scripts/setup does)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// A new context (own cookie jar = one person) and page. Records page errors and Content
// Security Policy violations on page.problems; dialogs (the "Emin misiniz?" confirm) are accepted.
export async function newPage(browser, baseUrl, options = DESKTOP) {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'tr-TR', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) {
      page.problems.push(`console: ${m.text()}`);
    }
  });
  page.on('dialog', (d) => d.accept());
  return page;
}

// Clicks (or presses) something that navigates and returns the final document response.
export async function submit(page, locator) {
  const [response] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return response;
}

// Every axe run of the session, for the summary printed at the end.
export const axeLog = [];

// Runs axe-core in the page (evaluated over the DevTools protocol, so the page's strict
// Content-Security-Policy stays on) and returns { serious, all }.
export async function runAxe(page, label) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!has) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  });
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  axeLog.push({ label, url: page.url(), violations: result });
  return { serious, all: result };
}

export function formatViolations(violations) {
  return violations.map((v) => `  [${v.impact}] ${v.id}: ${v.help} — ${v.nodes.join(', ')}`).join('\n');
}

export function writeAxeSummary(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'axe-summary.json'), JSON.stringify(axeLog, null, 2));
  const lines = axeLog.map((e) => {
    const counts = {};
    for (const v of e.violations) counts[v.impact] = (counts[v.impact] || 0) + 1;
    const text = Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
    return `axe: ${e.label.padEnd(44)} ${text}`;
  });
  return lines.join('\n');
}

export async function noHorizontalScroll(page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}
