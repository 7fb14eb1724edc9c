#!/usr/bin/env node
// The README's two commands, on a fresh machine with only Node and npm:
//   npm start  — install everything, then start Switchboard on its embedded defaults
//   npm test   — install everything, then run every test suite and print one summary line
// It installs pnpm 10 when missing (corepack is not used: it downloads from outside the npm registry).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const command = process.argv[2] ?? 'start';
const CHROMIUM = '/usr/bin/chromium';

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function must(cmd, args, options) {
  const status = run(cmd, args, options);
  if (status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${status})`);
    process.exit(status);
  }
}

function hasPnpm() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 && /^10\./.test(probe.stdout.trim());
}

function ensurePnpm() {
  if (hasPnpm()) return;
  console.log('Installing pnpm 10 (npm i -g pnpm@10)…');
  must('npm', ['i', '-g', 'pnpm@10']);
}

function install() {
  ensurePnpm();
  must('pnpm', ['install', '--frozen-lockfile']);
}

function summarise(reportFile) {
  if (!existsSync(reportFile)) return null;
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  return { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) };
}

/** Debian's Chromium for the Playwright specs (Playwright's own browser download cannot work offline). */
function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  if (process.getuid?.() !== 0) {
    console.error(`✗ ${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium) to run the browser tests`);
    return false;
  }
  console.log('Installing Chromium (apt-get install chromium)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return run('apt-get', ['update', '-qq'], { env }) === 0 && run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) === 0;
}

/** The Playwright specs in e2e/, when that package has them; summarised from Playwright's JSON report. */
function runBrowserTests(outDir) {
  const e2ePackage = join(root, 'e2e', 'package.json');
  const hasSpecs = existsSync(e2ePackage) && JSON.parse(readFileSync(e2ePackage, 'utf8')).scripts?.test;
  if (!hasSpecs) return { passed: 0, failed: 0, skipped: 0, status: 0 };
  if (!ensureChromium()) return { passed: 0, failed: 1, skipped: 0, status: 1 };
  const reportFile = join(outDir, 'playwright.json');
  const status = run('pnpm', ['--filter', './e2e', 'test'], { env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: reportFile } });
  let stats = null;
  if (existsSync(reportFile)) stats = JSON.parse(readFileSync(reportFile, 'utf8')).stats ?? null;
  const result = stats
    ? { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0, skipped: stats.skipped ?? 0, status }
    : { passed: 0, failed: 1, skipped: 0, status };
  console.log(`\nbrowser tests (Playwright, Chromium): ${result.passed} passed, ${result.failed} failed (exit ${status})`);
  return result;
}

if (command === 'install') {
  install();
} else if (command === 'start') {
  install();
  must('pnpm', ['--filter', '@switchboard/designer', 'build']);
  const status = run('pnpm', ['run', 'serve']);
  process.exit(status);
} else if (command === 'test') {
  install();
  const outDir = join(root, 'test-results');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const reportFile = join(outDir, 'vitest.json');
  const unitStatus = run('pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`]);
  const unit = summarise(reportFile) ?? { passed: 0, failed: 1, skipped: 0 };
  console.log(`\nunit and integration tests (vitest): ${unit.passed} passed, ${unit.failed} failed (exit ${unitStatus})`);

  const browser = runBrowserTests(outDir);
  const passed = unit.passed + browser.passed;
  const failed = unit.failed + browser.failed + (unitStatus !== 0 && unit.failed === 0 ? 1 : 0) + (browser.status !== 0 && browser.failed === 0 ? 1 : 0);
  const skipped = unit.skipped + browser.skipped;
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 ? 1 : 0);
} else {
  console.error(`usage: node scripts/bootstrap.mjs [install|start|test]`);
  process.exit(2);
}
