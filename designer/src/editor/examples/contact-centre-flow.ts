import type { FlowDocument, FlowEdge, FlowNode, FlowNodeOf } from '@switchboard/flows';

/** Ids of the nodes every department shares, as a large contact centre's flow has them. */
export const SHARED_NODE_IDS = { end: 'end', voicemail: 'voicemail', callbackThanks: 'callback_thanks', sorry: 'sorry', closed: 'closed' } as const;

const COLUMN = 340;
const ROW = 240;
const BRANCHES = ['1', '2', '3'] as const;
const DEPARTMENT_WIDTH = 4 * COLUMN + 200;
const DEPARTMENT_HEIGHT = BRANCHES.length * ROW + 200;
const DEPARTMENTS_PER_ROW = 10;

/**
 * A valid flow shaped like a large contact centre's, for the canvas benchmark and large-flow specs: opening
 * hours, a main menu, then departments (a menu whose options each play an announcement, identify the caller in
 * the "Identify caller" sub-flow and queue), every department's "more options" key leading to the next one.
 * Failures, overflow, callbacks and hang-ups all go to a handful of shared end nodes placed after the last
 * department, so their edges cross the whole canvas as they do in real flows. Ids: `dept_<d>`, `dept_<d>_<digit>_say`,
 * `…_identify`, `…_queue`; exactly `size` nodes (at least 20).
 */
export function contactCentreFlow(size: number): FlowDocument {
  if (size < 20) throw new Error(`contactCentreFlow needs at least 20 nodes, got ${size}`);
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  const link = (source: string, sourceOutlet: string, target: string) => edges.push({ id: `e_${source}_${sourceOutlet}`, source, sourceOutlet, target });

  nodes.push({ id: 'start', type: 'start', position: { x: -3 * COLUMN, y: 0 }, data: { answer: true } });
  nodes.push({ id: 'hours', type: 'schedule', position: { x: -2 * COLUMN, y: 0 }, data: scheduleData() });
  nodes.push({ id: 'main', type: 'menu', position: { x: -COLUMN, y: 0 }, data: menuData('Welcome. For sales press 1, support 2, billing 3, other departments 9.', ['1', '2', '3', '9']) });
  link('start', 'next', 'hours');
  link('hours', 'open', 'main');
  link('hours', 'closed', SHARED_NODE_IDS.closed);
  link('main', 'noInput', SHARED_NODE_IDS.end);

  const shared = 5;
  const departments: string[] = [];
  let budget = size - nodes.length - shared;
  for (let d = 0; budget >= 1; d++) {
    const origin = { x: (d % DEPARTMENTS_PER_ROW) * DEPARTMENT_WIDTH, y: Math.floor(d / DEPARTMENTS_PER_ROW) * DEPARTMENT_HEIGHT };
    const menuId = `dept_${d}`;
    const branches = BRANCHES.slice(0, Math.max(1, Math.min(BRANCHES.length, Math.floor((budget - 1) / 3))));
    const node = (id: string, column: number, row: number, type: FlowNode['type'], data: unknown) => {
      nodes.push({ id, type, position: { x: origin.x + column * COLUMN, y: origin.y + row * ROW }, data } as FlowNode);
      budget--;
    };
    node(menuId, 0, 1, 'menu', menuData(`Department ${d}: ${branches.map((digit) => `press ${digit} for team ${d}.${digit}`).join(', ')}, 9 for more.`, [...branches, '9']));
    departments.push(menuId);
    link(menuId, 'noInput', SHARED_NODE_IDS.end);
    branches.forEach((digit, row) => {
      const prefix = `${menuId}_${digit}`;
      if (budget <= 0) return link(menuId, digit, SHARED_NODE_IDS.end);
      node(`${prefix}_say`, 1, row, 'announcement', { prompt: { text: { en: `Team ${d}.${digit}. Calls may be recorded.` } }, bargeIn: false });
      link(menuId, digit, `${prefix}_say`);
      if (budget <= 0) return link(`${prefix}_say`, 'next', SHARED_NODE_IDS.end);
      node(`${prefix}_identify`, 2, row, 'subflow', { flow: 'Identify caller', outcomes: ['done'] });
      link(`${prefix}_say`, 'next', `${prefix}_identify`);
      link(`${prefix}_identify`, 'failed', SHARED_NODE_IDS.sorry);
      if (budget <= 0) return link(`${prefix}_identify`, 'done', SHARED_NODE_IDS.end);
      node(`${prefix}_queue`, 3, row, 'queue', queueData(`team-${d}-${digit}@default`));
      link(`${prefix}_identify`, 'done', `${prefix}_queue`);
      link(`${prefix}_queue`, 'overflow', SHARED_NODE_IDS.voicemail);
      link(`${prefix}_queue`, 'callbackRequested', SHARED_NODE_IDS.callbackThanks);
      link(`${prefix}_queue`, 'answered', SHARED_NODE_IDS.end);
    });
  }
  departments.forEach((id, index) => link(id, '9', departments[index + 1] ?? SHARED_NODE_IDS.sorry));
  ['1', '2', '3', '9'].forEach((digit, index) => link('main', digit, departments[Math.min(index, departments.length - 1)] ?? SHARED_NODE_IDS.sorry));

  // Sinks after the last department, as an automatic layout puts them.
  const rows = Math.ceil(departments.length / DEPARTMENTS_PER_ROW);
  const sinkX = Math.min(departments.length, DEPARTMENTS_PER_ROW) * DEPARTMENT_WIDTH;
  const sinkY = (rows * DEPARTMENT_HEIGHT) / 2;
  nodes.push(
    { id: SHARED_NODE_IDS.voicemail, type: 'voicemail', position: { x: sinkX, y: sinkY - 2 * ROW }, data: { mailbox: '1000' } },
    { id: SHARED_NODE_IDS.callbackThanks, type: 'announcement', position: { x: sinkX, y: sinkY - ROW }, data: { prompt: { text: { en: 'We will call you back.' } }, bargeIn: false } },
    { id: SHARED_NODE_IDS.sorry, type: 'announcement', position: { x: sinkX, y: sinkY }, data: { prompt: { text: { en: 'Sorry, something went wrong.' } }, bargeIn: false } },
    { id: SHARED_NODE_IDS.closed, type: 'announcement', position: { x: sinkX, y: sinkY + ROW }, data: { prompt: { text: { en: 'We are closed.' } }, bargeIn: false } },
    { id: SHARED_NODE_IDS.end, type: 'hangup', position: { x: sinkX + COLUMN, y: sinkY }, data: { cause: 'NORMAL_CLEARING' } },
  );
  link(SHARED_NODE_IDS.voicemail, 'failed', SHARED_NODE_IDS.end);
  link(SHARED_NODE_IDS.callbackThanks, 'next', SHARED_NODE_IDS.end);
  link(SHARED_NODE_IDS.sorry, 'next', SHARED_NODE_IDS.end);
  link(SHARED_NODE_IDS.closed, 'next', SHARED_NODE_IDS.end);
  return { schemaVersion: 1, name: `Contact centre ${size}`, description: '', languages: ['en'], variables: [], nodes, edges };
}

function menuData(text: string, digits: ReadonlyArray<FlowNodeOf<'menu'>['data']['options'][number]['digit']>): FlowNodeOf<'menu'>['data'] {
  return { prompt: { text: { en: text } }, options: digits.map((digit) => ({ digit, label: digit === '9' ? 'More' : `Team ${digit}` })), timeoutSeconds: 5, maxRetries: 2 };
}

function queueData(queue: string) {
  return {
    queue,
    priority: 0,
    skills: [],
    announcements: { everySeconds: 60, position: { text: { en: 'You are number ${position} in the queue.' } } },
    overflow: { maxWaitSeconds: 120, whenNoAgents: true, whenEstimateExceedsMaxWait: true },
    callbackKey: '1',
  };
}

function scheduleData() {
  const weekday = () => [{ open: '08:00', close: '20:00' }];
  return {
    timezone: 'Europe/London',
    weekly: { monday: weekday(), tuesday: weekday(), wednesday: weekday(), thursday: weekday(), friday: weekday(), saturday: [], sunday: [] },
    holidays: [],
    emergencyOverride: false,
    emergencyFlag: 'emergency',
    calendars: [],
  };
}
