/**
 * Canvas benchmark (not a test): large contact-centre flows (`contactCentreFlow`: menus, queues, sub-flow calls,
 * shared end nodes) in headless Chromium against the real server and a fresh database. For each size it opens the
 * flow (navigation → a node click selects it) and plays real pointer gestures at 60 Hz — drag a node, pan the
 * canvas 400 px, zoom 10 wheel steps out and back — logging every animation frame, long tasks (> 50 ms) and the
 * main-thread time each input event costs (its handlers and the render they cause); then types into the inspector and
 * reports the slowest keystroke (Event Timing: input to next paint), and last clicks Fit to screen (1.5 s from the
 * click). Figures are medians over the runs, printed beside the goals of issue 14 and beside a saved baseline; how
 * to read them and the latest figures: README.md beside this file.
 *
 *   pnpm --filter @switchboard/e2e bench
 *     BENCH_SIZES=500,2000,5000   BENCH_RUNS=3
 *     BENCH_SAVE=file.json        write the figures (e.g. as a new baseline)
 *     BENCH_BASELINE=file.json    compare with these (default: bench/canvas-baseline.json when present)
 *     BENCH_PROFILE=drag@2000,…   write CPU profiles of those gestures (first run) and print their heaviest functions
 *     BENCH_SCREENSHOTS=1         save screenshots after opening, after the pan and after Fit to screen (test-results/canvas-*.png)
 */
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { contactCentreFlow } from '../../designer/src/editor/examples/contact-centre-flow';
import { chromiumLaunchOptions } from '../support/chromium';
import { buildDesigner, emailOf, PASSWORDS, repoRoot, startSwitchboard } from '../support/server';
import { heaviestFunctions, type CpuProfile } from './cpu-profile';
import { GESTURES, GOALS, type Gesture, type GestureFigures, type SizeFigures } from './canvas-goals';
import { formatReport } from './canvas-report';

const SIZES = (process.env.BENCH_SIZES ?? '500,2000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PROFILE = process.env.BENCH_PROFILE ?? '';
const BASELINE = process.env.BENCH_BASELINE ?? new URL('./canvas-baseline.json', import.meta.url).pathname;
const FRAME_MS = 1000 / 60;

const median = (values: number[]) => (values.length === 0 ? NaN : [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);
const percentile = (values: number[], p: number) => (values.length === 0 ? NaN : [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByLabel('Email').fill(emailOf('admin'));
  await page.getByLabel('Password').fill(PASSWORDS.admin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('role-badge').waitFor();
}

/**
 * In the page, from now until `stop`: a frame log (requestAnimationFrame), long tasks, slow input events (Event
 * Timing), and what each input event costs the main thread — from the event until a task posted behind it runs,
 * so its handlers and the React render they caused (flushed in a microtask) are in it.
 */
async function startRecording(page: Page) {
  await page.evaluate(() => {
    const log = {
      frames: [] as number[],
      longTasks: [] as Array<{ start: number; duration: number }>,
      events: [] as Array<{ name: string; duration: number }>,
      costs: [] as number[],
      running: true,
      started: performance.now(),
    };
    (window as unknown as { __bench: typeof log }).__bench = log;
    const tasks = new PerformanceObserver((list) => list.getEntries().forEach((e) => log.longTasks.push({ start: e.startTime, duration: e.duration })));
    tasks.observe({ type: 'longtask' });
    const events = new PerformanceObserver((list) => list.getEntries().forEach((e) => log.events.push({ name: e.name, duration: e.duration })));
    events.observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
    const channel = new MessageChannel();
    const pending: number[] = [];
    channel.port1.onmessage = () => {
      const started = pending.shift();
      if (started !== undefined && log.running) log.costs.push(performance.now() - started);
    };
    const onInput = () => {
      pending.push(performance.now());
      channel.port2.postMessage(0);
    };
    for (const type of ['pointermove', 'wheel', 'keydown']) window.addEventListener(type, onInput, { capture: true, passive: true });
    const frame = (t: number) => {
      if (!log.running) return;
      log.frames.push(t);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    (window as unknown as { __benchStop: () => void }).__benchStop = () => {
      log.running = false;
      tasks.disconnect();
      events.disconnect();
      for (const type of ['pointermove', 'wheel', 'keydown']) window.removeEventListener(type, onInput, { capture: true });
    };
  });
}

async function stopRecording(page: Page) {
  // Two more frames: what the last input scheduled is painted inside the window.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await sleep(60); // long-task entries arrive asynchronously
  return page.evaluate(() => {
    const w = window as unknown as { __bench: { frames: number[]; longTasks: Array<{ start: number; duration: number }>; events: Array<{ name: string; duration: number }>; costs: number[]; started: number }; __benchStop: () => void };
    w.__benchStop();
    const { frames, longTasks, events, costs, started } = w.__bench;
    return { frames, longTasks: longTasks.filter((t) => t.start + t.duration >= started), events, costs };
  });
}

/**
 * Plays `gesture` (one call per input event, sent at 60 Hz as a hand would; when the page falls behind, the next
 * event goes out at once with the position for that moment, as the browser would coalesce them) and measures it.
 */
async function measure(page: Page, cdp: CDPSession, profile: boolean, send: (progress: number) => Promise<void>, durationMs: number, setup?: () => Promise<void>, teardown?: () => Promise<void>) {
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await startRecording(page);
  await setup?.();
  const started = performance.now();
  for (let i = 1; ; i++) {
    await sleep(started + i * FRAME_MS - performance.now());
    const progress = Math.min(1, (performance.now() - started) / durationMs);
    await send(progress);
    if (progress >= 1) break;
  }
  await teardown?.();
  const log = await stopRecording(page);
  let cpuProfile: CpuProfile | undefined;
  if (profile) cpuProfile = ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile;
  const intervals = log.frames.slice(1).map((t, i) => t - log.frames[i]!);
  const figures: GestureFigures = {
    frameMedian: median(intervals),
    frameP95: percentile(intervals, 95),
    frameMax: Math.max(...intervals),
    longTasks: log.longTasks.length,
    longestTask: Math.max(0, ...log.longTasks.map((t) => t.duration)),
    perEventMs: median(log.costs),
    perEventP95: percentile(log.costs, 95),
    events: log.costs.length,
  };
  return { figures, cpuProfile, inputEvents: log.events };
}

/** A node of the canvas whose header is fully on screen and not covered: the place to grab it. */
async function grabbableNode(page: Page) {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const inside = (r: DOMRect) => r.left > pane.left + 40 && r.right < pane.right - 260 && r.top > pane.top + 40 && r.bottom < pane.bottom - 200;
    for (const element of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
      const header = element.querySelector('header');
      if (!header || !inside(header.getBoundingClientRect())) continue;
      const r = header.getBoundingClientRect();
      const point = { x: r.x + 12, y: r.y + r.height / 2 };
      if (element.contains(document.elementFromPoint(point.x, point.y))) return { id: element.dataset.id!, ...point };
    }
    throw new Error('no node fully on screen to drag');
  });
}

/** An empty spot of the canvas (the pane itself is under the pointer) to start a pan. */
async function emptySpot(page: Page) {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    for (let y = pane.top + 40; y < pane.bottom - 200; y += 20) {
      for (let x = pane.left + 40; x < pane.right - 500; x += 20) {
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    throw new Error('no empty spot on the canvas to pan from');
  });
}

/** Navigation → the opening nodes painted → a raw click on a node selects it (no actionability waits inside). */
async function openToInteractive(page: Page, path: string) {
  const started = performance.now();
  await page.goto(path);
  await page.waitForFunction(() => document.querySelector('.react-flow__node[data-id="main"]')?.getBoundingClientRect().width, null, { polling: 'raf', timeout: 120_000 });
  const target = await grabbableNode(page);
  await page.mouse.click(target.x, target.y);
  await page.waitForFunction((id) => document.querySelector(`.react-flow__node.selected[data-id="${id}"]`), target.id, { polling: 'raf', timeout: 120_000 });
  return performance.now() - started;
}

async function playGestures(page: Page, cdp: CDPSession, size: number, profiled: ReadonlySet<string>) {
  const figures: Partial<Record<Gesture, GestureFigures>> = {};
  const profiles: Partial<Record<Gesture, CpuProfile>> = {};
  const record = (gesture: Gesture, result: Awaited<ReturnType<typeof measure>>) => {
    figures[gesture] = result.figures;
    if (result.cpuProfile) profiles[gesture] = result.cpuProfile;
  };

  if (process.env.BENCH_SCREENSHOTS) await page.screenshot({ path: `${repoRoot}test-results/canvas-${size}-opened.png` });
  const grab = await grabbableNode(page);
  record('drag', await measure(page, cdp, profiled.has('drag'), (p) => page.mouse.move(grab.x + 300 * p, grab.y + 150 * Math.sin(Math.PI * p) + 60 * p), 1000,
    async () => {
      await page.mouse.move(grab.x, grab.y);
      await page.mouse.down();
    },
    () => page.mouse.up(),
  ));
  await sleep(1200); // the drop's compile and autosave are not part of the pan

  const spot = await emptySpot(page);
  record('pan', await measure(page, cdp, profiled.has('pan'), (p) => page.mouse.move(spot.x + 400 * p, spot.y + 100 * p), 1000,
    async () => {
      await page.mouse.move(spot.x, spot.y);
      await page.mouse.down();
    },
    () => page.mouse.up(),
  ));
  await sleep(300);
  if (process.env.BENCH_SCREENSHOTS) await page.screenshot({ path: `${repoRoot}test-results/canvas-${size}-after-pan.png` });

  const centre = await page.evaluate(() => {
    const r = document.querySelector('.react-flow')!.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.move(centre.x, centre.y);
  let step = 0;
  // 10 notches out, then 10 back in, one per frame.
  record('zoom', await measure(page, cdp, profiled.has('zoom'), async () => page.mouse.wheel(0, step++ < 10 ? 100 : -100), 19 * FRAME_MS));
  await sleep(300);
  if (process.env.BENCH_SCREENSHOTS) await page.screenshot({ path: `${repoRoot}test-results/canvas-${size}-after-zoom.png` });

  // Typing: a node's name in the inspector, 24 keys at 8 per second with a pause in the middle long enough for the
  // debounced validation and the autosave to run while the user goes on typing. Chromium may coalesce the wheel
  // notches unevenly, leaving the view further out than it began (in the overview, no node to click): zoom in then.
  let node = await grabbableNode(page).catch(() => null);
  for (let i = 0; !node && i < 12; i++) {
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await sleep(400);
    node = await grabbableNode(page).catch(() => null);
  }
  if (!node) node = await grabbableNode(page);
  await page.mouse.click(node.x, node.y);
  const label = page.getByLabel('Name on the canvas');
  await label.click();
  const text = 'Billing enquiries, team';
  let typed = 0;
  const typing = await measure(page, cdp, profiled.has('typing'), async (p) => {
    const due = Math.round(p * text.length);
    while (typed < due) await page.keyboard.type(text[typed++]!);
  }, 3000);
  const keys = typing.inputEvents.filter((e) => /^key|input/.test(e.name));
  figures.typing = { ...typing.figures, slowestKeyMs: Math.max(0, ...keys.map((e) => e.duration)) };
  if (typing.cpuProfile) profiles.typing = typing.cpuProfile;
  const domEdges = await page.evaluate(() => document.querySelectorAll('.react-flow__edge').length);
  const domNodes = await page.evaluate(() => document.querySelectorAll('.react-flow__node').length);

  // Fit to screen: the whole flow in view (its animation and what it draws), measured for 1.5 s from the click.
  await sleep(400); // the typed name is committed after its pause; not part of the fit
  const fitButton = page.getByRole('button', { name: 'Fit to screen' });
  await fitButton.waitFor();
  const fitBox = (await fitButton.boundingBox())!;
  record('fit', await measure(page, cdp, profiled.has('fit'), async () => undefined, 1500, () => page.mouse.click(fitBox.x + fitBox.width / 2, fitBox.y + fitBox.height / 2)));
  if (process.env.BENCH_SCREENSHOTS) await page.screenshot({ path: `${repoRoot}test-results/canvas-${size}-fit.png` });
  return { figures: figures as Record<Gesture, GestureFigures>, profiles, domEdges, domNodes };
}

buildDesigner();
const server = await startSwitchboard();
const browser = await chromium.launch(chromiumLaunchOptions);
const loads: number[] = [loadavg()[0]!];
const results: SizeFigures[] = [];
try {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
  // tsx keeps function names with a `__name` helper, which functions handed to page.evaluate bring along.
  await context.addInitScript({ content: 'window.__name = (fn) => fn;' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  const cdp = await context.newCDPSession(page);
  await signIn(page);
  for (const size of SIZES) {
    const document = { ...contactCentreFlow(size), name: `Bench ${size}` };
    const imported = await page.request.post('/trpc/flows.import', { data: { documents: [document] } });
    if (!imported.ok()) throw new Error(`import failed: ${imported.status()} ${await imported.text()}`);
    const flowId = (await imported.json()).result.data[0].flowId as string;
    // The first load warms the HTTP cache (as a returning user's browser would be) and is not counted.
    await openToInteractive(page, `/flows/${flowId}`);
    const runs: Array<{ open: number; gestures: Record<Gesture, GestureFigures> }> = [];
    let dom = { nodes: 0, edges: 0 };
    for (let run = 0; run < RUNS; run++) {
      await page.goto('/');
      const open = await openToInteractive(page, `/flows/${flowId}`);
      await sleep(800); // the opening compile settles
      const wanted = new Set(run === 0 ? PROFILE.split(',').filter((p) => p.endsWith(`@${size}`)).map((p) => p.split('@')[0]!) : []);
      const played = await playGestures(page, cdp, size, wanted);
      dom = { nodes: played.domNodes, edges: played.domEdges };
      runs.push({ open, gestures: played.figures });
      for (const [gesture, profile] of Object.entries(played.profiles)) {
        mkdirSync(`${repoRoot}test-results`, { recursive: true });
        const file = `${repoRoot}test-results/canvas-${gesture}-${size}.cpuprofile`;
        writeFileSync(file, JSON.stringify(profile));
        console.log(`\nCPU profile of ${gesture} at ${size} nodes: ${file}\n${heaviestFunctions(profile, 25)}`);
      }
      loads.push(loadavg()[0]!);
      process.stdout.write(`  ${size} nodes, run ${run + 1}/${RUNS}: open ${runs.at(-1)!.open.toFixed(0)} ms, drag p95 ${played.figures.drag.frameP95.toFixed(1)} ms\n`);
    }
    const gestures = Object.fromEntries(
      GESTURES.map((gesture) => {
        const of = (key: keyof GestureFigures) => median(runs.map((r) => r.gestures[gesture][key] ?? NaN));
        const figures: GestureFigures = { frameMedian: of('frameMedian'), frameP95: of('frameP95'), frameMax: of('frameMax'), longTasks: of('longTasks'), longestTask: of('longestTask'), perEventMs: of('perEventMs'), perEventP95: of('perEventP95'), events: of('events') };
        if (gesture === 'typing') figures.slowestKeyMs = of('slowestKeyMs');
        return [gesture, figures];
      }),
    ) as Record<Gesture, GestureFigures>;
    results.push({ size, runs: RUNS, openMs: median(runs.map((r) => r.open)), gestures, domNodes: dom.nodes, domEdges: dom.edges });
  }
} finally {
  await browser.close();
  await server.stop();
}

const baseline = existsSync(BASELINE) ? (JSON.parse(readFileSync(BASELINE, 'utf8')) as { results: SizeFigures[]; load: number[] }) : null;
console.log(formatReport(results, baseline, loads, GOALS));
if (process.env.BENCH_SAVE) {
  writeFileSync(process.env.BENCH_SAVE, `${JSON.stringify({ measuredAt: new Date().toISOString(), load: [Math.min(...loads), median(loads), Math.max(...loads)], results }, null, 2)}\n`);
  console.log(`figures saved to ${process.env.BENCH_SAVE}`);
}
