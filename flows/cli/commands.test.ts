import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture, temporaryFolder } from './cli-test-support.js';

const { dir, file } = temporaryFolder('flows-cli-');

const node = (id: string, type: string, data: unknown = {}) => ({ id, type, position: { x: 0, y: 0 }, data });
const good = {
  schemaVersion: 1,
  name: 'Good',
  languages: ['en'],
  nodes: [node('start', 'start'), node('bye', 'hangup')],
  edges: [{ id: 'e1', source: 'start', sourceOutlet: 'next', target: 'bye' }],
};

describe('pnpm flows validate', () => {
  it('exits 0 for a valid file and says so', () => {
    const { code, lines } = capture(['validate', file('good.json', good)]);
    expect(code).toBe(0);
    expect(lines.at(-1)).toBe('1 file(s): 1 valid, 0 error(s), 0 warning(s)');
  });

  it('prints file:line:column, node id and code for each problem and exits 1', () => {
    const bad = structuredClone(good) as typeof good;
    bad.nodes.push(node('m', 'menu', { prompt: { text: { en: 'Press' } }, options: [{ digit: '1', label: 'A' }, { digit: '1', label: 'B' }] }));
    bad.edges.push({ id: 'e2', source: 'bye', sourceOutlet: 'next', target: 'm' });
    const path = file('bad.json', bad);
    const { code, lines } = capture(['validate', path]);
    expect(code).toBe(1);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${path}:\\d+:\\d+ node bye edges\\[1\\]\\.sourceOutlet: error SB005 `)));
    const digit = lines.find((l) => l.includes('SB103'));
    expect(digit).toMatch(new RegExp(`^${path}:\\d+:\\d+ node m nodes\\[2\\]\\.data\\.options\\[1\\]\\.digit: error SB103 digit 1 is used by options 1 and 2`));
  });

  it('reports two scenarios with the same name at the second one, naming the first (SB011)', () => {
    const scenario = (name: string) => ({ name, call: { localTime: '2026-11-23T10:00', timezone: 'Europe/London' } });
    const path = file('twins.json', { ...good, scenarios: [scenario('after hours'), scenario('open'), scenario('after hours')] });
    const { code, lines } = capture(['validate', path]);
    expect(code).toBe(1);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${path}:\\d+:\\d+ scenarios\\[2\\]\\.name: error SB011 scenario name "after hours" is already used by scenarios\\[0\\]`)));
  });

  it('points at the line of a JSON syntax error, and reports unreadable files', () => {
    const path = file('broken.json', '{\n  "schemaVersion": 1,\n  "name": "x",,\n}');
    const { code, lines } = capture(['validate', path, join(dir, 'missing.json')]);
    expect(code).toBe(1);
    expect(lines[0]).toBe(`${path}:3:15: error invalid JSON (PropertyNameExpected)`);
    expect(lines[1]).toMatch(/missing\.json: error cannot read file \(ENOENT\)/);
  });

  it('finds sub-flow cycles across the files given', () => {
    const a = { ...good, name: 'A', nodes: [node('start', 'start'), node('s', 'subflow', { flow: 'B', outcomes: ['done'] }), node('bye', 'hangup')], edges: [{ id: 'e1', source: 'start', sourceOutlet: 'next', target: 's' }, { id: 'e2', source: 's', sourceOutlet: 'done', target: 'bye' }, { id: 'e3', source: 's', sourceOutlet: 'failed', target: 'bye' }] };
    const b = { ...a, name: 'B', nodes: [node('start', 'start'), node('s', 'subflow', { flow: 'A', outcomes: ['done'] }), node('bye', 'hangup')] };
    const { code, lines } = capture(['validate', file('a.json', a), file('b.json', b)]);
    expect(lines).toContainEqual(expect.stringContaining('SB301 sub-flows call each other in a cycle: A → B → A'));
    expect(code).toBe(1);
  });

  it('refuses a flow that calls itself as a sub-flow (SB303)', () => {
    const loop = { ...good, name: 'Loop', nodes: [node('start', 'start'), node('s', 'subflow', { flow: 'Loop', outcomes: ['done'] }), node('bye', 'hangup')], edges: [{ id: 'e1', source: 'start', sourceOutlet: 'next', target: 's' }, { id: 'e2', source: 's', sourceOutlet: 'done', target: 'bye' }, { id: 'e3', source: 's', sourceOutlet: 'failed', target: 'bye' }] };
    const { code, lines } = capture(['validate', file('loop.json', loop)]);
    expect(lines).toContainEqual(expect.stringContaining('SB303 sub-flow node s calls its own flow "Loop" (Loop → Loop)'));
    expect(code).toBe(1);
  });
});

describe('pnpm flows compile', () => {
  it('prints the content hash, stable across runs', () => {
    const path = file('hash.json', good);
    const first = capture(['compile', path, '--hash']);
    const second = capture(['compile', path, '--hash']);
    expect(first.code).toBe(0);
    expect(first.lines[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(second.lines[0]).toBe(first.lines[0]);
  });

  it('refuses to compile a file with errors', () => {
    const bad = { ...good, edges: [] };
    const { code, lines } = capture(['compile', file('unconnected.json', bad)]);
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('SB202');
  });

  it('explains its usage', () => {
    expect(capture([]).code).toBe(2);
    expect(capture(['frobnicate']).lines[0]).toBe('error: unknown command "frobnicate"');
  });
});

describe('the pnpm flows entry point', () => {
  it('runs as a program and exits non-zero on errors', async () => {
    const { spawnSync } = await import('node:child_process');
    const path = file('entry.json', { ...good, edges: [] });
    const cli = new URL('./main.ts', import.meta.url).pathname;
    const result = spawnSync(process.execPath, ['--import', 'tsx', cli, 'validate', path], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('error SB202');
  });
});

describe('sub-flow outcomes across files', () => {
  it('reports an outcome a sub-flow can return that the calling node does not list (SB191)', () => {
    const caller = { ...good, name: 'Caller', nodes: [node('start', 'start'), node('s', 'subflow', { flow: 'Callee', outcomes: ['done'] }), node('bye', 'hangup')], edges: [{ id: 'e1', source: 'start', sourceOutlet: 'next', target: 's' }, { id: 'e2', source: 's', sourceOutlet: 'done', target: 'bye' }, { id: 'e3', source: 's', sourceOutlet: 'failed', target: 'bye' }] };
    const callee = { ...good, name: 'Callee', nodes: [node('start', 'start'), node('r', 'return', { outcome: 'transferred' })], edges: [{ id: 'e1', source: 'start', sourceOutlet: 'next', target: 'r' }] };
    const { lines } = capture(['validate', file('caller.json', caller), file('callee.json', callee)]);
    expect(lines.join('\n')).toMatch(/SB191/);
  });
});
