#!/usr/bin/env node
// `pnpm test:switch`: the real-switch suite (Switchboard against a real FreeSWITCH), then one closing
// `N passed, N failed` line as `npm test` prints; exit 1 on any failure. Needs FreeSWITCH (FREESWITCH_BIN,
// default /opt/freeswitch/bin/freeswitch) or SWITCH_ESL_HOST for your own; see README, "The real-switch suite".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SIPP = process.env.SIPP_BIN ?? '/usr/bin/sipp';

/** sipp and its RFC 2833 captures (Debian's sip-tester) for the SIP call test; installed when missing and root. */
function ensureSipp() {
  if (existsSync(SIPP) || process.env.SIPP_BIN) return;
  if (process.getuid?.() !== 0) {
    console.error(`✗ ${SIPP} is missing: install Debian's sip-tester package (apt-get install sip-tester) for the SIP call test`);
    return;
  }
  console.log('Installing sipp (apt-get install sip-tester)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'sip-tester']]) {
    if (spawnSync('apt-get', args, { stdio: 'inherit', env }).status !== 0) return;
  }
}

ensureSipp();
const outDir = mkdtempSync(join(tmpdir(), 'switch-tests-'));
const reportFile = join(outDir, 'vitest.json');
const result = spawnSync('pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)], {
  cwd: here,
  stdio: 'inherit',
  env: { ...process.env, SWITCH_TESTS_LOG_DIR: outDir },
});
const status = result.status ?? 1;
let passed = 0;
let failed = 0;
if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  passed = report.numPassedTests ?? 0;
  // A file that failed before its tests ran (FreeSWITCH missing, say) counts as a failure too.
  failed = (report.numFailedTests ?? 0) + (report.testResults ?? []).filter((file) => file.status === 'failed' && (file.assertionResults ?? []).every((test) => test.status !== 'failed')).length;
}
if (status !== 0 && failed === 0) failed = 1;
// What the runtimes warned about, for a failure that does not say enough on its own (a rare one above all).
if (failed > 0) {
  for (const name of readdirSync(outDir).filter((file) => file.startsWith('runtime-') && file.endsWith('.log'))) {
    const lines = readFileSync(join(outDir, name), 'utf8').trim().split('\n').filter(Boolean);
    if (lines.length === 0) continue;
    console.log(`\nruntime warnings (${name}, last ${Math.min(lines.length, 60)} of ${lines.length}):`);
    for (const line of lines.slice(-60)) console.log(`  ${line.slice(0, 400)}`);
  }
}
rmSync(outDir, { recursive: true, force: true });
console.log(`\nreal-switch tests (FreeSWITCH): ${passed} passed, ${failed} failed (exit ${status})`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
