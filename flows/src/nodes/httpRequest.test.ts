import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import type { VariableDeclaration } from '../document/common.js';
import { start, step } from '../interpreter/interpreter.js';
import type { CallEvent } from '../interpreter/events.js';
import type { Effect } from '../interpreter/effects.js';
import { buildFlow, T0 } from '../../test/build.js';
import { httpRequestNode, parseResponsePath } from './httpRequest.js';

const VARIABLES: VariableDeclaration[] = [
  { name: 'account', type: 'string', initial: 'A-1 "x"' },
  { name: 'tier', type: 'string', initial: 'standard' },
  { name: 'orderId', type: 'integer' },
  { name: 'balance', type: 'number', initial: -1 },
  { name: 'vip', type: 'boolean' },
  { name: 'httpStatus', type: 'integer', initial: -1 },
];

function httpFlow(data: Record<string, unknown>) {
  return buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 'lookup', type: 'httpRequest', data: { url: 'https://crm.example.com/customers?phone=${caller}', ...data } },
      { id: 'found', type: 'hangup' },
      { id: 'broken', type: 'hangup' },
    ],
    ['start:next->lookup', 'lookup:ok->found', 'lookup:error->broken'],
    { variables: VARIABLES },
  );
}

function compiled(data: Record<string, unknown> = {}) {
  const result = compileFlow(httpFlow(data));
  if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled;
}

const MAPPING = [
  { variable: 'tier', path: 'data.customer.tier' },
  { variable: 'orderId', path: 'orders[0].id' },
  { variable: 'balance', path: 'data.balance' },
  { variable: 'vip', path: 'data["is-vip"]' },
];

const call = { callId: 'c1', caller: '+44 1632 960000', dialled: '100', at: T0 };
const visited = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'visit' ? [e.nodeId] : []));

/** Start a call on the flow and answer its HTTP request with `answer`. */
function answer(data: Record<string, unknown>, result: Partial<Extract<CallEvent, { type: 'httpResult' }>> | CallEvent) {
  const flow = compiled(data);
  const first = start(flow, call);
  const event = ('type' in result ? result : { type: 'httpResult', at: T0 + 200, ...result }) as CallEvent;
  return step(flow, first.state, { ...event, seq: first.state.pending?.seq } as CallEvent);
}

describe('httpRequest node', () => {
  it('asks the edge to send the request with placeholders filled: URL-encoded in the URL, JSON-escaped in the body', () => {
    const flow = compiled({
      url: 'https://crm.example.com/customers/${account}?phone=${caller}',
      method: 'POST',
      headers: { Authorization: 'Bearer ${channel.crm_token}' },
      body: '{"caller": "${caller}", "account": "${account}"}',
      timeoutMs: 2500,
    });
    const { effects, state } = start(flow, { ...call, channel: { crm_token: 't0k' } });
    const request = effects.find((e) => e.kind === 'httpRequest');
    expect(request).toEqual({
      kind: 'httpRequest',
      method: 'POST',
      url: 'https://crm.example.com/customers/A-1%20%22x%22?phone=%2B44%201632%20960000',
      headers: { authorization: 'Bearer t0k', 'content-type': 'application/json' },
      body: '{"caller": "+44 1632 960000", "account": "A-1 \\"x\\""}',
      timeoutMs: 2500,
      seq: state.pending?.seq,
    });
    expect(JSON.parse((request as { body: string }).body)).toEqual({ caller: '+44 1632 960000', account: 'A-1 "x"' });
    expect(state.status).toBe('waiting');
  });

  it('maps a 2xx JSON answer into variables, coercing to each declared type, and leaves by ok', () => {
    const body = JSON.stringify({ data: { customer: { tier: 'gold' }, balance: '12.50', 'is-vip': true }, orders: [{ id: 981 }] });
    const { state, effects } = answer({ responseMapping: MAPPING, statusVariable: 'httpStatus' }, { status: 200, body });
    expect(state.vars).toMatchObject({ tier: 'gold', orderId: 981, balance: 12.5, vip: true, httpStatus: 200 });
    expect(visited(effects)).toEqual(['found']);
  });

  it('leaves a variable unchanged when its path is missing, null or of the wrong type', () => {
    const body = JSON.stringify({ data: { customer: null, balance: 'n/a' }, orders: [{ id: 1.5 }] });
    const { state, effects } = answer({ responseMapping: MAPPING }, { status: 200, body });
    expect(state.vars).toMatchObject({ tier: 'standard', orderId: 0, balance: -1, vip: false });
    expect(visited(effects)).toEqual(['found']);
  });

  it('leaves by error on a non-2xx status, recording the status', () => {
    const { state, effects } = answer({ responseMapping: MAPPING, statusVariable: 'httpStatus' }, { status: 503, body: '{"data":{"customer":{"tier":"gold"}}}' });
    expect(visited(effects)).toEqual(['broken']);
    expect(state.vars).toMatchObject({ httpStatus: 503, tier: 'standard' });
  });

  it('leaves by error on a timeout or transport error (status 0), an unparseable body, or effectFailed', () => {
    const data = { responseMapping: MAPPING, statusVariable: 'httpStatus' };
    const timeout = answer(data, { error: 'timeout' });
    expect(visited(timeout.effects)).toEqual(['broken']);
    expect(timeout.state.vars['httpStatus']).toBe(0);
    expect(visited(answer(data, { status: 200, body: '<html>oops</html>' }).effects)).toEqual(['broken']);
    expect(visited(answer(data, { type: 'effectFailed', at: T0 + 1, message: 'no route' }).effects)).toEqual(['broken']);
  });

  it('does not need a JSON body when nothing is mapped (a webhook answering "OK")', () => {
    expect(visited(answer({}, { status: 204 }).effects)).toEqual(['found']);
    expect(visited(answer({}, { status: 200, body: 'OK' }).effects)).toEqual(['found']);
  });

  it('ends the call when the caller hangs up while the request is in flight', () => {
    const flow = compiled();
    const first = start(flow, call);
    const hungUp = step(flow, first.state, { type: 'hangup', at: T0 + 100 });
    expect(hungUp.state.status).toBe('ended');
    expect(hungUp.effects.at(-1)).toMatchObject({ kind: 'end', outcome: 'callerHungUp', nodeId: 'lookup' });
  });

  it('reports bad URLs, bodies, paths and headers (SB180), unknown placeholders (SB133) and undeclared targets (SB134)', () => {
    const { diagnostics, ok } = compileFlow(
      httpFlow({
        url: 'ftp://crm.example.com/${acount}',
        method: 'GET',
        headers: { 'Bad Header': 'x' },
        body: '{"a": ${account}',
        responseMapping: [
          { variable: 'tier', path: 'data..tier' },
          { variable: 'nowhere', path: 'data.x' },
        ],
      }),
    );
    expect(ok).toBe(false);
    const found = diagnostics.map((d) => [d.code, d.path]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['SB180', 'nodes[1].data.url'],
        ['SB133', 'nodes[1].data.url'],
        ['SB180', 'nodes[1].data.headers.Bad Header'],
        ['SB180', 'nodes[1].data.body'],
        ['SB180', 'nodes[1].data.responseMapping[0].path'],
        ['SB134', 'nodes[1].data.responseMapping[1].variable'],
      ]),
    );
    expect(diagnostics.every((d) => d.nodeId === 'lookup')).toBe(true);
    const relative = compileFlow(httpFlow({ url: '/api/customers' })).diagnostics;
    expect(relative).toContainEqual(expect.objectContaining({ code: 'SB180', path: 'nodes[1].data.url' }));
  });

  it('parses dot and bracket response paths', () => {
    expect(parseResponsePath('data.customer.tier')).toEqual(['data', 'customer', 'tier']);
    expect(parseResponsePath('items[0].id')).toEqual(['items', 0, 'id']);
    expect(parseResponsePath('[2]["content-type"]')).toEqual([2, 'content-type']);
    for (const bad of ['', '.a', 'a.', 'a..b', 'a b', 'a.[0]', 'a[x]', 'a[0']) expect(parseResponsePath(bad)).toBeNull();
  });

  it('declares the variables it writes and its defaults compile once connected', () => {
    expect(httpRequestNode.writes?.(httpRequestNode.dataSchema.parse({ url: 'https://x.test', responseMapping: MAPPING, statusVariable: 'httpStatus' }))).toEqual([
      'tier',
      'orderId',
      'balance',
      'vip',
      'httpStatus',
    ]);
    const result = compileFlow(
      buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 'lookup', type: 'httpRequest', data: httpRequestNode.defaults() },
          { id: 'end', type: 'hangup' },
        ],
        ['start:next->lookup', 'lookup:ok->end', 'lookup:error->end'],
      ),
    );
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
