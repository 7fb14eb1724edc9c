/**
 * `pnpm bench`: compile+lint time for large flows and interpreter throughput. Prints figures; asserts nothing
 * (performance goals live here, not in unit tests).
 */
import { compileFlow } from '../src/compiler/compile.js';
import { parseFlowDocument } from '../src/document/parse.js';
import { start, step } from '../src/interpreter/interpreter.js';
import type { CallEvent } from '../src/interpreter/events.js';
import type { CallState } from '../src/interpreter/state.js';
import { largeFlow } from './generate.js';
import { menuLoopFlow } from './menu-loop.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function timeCompile(size: number, runs: number): { parse: number; compile: number; fastest: number; diagnostics: number; errors: number } {
  const document = largeFlow(size);
  const parseTimes: number[] = [];
  const compileTimes: number[] = [];
  let diagnostics = 0;
  let errors = 0;
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    const parsed = parseFlowDocument(document);
    const t1 = performance.now();
    if (!parsed.ok) throw new Error(`benchmark flow does not parse: ${JSON.stringify(parsed.diagnostics.slice(0, 3))}`);
    const result = compileFlow(parsed.document);
    const t2 = performance.now();
    diagnostics = result.diagnostics.length;
    errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    if (i >= 2) {
      parseTimes.push(t1 - t0);
      compileTimes.push(t2 - t1);
    }
  }
  return { parse: median(parseTimes), compile: median(compileTimes), fastest: Math.min(...compileTimes), diagnostics, errors };
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
console.log('compile + lint (median of runs, and the fastest run, which is least disturbed by other load; goal ≤ 50 ms at 1,000 nodes, ≤ 250 ms at 5,000, linear)');
const sizes = [1000, 2000, 5000];
const times: Record<number, number> = {};
for (const size of sizes) {
  const r = timeCompile(size, size >= 5000 ? 5 : 9);
  times[size] = r.compile;
  console.log(`  ${String(size).padStart(5)} nodes: compile+lint ${fmt(r.compile).padStart(9)} (fastest ${fmt(r.fastest)})   schema parse ${fmt(r.parse).padStart(9)}   (${r.diagnostics} diagnostics, ${r.errors} errors)`);
}
console.log(`  growth 1,000 → 5,000 nodes: ×${((times[5000] as number) / (times[1000] as number)).toFixed(2)} (linear would be ×5)`);
console.log('');
const throughput = interpreterThroughput(3);
console.log(`interpreter: ${Math.round(throughput.stepsPerSecond).toLocaleString('en-US')} steps/s (goal ≥ 1,000,000; ${throughput.steps.toLocaleString('en-US')} steps of a menu → announcement loop)`);
