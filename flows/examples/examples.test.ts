import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFlow, parseFlowDocument, start, step, type CallEvent, type CallStart, type CompiledFlow, type Effect, type StepResult } from '../src/index.js';

const dir = new URL('.', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

function load(name: string): CompiledFlow {
  const parsed = parseFlowDocument(JSON.parse(readFileSync(join(dir, name), 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  const result = compileFlow(parsed.document);
  if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled;
}

/** A little call driver: each event answers whatever the call waits for (seq echoed). */
class Call {
  result: StepResult;
  readonly heard: string[] = [];
  readonly visited: string[] = [];
  constructor(readonly flow: CompiledFlow, call: Partial<CallStart> & { at: number }) {
    this.result = start(flow, { callId: 'call-1', caller: '+447700900123', dialled: '03001234567', ...call });
    this.record(this.result.effects);
  }
  private record(effects: Effect[]) {
    for (const e of effects) {
      if (e.kind === 'visit') this.visited.push(e.nodeId);
      if (e.kind === 'play' || e.kind === 'announce') this.heard.push(e.prompt.text ?? e.prompt.audio ?? '');
      if (e.kind === 'collectDigits') this.heard.push(...e.prompts.map((p) => p.text ?? ''));
    }
  }
  get effects() {
    return this.result.effects;
  }
  send(event: Omit<CallEvent, 'seq'>): this {
    const seq = this.result.state.pending?.seq;
    this.result = step(this.flow, this.result.state, { ...event, seq } as CallEvent);
    this.record(this.result.effects);
    return this;
  }
  last<K extends Effect['kind']>(kind: K): Extract<Effect, { kind: K }> | undefined {
    return this.result.effects.filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind).at(-1);
  }
}

const london = (iso: string) => Date.parse(iso); // ISO strings below carry their UTC offset
const queueStatus = (at: number, over: Partial<{ callersWaiting: number; agentsLoggedIn: number; agentsAvailable: number; estimatedWaitSeconds: number }> = {}) =>
  ({ type: 'queueStatus', at, callersWaiting: 2, agentsLoggedIn: 3, agentsAvailable: 0, estimatedWaitSeconds: 60, ...over }) as const;

describe('example flows', () => {
  it('there are at least the four documented examples', () => {
    expect(files).toEqual(expect.arrayContaining(['main-menu.json', 'holiday-hours.json', 'support-queue.json', 'vip-route.json']));
  });

  for (const file of files) {
    it(`${file} compiles with no errors and no warnings`, () => {
      const parsed = parseFlowDocument(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      expect(parsed.ok && compileFlow(parsed.document).diagnostics).toEqual([]);
    });
  }

  describe('main menu', () => {
    const flow = load('main-menu.json');
    it('in business hours welcomes the caller and offers 0 for an agent', () => {
      const call = new Call(flow, { at: london('2026-11-23T10:00:00Z') }).send({ type: 'promptFinished', at: london('2026-11-23T10:00:03Z') });
      expect(call.heard.at(-1)).toBe('For sales, press 1. For support, press 2. To speak to an agent, press 0.');
      call.send({ type: 'digits', digits: '0', at: london('2026-11-23T10:00:08Z') });
      expect(call.last('transfer')).toMatchObject({ destination: { type: 'extension', value: '1000' } });
    });
    it('speaks Chinese to a caller who chose it', () => {
      const call = new Call(flow, { at: london('2026-11-23T10:00:00Z'), language: 'zh-CN' });
      expect(call.heard[0]).toBe('感谢您致电 Acme。');
    });
    it('after hours plays the opening hours and takes a message', () => {
      const call = new Call(flow, { at: london('2026-11-23T19:30:00Z') });
      expect(call.visited).toContain('closed');
      call.send({ type: 'promptFinished', at: london('2026-11-23T19:30:05Z') });
      expect(call.last('voicemail')).toMatchObject({ mailbox: 'general' });
    });
    it('an incident switch overrides everything', () => {
      const call = new Call(flow, { at: london('2026-11-23T10:00:00Z'), flags: { emergency: true } });
      expect(call.visited).toContain('incident');
    });
  });

  describe('holiday hours', () => {
    const flow = load('holiday-hours.json');
    it('on Christmas Day the caller hears the holiday message', () => {
      const call = new Call(flow, { at: london('2026-12-25T10:00:00Z') });
      expect(call.heard[0]).toMatch(/closed for the holiday/);
    });
    it('on Christmas Eve morning the line is open, in the afternoon it is the holiday', () => {
      expect(new Call(flow, { at: london('2026-12-24T10:00:00Z') }).visited).toContain('menu');
      expect(new Call(flow, { at: london('2026-12-24T14:00:00Z') }).visited).toContain('holidayMessage');
    });
    it('on a working day 1 reaches the queue, and over its threshold the callback offer is made', () => {
      const t = london('2026-11-23T10:00:00Z');
      const call = new Call(flow, { at: t }).send({ type: 'digits', digits: '1', at: t + 4000 });
      expect(call.last('queueStatus')).toMatchObject({ queue: 'support@default' });
      call.send(queueStatus(t + 4100, { callersWaiting: 12 }));
      expect(call.visited).toContain('busy');
      call.send({ type: 'promptFinished', at: t + 6000 });
      expect(call.heard.at(-1)).toBe('We can call you back on 0 7 7 0 0, 9 0 0 1 2 3 and you keep your place in the queue. To confirm, press 1. To use another number, press 2.');
    });
  });

  describe('support queue', () => {
    const flow = load('support-queue.json');
    const t = london('2026-11-23T10:00:00Z');
    function queued() {
      return new Call(flow, { at: t }).send({ type: 'promptFinished', at: t + 3000 }).send(queueStatus(t + 3100));
    }
    it('joins with honest announcements and overflows at 120 seconds', () => {
      const call = queued();
      expect(call.last('enqueue')).toMatchObject({ queue: 'support@default', exitKeys: ['1'] });
      expect(call.last('startTimer')).toMatchObject({ afterMs: 120_000 });
      call.send({ type: 'queueUpdate', at: t + 5000, position: 3, estimatedWaitSeconds: 240 });
      expect(call.heard.slice(-3)).toEqual([
        'You are number 3 in the queue.',
        'Your expected wait is about 4 minutes.',
        'To hang up and keep your place, press 1. We will call you back when it is your turn.',
      ]);
      call.send({ type: 'timer', name: 'queue.maxWait', at: t + 123_100 });
      expect(call.effects.map((e) => e.kind)).toContain('leaveQueue');
      expect(call.visited.at(-1)).toBe('sorry');
    });
    it('pressing 1 books a callback that keeps the caller’s place', () => {
      const call = queued().send({ type: 'digits', digits: '1', at: t + 63_100 });
      expect(call.visited.at(-1)).toBe('callback');
      call.send({ type: 'digits', digits: '1', at: t + 70_000 });
      expect(call.last('scheduleCallback')).toMatchObject({ queue: 'support@default', number: '+447700900123', keepPlace: true, originalWaitSeconds: 60 });
    });
  });

  describe('VIP route', () => {
    const flow = load('vip-route.json');
    const t = london('2026-11-23T10:00:00Z');
    it('sends a VIP straight to the priority queue', () => {
      const call = new Call(flow, { at: t, caller: '+44 20 7123 4567' }).send({ type: 'promptFinished', at: t + 2000 });
      expect(call.last('queueStatus')).toMatchObject({ queue: 'vip@default' });
      call.send(queueStatus(t + 2100));
      expect(call.last('enqueue')).toMatchObject({ queue: 'vip@default', priority: 80, skills: ['vip'] });
    });
    it('refuses a blocked number', () => {
      const call = new Call(flow, { at: t, caller: '+447700900999' });
      expect(call.last('hangup')).toMatchObject({ cause: 'CALL_REJECTED' });
    });
    it('routes Mandarin speakers to Mandarin-speaking agents', () => {
      const call = new Call(flow, { at: t, caller: '+8613800000000', language: 'zh-CN' });
      expect(call.last('queueStatus')).toMatchObject({ queue: 'support-zh@default' });
    });
  });
});
