import { describe, expect, it } from 'vitest';
import { capture, temporaryFolder } from './cli-test-support.js';

const { file } = temporaryFolder('flows-cli-test-');

const node = (id: string, type: string, data: unknown = {}) => ({ id, type, position: { x: 0, y: 0 }, data });
const edge = (id: string, source: string, sourceOutlet: string, target: string) => ({ id, source, sourceOutlet, target });
const monday = { localTime: '2026-11-23T10:00', timezone: 'Europe/London' };

/** Main flow: greets in a sub-flow, then says goodbye. */
const main = {
  schemaVersion: 1,
  name: 'Main',
  languages: ['en'],
  nodes: [node('start', 'start'), node('greet', 'subflow', { flow: 'Greeting', outcomes: ['done'] }), node('bye', 'hangup', { goodbye: { text: { en: 'Goodbye from main.' } } })],
  edges: [edge('e1', 'start', 'next', 'greet'), edge('e2', 'greet', 'done', 'bye'), edge('e3', 'greet', 'failed', 'bye')],
  scenarios: [{ name: 'greets through the sub-flow', call: monday, expect: { visits: ['greet', 'Greeting/hello', 'bye'], heard: ['Hello from the sub-flow.', 'Goodbye from main.'] } }],
};
const greeting = {
  schemaVersion: 1,
  name: 'Greeting',
  languages: ['en'],
  nodes: [node('start', 'start'), node('hello', 'announcement', { prompt: { text: { en: 'Hello from the sub-flow.' } } }), node('back', 'return', { outcome: 'done' })],
  edges: [edge('e1', 'start', 'next', 'hello'), edge('e2', 'hello', 'next', 'back')],
};

describe('pnpm flows test', () => {
  it('runs the scenarios with sub-flows linked from the files given, and exits 0 when all pass', () => {
    const { code, lines } = capture(['test', file('main.json', main), file('greeting.json', greeting)]);
    expect(lines).toEqual(['✓ main.json › greets through the sub-flow', '- greeting.json: no scenarios', '1 scenario(s) in 2 file(s): 1 passed, 0 failed']);
    expect(code).toBe(0);
  });

  it('without the sub-flow file the call cannot greet: red, the first difference, exit 1', () => {
    const { code, lines } = capture(['test', file('main-alone.json', main)]);
    expect(lines[0]).toBe('✗ main-alone.json › greets through the sub-flow');
    expect(lines[1]).toMatch(/^ {4}expected the call to pass node Greeting\/hello after greet, but it went start → greet → bye$/);
    expect(lines.at(-1)).toBe('1 scenario(s) in 1 file(s): 0 passed, 1 failed');
    expect(code).toBe(1);
  });

  it('a file that cannot be run fails the command', () => {
    const { code, lines } = capture(['test', file('broken.json', '{ nope')]);
    expect(lines[0]).toMatch(/^✗ broken\.json: not JSON/);
    expect(code).toBe(1);
  });

  it('needs at least one file', () => {
    expect(capture(['test']).code).toBe(2);
  });
});
