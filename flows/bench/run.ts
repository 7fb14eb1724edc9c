/**
 * `pnpm bench`: the time to open a large flow (JSON text → parse → compile + lint) and interpreter throughput. Prints figures; asserts nothing
 * (performance goals live here, not in unit tests).
 */
import { compileFlow } from '../src/compiler/compile.js';
import { parseFlowDocument } from '../src/document/parse.js';
import { start, step } from '../src/interpreter/interpreter.js';
import type { CallEvent } from '../src/interpreter/events.js';
import type { CallState } from '../src/interpreter/state.js';
import { largeFlow } from './generate.js';
import { menuLoopFlow } from './menu-loop.js';
import { scheduleDecisionBench } from './calendars.js';

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

/** Timings of opening a flow, in ms, for every measured run (none dropped but the warm-up). */
interface OpenTimings {
  parse: number[];
  compile: number[];
  total: number[];
  diagnostics: number;
  errors: number;
}

/**
 * Times what opening a stored flow costs: `JSON.parse` of its text plus `parseFlowDocument` (schema and
 * migration), then `compileFlow` (compile + lint). Every run after two warm-ups is kept.
 */
function timeOpen(size: number, runs: number): OpenTimings {
  const text = JSON.stringify(largeFlow(size));
  const timings: OpenTimings = { parse: [], compile: [], total: [], diagnostics: 0, errors: 0 };
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    const parsed = parseFlowDocument(JSON.parse(text) as unknown);
    const t1 = performance.now();
    if (!parsed.ok) throw new Error(`benchmark flow does not parse: ${JSON.stringify(parsed.diagnostics.slice(0, 3))}`);
    const result = compileFlow(parsed.document);
    const t2 = performance.now();
    timings.diagnostics = result.diagnostics.length;
    timings.errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    if (i >= 2) {
      timings.parse.push(t1 - t0);
      timings.compile.push(t2 - t1);
      timings.total.push(t2 - t0);
    }
  }
  return timings;
}

function interpreterThroughput(seconds: number): { stepsPerSecond: number; steps: number } {
  const flow = menuLoopFlow();
  const events: CallEvent[] = [];
  let result = start(flow, { callId: 'bench', caller: '+15550100', dialled: '100', at: 0 });
  let state: CallState = result.state;
  let steps = 0;
  let at = 0;
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 10_000; i++) {
      at += 1000;
      const pending = state.pending;
      if (!pending || state.status === 'ended') {
        result = start(flow, { callId: `bench-${steps}`, caller: '+15550100', dialled: '100', at });
        state = result.state;
        continue;
      }
      const event: CallEvent = pending.nodeId === 'menu' ? { type: 'digits', digits: '1', at, seq: pending.seq } : { type: 'promptFinished', at, seq: pending.seq };
      result = step(flow, state, event);
      state = result.state;
      steps++;
    }
  }
  void events;
  return { stepsPerSecond: steps / seconds, steps };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
console.log('Switchboard flows benchmark (one core, Node ' + process.version + ')');
console.log('');
const goals: Record<number, number> = { 1000: 50, 5000: 250 };
console.log('opening a flow = JSON.parse + parseFlowDocument, then compile + lint; median / p99 of all measured runs (2 warm-ups dropped)');
console.log('goal: total ≤ 50 ms at 1,000 nodes, ≤ 250 ms at 5,000');
const sizes = [1000, 2000, 5000];
const medians: Record<number, number> = {};
const col = (values: number[]) => `${fmt(percentile(values, 0.5)).padStart(9)} / ${fmt(percentile(values, 0.99)).padStart(9)}`;
console.log(`  ${'nodes'.padStart(5)}  ${'parse'.padStart(21)}  ${'compile+lint'.padStart(21)}  ${'total'.padStart(21)}  goal`);
for (const size of sizes) {
  const runs = size >= 5000 ? 15 : 30;
  const r = timeOpen(size, runs);
  const totalMedian = percentile(r.total, 0.5);
  const totalP99 = percentile(r.total, 0.99);
  medians[size] = totalMedian;
  const goal = goals[size];
  const verdict = goal === undefined ? '' : `≤ ${goal} ms: median ${totalMedian <= goal ? 'met' : 'MISSED'}, p99 ${totalP99 <= goal ? 'met' : 'MISSED'}`;
  console.log(`  ${String(size).padStart(5)}  ${col(r.parse)}  ${col(r.compile)}  ${col(r.total)}  ${verdict}   (${runs} runs; ${r.diagnostics} diagnostics, ${r.errors} errors)`);
}
console.log(`  growth of the total median 1,000 → 5,000 nodes: ×${((medians[5000] as number) / (medians[1000] as number)).toFixed(2)} (linear would be ×5)`);
console.log('');
const throughput = interpreterThroughput(3);
console.log(`interpreter: ${Math.round(throughput.stepsPerSecond).toLocaleString('en-US')} steps/s (goal ≥ 1,000,000; ${throughput.steps.toLocaleString('en-US')} steps of a menu → announcement loop)`);
console.log('');
const schedule = scheduleDecisionBench();
const verdict = (ns: number) => (ns <= 5000 ? 'met' : 'MISSED');
console.log(`schedule decision with 3 calendars × 1,000 entries (median of 15 batches of 50,000 call times over a year; goal ≤ 5 µs):`);
console.log(`  scheduleStatusAt (decision + reason text): ${(schedule.statusNs / 1000).toFixed(2)} µs — ${verdict(schedule.statusNs)}`);
console.log(`  calendar lookup alone:                      ${(schedule.lookupNs / 1000).toFixed(2)} µs — ${verdict(schedule.lookupNs)}`);
