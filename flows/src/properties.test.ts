import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryDocument, documentFrom } from '../test/generate.js';
import { compileFlow } from './compiler/compile.js';
import { parseFlowDocument } from './document/parse.js';
import { start, step } from './interpreter/interpreter.js';
import type { CallEvent } from './interpreter/events.js';
import type { CallState } from './interpreter/state.js';
import { canonicalJson } from './util/canonical-json.js';
import { NODE_TYPES } from './nodes/registry.js';

const T0 = Date.UTC(2026, 10, 23, 10);

const arbitraryEvent: fc.Arbitrary<CallEvent> = fc.oneof(
  fc.record({ type: fc.constant('digits' as const), at: fc.integer({ min: T0, max: T0 + 1e7 }), digits: fc.string({ maxLength: 6 }) }),
  fc.record({ type: fc.constant('noInput' as const), at: fc.integer({ min: T0, max: T0 + 1e7 }) }),
  fc.record({ type: fc.constant('promptFinished' as const), at: fc.integer({ min: T0, max: T0 + 1e7 }) }),
  fc.record({
    type: fc.constant('queueStatus' as const),
    at: fc.integer({ min: T0, max: T0 + 1e7 }),
    callersWaiting: fc.nat(50),
    agentsLoggedIn: fc.nat(10),
    agentsAvailable: fc.nat(10),
    estimatedWaitSeconds: fc.nat(3600),
  }),
  fc.record({ type: fc.constant('queueUpdate' as const), at: fc.integer({ min: T0, max: T0 + 1e7 }), position: fc.nat(50), estimatedWaitSeconds: fc.nat(3600) }),
  fc.record({ type: fc.constant('queueExit' as const), at: fc.integer({ min: T0, max: T0 + 1e7 }), reason: fc.constantFrom('answered' as const, 'timeout' as const, 'noAgents' as const, 'exitKey' as const, 'error' as const) }),
  fc.record({ type: fc.constant('transferResult' as const), at: fc.integer({ min: T0, max: T0 + 1e7 }), result: fc.constantFrom('answered' as const, 'busy' as const, 'noAnswer' as const, 'failed' as const) }),
  fc.record({ type: fc.constant('httpResult' as const), at: fc.integer({ min: T0, max: T0 + 1e7 }), status: fc.integer({ min: 100, max: 599 }), body: fc.oneof(fc.json(), fc.string()) }),
  fc.record({ type: fc.constant('callbackResult' as const), at: fc.integer({ min: T0, max: T0 + 1e7 }), ok: fc.boolean() }),
  fc.record({ type: fc.constant('voicemailFinished' as const), at: fc.integer({ min: T0, max: T0 + 1e7 }) }),
  fc.record({ type: fc.constant('timer' as const), at: fc.integer({ min: T0, max: T0 + 1e7 }), name: fc.string({ maxLength: 20 }) }),
  fc.record({ type: fc.constant('effectFailed' as const), at: fc.integer({ min: T0, max: T0 + 1e7 }), message: fc.string() }),
  fc.record({ type: fc.constant('hangup' as const), at: fc.integer({ min: T0, max: T0 + 1e7 }) }),
  // Garbage the edge might send by mistake.
  fc.anything().map((x) => x as unknown as CallEvent),
);

describe('properties', () => {
  it('every generated valid document compiles deterministically, whatever the node order and positions', () => {
    fc.assert(
      fc.property(arbitraryDocument, fc.integer(), (document, seed) => {
        const first = compileFlow(document);
        const again = compileFlow(structuredClone(document));
        expect(canonicalJson(again)).toBe(canonicalJson(first));
        if (!first.compiled) return;
        // Shuffle node order and move every node: same compiled bytes and hash.
        const shuffled = structuredClone(document);
        shuffled.nodes = [...shuffled.nodes].sort((a, b) => ((a.id.length * 31 + seed) % 7) - ((b.id.length * 31 + seed) % 7)).reverse();
        for (const node of shuffled.nodes) node.position = { x: node.position.x + 100, y: seed % 1000 };
        const moved = compileFlow(shuffled);
        expect(moved.compiled?.hash).toBe(first.compiled.hash);
        expect(canonicalJson(moved.compiled)).toBe(canonicalJson(first.compiled));
      }),
      { numRuns: 150 },
    );
  });

  it('the interpreter never throws, whatever the events, and its state survives JSON', () => {
    fc.assert(
      fc.property(arbitraryDocument, fc.array(arbitraryEvent, { maxLength: 25 }), fc.boolean(), (document, events, echoSeq) => {
        const { compiled } = compileFlow(document);
        if (!compiled) return;
        let result = start(compiled, { callId: 'call-1', caller: '+15551234', dialled: '100', at: T0 });
        for (const event of events) {
          const withSeq = echoSeq && event && typeof event === 'object' && result.state.pending ? { ...event, seq: result.state.pending.seq } : event;
          const state = JSON.parse(JSON.stringify(result.state)) as CallState;
          result = step(compiled, state, withSeq as CallEvent);
          expect(JSON.parse(JSON.stringify(result.state))).toEqual(result.state);
          expect(['running', 'waiting', 'ended']).toContain(result.state.status);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every bad document yields diagnostics, never an exception', () => {
    const good = documentFrom([...NODE_TYPES.filter((t) => t !== 'start')], [0, 1, 2, 3, 4, 5, 6, 7]);
    const mutation = fc.record({ path: fc.array(fc.oneof(fc.nat(40), fc.constantFrom('nodes', 'edges', 'data', 'type', 'id', 'options', 'prompt', 'text', 'target', 'sourceOutlet', 'languages', 'variables')), { minLength: 1, maxLength: 5 }), value: fc.anything() });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const doc = structuredClone(good) as unknown as Record<string, unknown>;
        for (const { path, value } of mutations) setAt(doc, path, value);
        const parsed = parseFlowDocument(doc);
        if (!parsed.ok) {
          expect(parsed.diagnostics.length).toBeGreaterThan(0);
          for (const d of parsed.diagnostics) expect(d.path).toBeTruthy();
          return;
        }
        const compiled = compileFlow(parsed.document);
        expect(Array.isArray(compiled.diagnostics)).toBe(true);
      }),
      { numRuns: 400 },
    );
    fc.assert(fc.property(fc.anything(), (input) => {
      const parsed = parseFlowDocument(input);
      expect(parsed.ok).toBe(false);
    }));
  });
});

function setAt(target: Record<string, unknown>, path: Array<string | number>, value: unknown): void {
  let current: unknown = target;
  for (let i = 0; i < path.length - 1; i++) {
    if (current === null || typeof current !== 'object') return;
    current = (current as Record<string | number, unknown>)[path[i] as string];
  }
  if (current !== null && typeof current === 'object') (current as Record<string | number, unknown>)[path[path.length - 1] as string] = value;
}
