/**
 * Runtime benchmark on a real FreeSWITCH (`pnpm --filter @switchboard/runtime bench:switch`; not a test). Starts
 * its own FreeSWITCH 1.10.12 (FREESWITCH_BIN, default /opt/freeswitch/bin/freeswitch) on a copy of the project's
 * configuration, `freeswitch/conf`, as the real-switch suite does (src/testing/freeswitch.ts), its log level lowered
 * to warnings; needs tcpdump and permission to capture on `lo` (root or CAP_NET_RAW).
 *
 * 1. Overhead: one loopback call at a time runs PROMPTS instant audio prompts through (a) a bare `net` client
 *    (real-switch/raw-client.ts, no project code) and (b) the runtime (OutboundServer + CallSession in
 *    real-switch/runtime-client.ts), alternating, ROUNDS calls each; the dialplan's socket address
 *    (`switchboard_runtime`) is pointed at the client whose turn it is with `global_setvar`. Both send the same commands: `set
 *    playback_terminators=none` once, then one `playback` per prompt. Timed on the wire (tcpdump on lo): from the
 *    packet completing the playback's CHANNEL_EXECUTE_COMPLETE to the packet with the next prompt's command, so
 *    event-loop lag, parsing and GC count. Also shown: the same gap by the switch's own event timestamps.
 * 2. Capacity: calls each playing PROMPT_MS prompts one after another, in steps, until the runtime uses more
 *    than 25 % of one core (process.cpuUsage over a window) or the box saturates; FreeSWITCH's CPU from /proc.
 *
 * Knobs (environment): BENCH_PROMPTS (500), BENCH_ROUNDS (5), BENCH_WARMUP (2 unmeasured calls per client first), BENCH_PROMPT_MS (2000), BENCH_CAPACITY_STEPS
 * ("50,100,150,200,250,300,400,500,600"), BENCH_WINDOW_MS (10000), BENCH_SKIP_CAPACITY=1; for digging: BENCH_PROFILE=<dir>
 * (--cpu-prof of both clients), BENCH_NODE_FLAGS (e.g. --trace-gc), SWITCH_KEEP_FILES=1 (FreeSWITCH's folder), BENCH_RUNTIME_LOG=warn.
 * Prints the figures; asserts nothing.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InboundClient } from '../src/esl/index.js';
import { startSwitch, switchSettings, type SwitchInstance } from '../src/testing/freeswitch.js';
import { readSegments, startCapture, wireTiming } from './real-switch/capture.js';
import { HOLD_NUMBER, SPIN_NUMBER } from './real-switch/numbers.js';

const PROMPTS = Number(process.env['BENCH_PROMPTS'] ?? 500);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 2);
const PROMPT_MS = Number(process.env['BENCH_PROMPT_MS'] ?? 2000);
const STEPS = (process.env['BENCH_CAPACITY_STEPS'] ?? '50,100,150,200,250,300,400,500,600').split(',').map(Number);
const WINDOW_MS = Number(process.env['BENCH_WINDOW_MS'] ?? 10_000);
const CPU_LIMIT = 25;
const INSTANT_PROMPT = 'silence_stream://1';
const PROMPT_COMMAND = 'execute-app-name: playback';
const GOAL = 1.2;

const started = performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

interface CpuReport {
  type: 'cpu';
  user: number;
  system: number;
  activeCalls?: number;
  ended?: number;
  fallbacks?: number;
  trace: { callbackToWrite: { median: number; p99: number; count: number; cpuMedian: number } };
}

/** A benchmark client in its own process, driven over IPC. */
class Client {
  private readonly child: ChildProcess;
  private readonly waiting: Array<{ type: string; resolve: (message: Record<string, unknown>) => void }> = [];
  constructor(script: string) {
    this.child = fork(fileURLToPath(new URL(script, import.meta.url)), { execArgv: ['--import', 'tsx', ...(process.env['BENCH_NODE_FLAGS']?.split(' ').filter(Boolean) ?? []), ...(process.env['BENCH_PROFILE'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_PROFILE']}/${script.includes('runtime') ? 'runtime' : 'raw'}`] : [])], stdio: 'inherit' });
    this.child.on('message', (message: Record<string, unknown>) => {
      const index = this.waiting.findIndex((waiter) => waiter.type === message['type']);
      if (index >= 0) this.waiting.splice(index, 1)[0]?.resolve(message);
    });
  }
  request<T>(message: Record<string, unknown>, reply: string): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.push({ type: reply, resolve: resolve as (message: Record<string, unknown>) => void });
      this.child.send(message);
    });
  }
  cpu(): Promise<CpuReport> {
    return this.request<CpuReport>({ type: 'cpu' }, 'cpu');
  }
  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'stop' });
    await Promise.race([exited, sleep(15_000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** CPU time (µs) FreeSWITCH has used, from /proc/<pid>/stat (utime + stime, in clock ticks of 10 ms). */
function switchCpu(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

const raw = new Client('./real-switch/raw-client.ts');
const runtime = new Client('./real-switch/runtime-client.ts');
const rawPort = (await raw.request<{ port: number }>({ type: 'start', prompts: PROMPTS, file: INSTANT_PROMPT }, 'listening')).port;
const runtimePort = (await runtime.request<{ port: number }>({ type: 'start', prompts: PROMPTS, file: INSTANT_PROMPT, loopFile: `tone_stream://%(${PROMPT_MS},0,440)` }, 'listening')).port;

let freeswitch: SwitchInstance | undefined;
let control: InboundClient | undefined;
const cleanup = async () => {
  await control?.stop().catch(() => undefined);
  await freeswitch?.stop();
  await raw.stop();
  await runtime.stop();
};
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  const settings = switchSettings();
  if (settings.external) throw new Error('bench:switch starts its own FreeSWITCH (it reads its CPU and captures its traffic on lo): unset SWITCH_ESL_HOST');
  freeswitch = await startSwitch({ runtimeAddress: `127.0.0.1:${runtimePort}`, settings });
  control = new InboundClient({ host: freeswitch.esl.host, port: freeswitch.esl.port, password: freeswitch.esl.password });
  await control.start();
  const esl = control;
  // The project's configuration logs every app at debug level (the suite reads it); a production switch would not.
  await esl.api('fsctl loglevel warning');
  // Loopback calls are two channels each: room for the capacity steps.
  await esl.api('fsctl max_sessions 4000');
  const pid = freeswitch.pid();
  if (pid === null) throw new Error('FreeSWITCH started but its pid file is missing');
  console.log(`runtime benchmark on FreeSWITCH (${(await esl.api('version')).trim()}), pid ${pid}, configuration freeswitch/conf; load average ${load()}\n`);
  /** Points the dialplan's `socket` at `port` (read per call: `\${switchboard_runtime}`). */
  const socketTo = async (port: number) => {
    const reply = (await esl.api(`global_setvar switchboard_runtime=127.0.0.1:${port}`)).trim();
    if (reply.startsWith('-ERR')) throw new Error(`global_setvar switchboard_runtime: ${reply}`);
  };

  /** Places one call to `number` and waits until both legs are gone (at most `timeoutMs`). */
  const oneCall = async (number: string, timeoutMs: number): Promise<{ ok: boolean; detail: string }> => {
    const reply = (await esl.api(`originate loopback/${number}/public &park`)).trim();
    if (!reply.startsWith('+OK')) return { ok: false, detail: reply };
    const uuid = reply.slice(4).trim();
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if ((await esl.api(`uuid_exists ${uuid}`)).trim() !== 'true') return { ok: true, detail: '' };
      await sleep(100);
    }
    await esl.api(`uuid_kill ${uuid}`);
    return { ok: false, detail: `still up after ${timeoutMs / 1000} s` };
  };

  // --- 1. overhead -----------------------------------------------------------------------------------------
  console.log(`1. overhead: one call at a time, ${PROMPTS} instant prompts (${INSTANT_PROMPT}) each; ${ROUNDS} calls per client, alternating, after ${WARMUP} warm-up calls each`);
  console.log('   time from the playback\'s CHANNEL_EXECUTE_COMPLETE arriving (wire) to the next prompt\'s command leaving (wire), µs;');
  console.log('   in-process = the part from the client\'s data callback to its write; switch-side = completion → next app by FreeSWITCH\'s clock');
  console.log('   run  client    prompts   median      p99   switch-side median   CPU µs/prompt   in-process median (CPU)   in-process p99');
  const results = { raw: { medians: [] as number[], p99s: [] as number[], all: [] as number[], switchSide: [] as number[], failures: 0, cpuPerPrompt: [] as number[], inProcess: [] as number[], inProcessCpu: [] as number[] }, runtime: { medians: [] as number[], p99s: [] as number[], all: [] as number[], switchSide: [] as number[], failures: 0, cpuPerPrompt: [] as number[], inProcess: [] as number[], inProcessCpu: [] as number[] } };
  // Warm-up calls, not measured: a runtime in service has taken calls before, and V8 has optimised its hot path by
  // then. In a fresh process the path still runs in V8's baseline tier (perf with --perf-basic-prof shows the parser,
  // the interpreter's step and the session's drain as `^` baseline code) — a start-up cost, not the steady state.
  for (let round = 1; round <= WARMUP; round++) {
    for (const [client, port] of [[raw, rawPort], [runtime, runtimePort]] as const) {
      await socketTo(port);
      await oneCall(SPIN_NUMBER, 120_000);
      await client.cpu();
    }
  }
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, client, number, port] of [['raw', raw, SPIN_NUMBER, rawPort], ['runtime', runtime, SPIN_NUMBER, runtimePort]] as const) {
      await socketTo(port);
      const file = join(tmpdir(), `switchboard-bench-${process.pid}-${name}-${round}.pcap`);
      const capture = await startCapture([port], file);
      const cpuBefore = await client.cpu();
      const call = await oneCall(number, 120_000);
      const cpuAfter = await client.cpu();
      const dropped = await capture.stop();
      const bytes = statSync(file).size;
      const timing = wireTiming(readSegments(file), port, PROMPT_COMMAND, 'playback');
      const result = results[name];
      const expected = PROMPTS - 1;
      const complete = call.ok && dropped === 0 && timing.broken === 0 && timing.wire.length === expected;
      if (!complete) {
        result.failures++;
        console.log(`   ${round}    ${name.padEnd(8)}  FAILED: ${call.detail || ''} ${timing.wire.length}/${expected} prompts measured, ${dropped} packets dropped by the capture, ${timing.broken} connections with holes (${(bytes / 1e6).toFixed(1)} MB captured, kept in ${file})`);
        continue;
      }
      rmSync(file, { force: true });
      {
      }
      const cpuPerPrompt = (cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / PROMPTS;
      result.medians.push(median(timing.wire));
      result.p99s.push(quantile(timing.wire, 0.99));
      result.all.push(...timing.wire);
      result.switchSide.push(median(timing.switchSide));
      result.cpuPerPrompt.push(cpuPerPrompt);
      result.inProcess.push(cpuAfter.trace.callbackToWrite.median);
      result.inProcessCpu.push(cpuAfter.trace.callbackToWrite.cpuMedian);
      console.log(
        `   ${round}    ${name.padEnd(8)}  ${String(timing.wire.length).padStart(7)}   ${fixed(median(timing.wire), 0).padStart(6)}   ${fixed(quantile(timing.wire, 0.99), 0).padStart(6)}   ${fixed(median(timing.switchSide), 0).padStart(18)}   ${fixed(cpuPerPrompt, 0).padStart(13)}   ${`${fixed(cpuAfter.trace.callbackToWrite.median, 0)} (${fixed(cpuAfter.trace.callbackToWrite.cpuMedian, 0)})`.padStart(23)}   ${fixed(cpuAfter.trace.callbackToWrite.p99, 0).padStart(14)}`,
      );
    }
  }
  const summary = (name: 'raw' | 'runtime') => {
    const result = results[name];
    return { median: median(result.medians), p99: quantile(result.all, 0.99), switchSide: median(result.switchSide), cpu: median(result.cpuPerPrompt), inProcess: median(result.inProcess), inProcessCpu: median(result.inProcessCpu), runs: result.medians.length, failures: result.failures };
  };
  const rawSummary = summary('raw');
  const runtimeSummary = summary('runtime');
  console.log(`\n   over all runs (median of the runs' medians; p99 of all prompts pooled):`);
  for (const [name, s] of [['raw client', rawSummary], ['runtime', runtimeSummary]] as const) {
    console.log(`   ${name.padEnd(11)} median ${fixed(s.median, 0).padStart(5)} µs   p99 ${fixed(s.p99, 0).padStart(6)} µs   switch-side median ${fixed(s.switchSide, 0)} µs   CPU ${fixed(s.cpu, 0)} µs/prompt   in-process ${fixed(s.inProcess, 0)} µs (CPU ${fixed(s.inProcessCpu, 0)} µs)   runs ${s.runs}, failed ${s.failures}`);
  }
  const medianRatio = runtimeSummary.median / rawSummary.median;
  const p99Ratio = runtimeSummary.p99 / rawSummary.p99;
  const verdict = (ratio: number) => (ratio <= GOAL ? 'meets' : 'MISSES');
  console.log(`   overhead    median ${fixed(medianRatio)}×   p99 ${fixed(p99Ratio)}×   (goal ≤ ${GOAL}× at both: median ${verdict(medianRatio)}, p99 ${verdict(p99Ratio)})`);
  console.log(`   load average ${load()}\n`);

  // --- 2. capacity ---------------------------------------------------------------------------------------------
  if (process.env['BENCH_SKIP_CAPACITY'] !== '1') {
    await socketTo(runtimePort);
    console.log(`2. capacity: calls each playing ${PROMPT_MS / 1000} s prompts (tone_stream) one after another; runtime CPU limit ${CPU_LIMIT} % of one core`);
    console.log('   calls   connected   runtime CPU   FreeSWITCH CPU   prompts/s (of expected)   load average');
    let best: { calls: number; cpu: number; switchCpu: number } | undefined;
    let placed = 0;
    let placeFailures = 0;
    const failureCauses: Record<string, number> = {};
    const failed = (cause: string) => {
      placeFailures++;
      failureCauses[cause] = (failureCauses[cause] ?? 0) + 1;
    };
    let stopReason = `the last step (${STEPS.at(-1)} calls) stayed within the limit`;
    for (const target of STEPS) {
      const originates: Promise<void>[] = [];
      for (; placed < target; placed++) {
        originates.push(
          esl.bgapi(`originate loopback/${HOLD_NUMBER}/public &park`).then(
            (body) => void (body.startsWith('+OK') || failed(body.trim())),
            (error: unknown) => failed(String(error)),
          ),
        );
        if (originates.length % 5 === 0) await sleep(100); // about 50 new calls per second
      }
      await Promise.all(originates);
      const deadline = performance.now() + 30_000;
      let report = await runtime.cpu();
      while ((report.activeCalls ?? 0) < target && performance.now() < deadline) {
        await sleep(250);
        report = await runtime.cpu();
      }
      if ((report.activeCalls ?? 0) < target * 0.98) {
        stopReason = `at ${target} calls only ${report.activeCalls} reached the runtime (${placeFailures} originates failed)`;
        console.log(`   ${String(target).padStart(5)}   ${String(report.activeCalls).padStart(9)}   stopping: not all calls connected`);
        break;
      }
      await sleep(Math.max(PROMPT_MS, 2000));
      const before = await runtime.cpu();
      const switchBefore = switchCpu(pid);
      const t0 = performance.now();
      await sleep(WINDOW_MS);
      const after = await runtime.cpu();
      const seconds = (performance.now() - t0) / 1000;
      const runtimeShare = (after.user + after.system - before.user - before.system) / 1e4 / seconds;
      const switchShare = (switchCpu(pid) - switchBefore) / 1e4 / seconds;
      const ended = (after.ended ?? 0) - (before.ended ?? 0);
      // Prompts the runtime actually started in the window (a playback written after a completion).
      const promptsPerSecond = after.trace.callbackToWrite.count / seconds;
      console.log(
        `   ${String(target).padStart(5)}   ${String(after.activeCalls).padStart(9)}   ${fixed(runtimeShare, 1).padStart(9)} %   ${fixed(switchShare, 0).padStart(12)} %   ${fixed(promptsPerSecond, 0).padStart(9)} of ${fixed(target / (PROMPT_MS / 1000), 0)}   ${load()}${ended > 0 ? `   (${ended} calls ended early)` : ''}`,
      );
      // A switch that cannot play the prompts asked of it did not test the runtime: that row does not count.
      if (promptsPerSecond < 0.9 * (target / (PROMPT_MS / 1000))) {
        stopReason = `at ${target} calls FreeSWITCH served only ${fixed(promptsPerSecond, 0)} of ${fixed(target / (PROMPT_MS / 1000), 0)} prompts/s (${fixed(switchShare, 0)} % CPU): the box, not the runtime, is the limit; row not counted`;
        break;
      }
      if (runtimeShare > CPU_LIMIT) {
        stopReason = `the runtime used more than ${CPU_LIMIT} % of a core at ${target} calls`;
        break;
      }
      best = { calls: target, cpu: runtimeShare, switchCpu: switchShare };
      if (switchShare > 170) {
        stopReason = `FreeSWITCH used ${fixed(switchShare, 0)} % of the 2 cores' 200 % at ${target} calls: the box, not the runtime, is the limit`;
        break;
      }
    }
    await esl.api('hupall NORMAL_CLEARING');
    console.log(`\n   most calls with the runtime ≤ ${CPU_LIMIT} % of one core: ${best ? `${best.calls} (runtime ${fixed(best.cpu, 1)} %, FreeSWITCH ${fixed(best.switchCpu, 0)} %)` : 'none'}; stopped because ${stopReason}`);
    console.log(`   originates that failed: ${placeFailures}${placeFailures > 0 ? ` ${JSON.stringify(failureCauses)}` : ''}`);
    const drain = performance.now() + 30_000;
    while (((await runtime.cpu()).activeCalls ?? 0) > 0 && performance.now() < drain) await sleep(250);
  }
  console.log(`\nfinished in ${fixed((performance.now() - started) / 1000, 1)} s; load average ${load()}`);
} finally {
  await cleanup();
}
process.exit(0);
