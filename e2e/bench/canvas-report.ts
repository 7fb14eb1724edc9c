import { GESTURES, type GestureFigures, type Goals, type SizeFigures } from './canvas-goals';

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(value < 10 ? 1 : 0));
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

function gestureLine(figures: GestureFigures | undefined): string {
  if (!figures) return '—';
  const key = figures.slowestKeyMs !== undefined ? `, slowest key ${ms(figures.slowestKeyMs)}` : '';
  return `${ms(figures.frameMedian)}/${ms(figures.frameP95)}/${ms(figures.frameMax)}, ${figures.longTasks} long (max ${ms(figures.longestTask)}), ${ms(figures.perEventMs)}${figures.perEventP95 !== undefined ? `/${ms(figures.perEventP95)}` : ''} ms/event (${figures.events})${key}`;
}

function gestureMeetsGoals(figures: GestureFigures, goals: Goals): boolean {
  const frames = figures.frameMedian <= goals.frameMedian + 0.5 && figures.frameP95 <= goals.frameP95 && figures.longestTask <= goals.longestTask;
  return figures.slowestKeyMs === undefined ? frames : frames && figures.slowestKeyMs <= goals.slowestKeyMs;
}

/**
 * The benchmark's printout: per size and gesture, frame interval median/p95/max, long tasks, main-thread ms per
 * input event, beside the baseline (when given) and whether the goals are met.
 */
export function formatReport(results: SizeFigures[], baseline: { results: SizeFigures[]; load: number[] } | null, loads: number[], goals: Goals): string {
  const lines = [
    '',
    `Canvas benchmark: contact-centre flows in headless Chromium, medians of runs; machine load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}` +
      (baseline ? ` (baseline measured at ${baseline.load.map((l) => l.toFixed(1)).join('/')})` : ''),
    `Goals: frame interval median ≤ ${goals.frameMedian} ms, p95 ≤ ${goals.frameP95} ms, no long task > ${goals.longestTask} ms; open ≤ ${goals.openMs} ms; no key slower than ${goals.slowestKeyMs} ms.`,
    'Gestures: frame interval median/p95/max ms, long tasks (longest), main-thread ms per input event median/p95 (events).',
  ];
  for (const result of results) {
    const before = baseline?.results.find((r) => r.size === result.size);
    lines.push('', `${result.size} nodes (${result.runs} runs; in the DOM after the gestures: ${result.domNodes} nodes, ${result.domEdges} edges${before ? `; baseline ${before.domNodes}/${before.domEdges}` : ''})`);
    lines.push(`  open → interactive   now ${ms(result.openMs)} ms${before ? `   before ${ms(before.openMs)} ms` : ''}   goal ≤ ${goals.openMs}: ${verdict(result.openMs <= goals.openMs)}`);
    for (const gesture of GESTURES) {
      const now = result.gestures[gesture];
      lines.push(`  ${gesture.padEnd(6)} now    ${gestureLine(now)}   goals: ${verdict(gestureMeetsGoals(now, goals))}`);
      if (before) lines.push(`  ${''.padEnd(6)} before ${gestureLine(before.gestures[gesture])}`);
    }
  }
  return lines.join('\n');
}
