import type { Locator, Page } from '@playwright/test';
import type { FlowDocument } from '@switchboard/flows';
import { compileFlow } from '../../flows/src/index';
import { edge, expectSaved, node, waitForStillCanvas } from '../support/canvas';
import { expect, pageAs, test } from '../support/fixtures';

/** The goal: the realistic hotline in at most this many UI actions. */
const GOAL = 80;
const FLOW = 'E2E hotline in 80 actions';

/**
 * Every UI action a person takes, counted: a click, a drag, one field typed (the keys for one field, Enter
 * included, are one action), one choice from a list. Waiting and looking are free; nothing reaches the app
 * except through these methods, so the count is what a business user would do.
 */
class UiActions {
  readonly log: string[] = [];

  constructor(private readonly page: Page) {}

  get count(): number {
    return this.log.length;
  }

  async click(target: Locator, what: string): Promise<void> {
    await target.click();
    this.log.push(`click ${what}`);
  }

  async type(target: Locator, text: string, what: string, options: { enter?: boolean } = {}): Promise<void> {
    await target.fill(text);
    if (options.enter) await target.press('Enter');
    this.log.push(`type ${what}`);
  }

  async choose(target: Locator, option: string | { label: string }, what: string): Promise<void> {
    await target.selectOption(option);
    this.log.push(`choose ${what}`);
  }

  /** Drags a connection from an outlet onto a step already on the canvas. */
  async connect(from: string, outlet: string, to: string): Promise<void> {
    await dragConnection(this.page, from, outlet, to);
    this.log.push(`drag ${from}.${outlet} → ${to}`);
  }

  /**
   * Drags a connection out of `from`'s outlet and lets go on empty canvas about (dx, dy) from the handle, then
   * picks `pick` in the next-step picker by typing (one drag + one typed field). Fits the canvas to the screen
   * first (one more click) when the outlet is not on screen.
   */
  async next(from: string, outlet: string, dx: number, dy: number, pick: string): Promise<void> {
    const page = this.page;
    const handle = page.locator(`.react-flow__handle.source[data-nodeid="${from}"][data-handleid="${outlet}"]`);
    if (!(await onScreen(page, handle))) {
      await this.click(page.getByRole('button', { name: 'Fit to screen' }), 'fit to screen');
      await waitForStillCanvas(page);
    }
    const box = await handle.boundingBox();
    if (!box) throw new Error(`outlet not on screen: ${from}.${outlet}`);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    const drop = await emptySpotNear(page, x + dx, y + dy);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move((x + drop.x) / 2, (y + drop.y) / 2, { steps: 4 });
    await page.mouse.move(drop.x, drop.y, { steps: 4 });
    await page.mouse.up();
    this.log.push(`drag ${from}.${outlet}`);
    const search = page.getByRole('dialog', { name: 'Add the next step' }).getByRole('combobox', { name: 'Find a step type' });
    await this.type(search, pick, `pick ${pick}`, { enter: true });
    await expect(page.getByRole('dialog', { name: 'Add the next step' })).toHaveCount(0);
  }
}

/** Drags from an outlet's handle onto another step's inlet: one action. */
async function dragConnection(page: Page, from: string, outlet: string, to: string): Promise<void> {
  const source = await page.locator(`.react-flow__handle.source[data-nodeid="${from}"][data-handleid="${outlet}"]`).boundingBox();
  const target = await page.locator(`.react-flow__handle.target[data-nodeid="${to}"]`).boundingBox();
  if (!source || !target) throw new Error(`handle not on screen: ${from}.${outlet} → ${to}`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move((source.x + target.x) / 2, (source.y + target.y) / 2, { steps: 4 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(edge(page, from, to)).not.toHaveCount(0);
}

async function onScreen(page: Page, handle: Locator): Promise<boolean> {
  const box = await handle.boundingBox();
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!box || !pane) return false;
  return box.x > pane.x + 10 && box.x < pane.x + pane.width - 40 && box.y > pane.y + 10 && box.y < pane.y + pane.height - 40;
}

/** A point on empty canvas near (x, y), kept inside the canvas and off the steps and the minimap. */
async function emptySpotNear(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ({ x, y }) => {
      const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
      const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
      const free = (px: number, py: number) => {
        const element = document.elementFromPoint(px, py);
        return element !== null && element.classList.contains('react-flow__pane');
      };
      for (let ring = 0; ring < 12; ring++) {
        for (const [ox, oy] of [[0, ring * 50], [0, -ring * 50], [ring * 50, 0], [-ring * 50, 0]] as const) {
          const px = clamp(x + ox, pane.left + 40, pane.right - 260);
          const py = clamp(y + oy, pane.top + 40, pane.bottom - 60);
          if (free(px, py)) return { x: px, y: py };
        }
      }
      throw new Error('no empty canvas near the drop point');
    },
    { x, y },
  );
}

async function draftOf(page: Page, name: string): Promise<FlowDocument> {
  const response = await page.request.get(`/trpc/flows.get?input=${encodeURIComponent(JSON.stringify({ name }))}`);
  if (!response.ok()) throw new Error(`flows.get failed: ${response.status()} ${await response.text()}`);
  return (await response.json()).result.data.draft as FlowDocument;
}

/**
 * Issue 13's goal: the realistic 17-step hotline — opening hours with a holiday week, VIP routing with a transfer,
 * a 4-option menu, an order lookup over HTTP, a billing queue with overflow to a callback, a transfer to an agent and
 * voicemail — built through the real UI as a business user would (templates, the step picker on a dropped
 * connection, "New variable…" in the field), every action counted, in at most 80 actions.
 */
test('a business user builds the realistic hotline in at most 80 UI actions', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const page = await pageAs(browser, baseURL, 'editor');
  const ui = new UiActions(page);
  const form = (id: string) => page.getByRole('form', { name: `Settings of ${id}` });

  // A new blank flow.
  await ui.click(page.getByRole('button', { name: 'New flow' }), 'new flow');
  await ui.type(page.getByRole('dialog').getByLabel('Name'), FLOW, 'flow name');
  await ui.click(page.getByRole('button', { name: 'Create and open' }), 'create');
  await expect(node(page, 'start')).toBeVisible();

  // Front door: the business-hours template right after Start (schedule, welcome, closed, holiday, goodbye).
  await ui.next('start', 'next', 200, 0, 'business');
  await expect(edge(page, 'start', 'schedule_1')).toHaveCount(1);
  // A holiday week: the first day, then one click per day.
  await ui.click(form('schedule_1').getByRole('button', { name: 'Add a holiday' }), 'add holiday');
  await ui.type(form('schedule_1').getByLabel('Holiday name'), 'Christmas week', 'holiday name');
  await ui.type(form('schedule_1').getByLabel('Date of Christmas week'), '2026-12-24', 'holiday date');
  for (let day = 1; day < 7; day++) await ui.click(form('schedule_1').getByRole('button', { name: 'Add a holiday' }), 'next holiday day');
  await expect(form('schedule_1').getByLabel('Holiday name')).toHaveCount(7);

  // VIP callers go straight to the VIP desk; everyone else to the menu.
  await ui.next('announcement_1', 'next', 220, 0, 'caller routing');
  await ui.type(form('callerRouting_1').getByLabel('Numbers'), '+442071234567', 'VIP numbers');
  await ui.next('callerRouting_1', 'vip', 220, -80, 'transfer');
  await ui.type(form('transfer_1').getByLabel('Value'), '2100', 'VIP desk extension');
  await ui.next('callerRouting_1', 'default', 220, 80, 'menu');
  await ui.type(form('menu_1').getByLabel('Message in en'), 'For your order, press 1. For billing, press 2. To leave a message, press 3. For an agent, press 0.', 'menu message');
  await ui.click(form('menu_1').getByRole('button', { name: 'Add to Options' }), 'fourth option');

  // 1: order lookup — the order number into a new variable, the web service, the status read back.
  await ui.next('menu_1', '1', 220, -120, 'collect');
  await ui.choose(form('collectDigits_1').getByLabel('Variable', { exact: true }), { label: 'New variable…' }, 'variable');
  const newVariable = form('collectDigits_1').getByRole('group', { name: 'New variable: Variable' });
  await ui.type(newVariable.getByLabel('Variable name'), 'order_number', 'variable name');
  await ui.click(newVariable.getByRole('button', { name: 'Create' }), 'create variable');
  await ui.next('collectDigits_1', 'ok', 220, 0, 'http');
  await ui.type(form('httpRequest_1').getByLabel('URL'), 'https://shop.example.com/api/orders/${order_number}', 'order service address');
  await ui.next('httpRequest_1', 'ok', 220, 0, 'announcement');
  await ui.type(form('announcement_4').getByLabel('Message in en'), 'Your order is on its way. Thank you for calling.', 'order status message');

  // 2: billing — the queue-with-callback template (queue, callback on overflow, goodbye).
  await ui.next('menu_1', '2', 220, 0, 'queue with callback');
  await ui.type(form('queue_1').getByLabel('Queue', { exact: true }), 'billing@default', 'queue name');
  // 3: voicemail; 0: an agent.
  await ui.next('menu_1', '3', 220, 80, 'voicemail');
  await ui.type(form('voicemail_1').getByLabel('Mailbox'), '2000', 'mailbox');
  await ui.next('menu_1', '0', 220, 160, 'transfer');
  await ui.type(form('transfer_2').getByLabel('Value'), '2200', 'agent extension');

  // Every way out leads somewhere: a tidy layout and a fit to screen, then the remaining outlets dragged home.
  await ui.click(page.getByRole('button', { name: 'Tidy layout' }), 'tidy layout');
  await expect(page.getByRole('button', { name: 'Tidy layout' })).toBeEnabled();
  await ui.click(page.getByRole('button', { name: 'Fit to screen' }), 'fit to screen');
  await waitForStillCanvas(page);
  for (const [from, outlet, to] of [
    ['announcement_4', 'next', 'hangup_1'],
    ['httpRequest_1', 'error', 'transfer_2'],
    ['collectDigits_1', 'failed', 'transfer_2'],
    ['menu_1', 'noInput', 'transfer_2'],
    ['transfer_1', 'busy', 'voicemail_1'],
    ['transfer_2', 'busy', 'voicemail_1'],
  ] as const) {
    await ui.connect(from, outlet, to);
  }

  await expectSaved(page);
  console.log(`hotline built in ${ui.count} UI actions:\n  ${ui.log.join('\n  ')}`);

  // The intended shape: 17 steps of these kinds, connected this way, and no errors.
  const draft = await draftOf(page, FLOW);
  const kinds = draft.nodes.map((n) => n.type).sort();
  expect(kinds).toEqual(
    ['announcement', 'announcement', 'announcement', 'announcement', 'callback', 'callerRouting', 'collectDigits', 'hangup', 'hangup', 'httpRequest', 'menu', 'queue', 'schedule', 'start', 'transfer', 'transfer', 'voicemail'].sort(),
  );
  const links = new Set(draft.edges.map((e) => `${e.source}.${e.sourceOutlet}→${e.target}`));
  for (const link of [
    'start.next→schedule_1',
    'schedule_1.open→announcement_1',
    'schedule_1.closed→announcement_2',
    'schedule_1.holiday→announcement_3',
    'announcement_2.next→hangup_1',
    'announcement_3.next→hangup_1',
    'announcement_1.next→callerRouting_1',
    'callerRouting_1.vip→transfer_1',
    'callerRouting_1.default→menu_1',
    'menu_1.1→collectDigits_1',
    'collectDigits_1.ok→httpRequest_1',
    'httpRequest_1.ok→announcement_4',
    'menu_1.2→queue_1',
    'queue_1.overflow→callback_1',
    'menu_1.3→voicemail_1',
    'menu_1.0→transfer_2',
  ]) {
    expect(links, link).toContain(link);
  }
  const schedule = draft.nodes.find((n) => n.id === 'schedule_1');
  expect(schedule?.type === 'schedule' && schedule.data.holidays.map((h) => h.date)).toEqual(['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-27', '2026-12-28', '2026-12-29', '2026-12-30']);
  expect(draft.variables.map((v) => v.name)).toContain('order_number');
  const errors = compileFlow(draft).diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => `${d.code} ${d.nodeId ?? ''} ${d.message}`)).toEqual([]);
  await expect(page.getByRole('region', { name: 'Problems' })).not.toContainText(/\b[1-9]\d* errors?\b/);

  expect(ui.count).toBeLessThanOrEqual(GOAL);
  await page.context().close();
});
