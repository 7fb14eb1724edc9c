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

if (command === 'install') {
  install();
} else if (command === 'start') {
  install();
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
  const failed = unit.failed + (unitStatus !== 0 && unit.failed === 0 ? 1 : 0);
  console.log(`\nunit and integration tests (vitest): exit ${unitStatus}`);
  console.log(`${unit.passed} passed, ${failed} failed${unit.skipped ? `, ${unit.skipped} skipped` : ''}`);
  process.exit(unitStatus !== 0 || failed > 0 ? 1 : 0);
} else {
  console.error(`usage: node scripts/bootstrap.mjs [install|start|test]`);
  process.exit(2);
}
