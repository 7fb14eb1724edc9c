import { describe, expect, it } from 'vitest';
import { compileFlow, type FlowDocument } from '@switchboard/flows';
import { supportLineFlow } from '../examples/support-line';
import { branchNodeIds, duplicateBranch, DUPLICATE_GAP } from './duplicate-branch';

const edgesFrom = (document: FlowDocument, nodeId: string) =>
  document.edges.filter((e) => e.source === nodeId).map((e) => `${e.sourceOutlet}->${e.target}`).sort();

describe('duplicate a branch', () => {
  it('copies the node and what only it leads to, and stops at nodes other steps lead to as well', () => {
    const document = supportLineFlow();
    // "goodbye" is also reached from the menu and the closed message: shared, not copied.
    expect(branchNodeIds(document, 'support_queue')).toEqual(['support_queue', 'offer_callback']);
    expect(branchNodeIds(document, 'main_menu')).toEqual(['main_menu', 'support_queue', 'offer_callback']);
    // Everything after the schedule is reached only through it.
    expect(branchNodeIds(document, 'hours')).toEqual(document.nodes.filter((n) => n.id !== 'start').map((n) => n.id));
  });

  it('gives the copies new ids, places them below, rewires edges inside the copy and keeps links to shared nodes', () => {
    const before = supportLineFlow();
    const result = duplicateBranch(before, 'support_queue')!;
    expect(result.nodeIds).toEqual(['queue_1', 'callback_1']);
    expect(result.rootId).toBe('queue_1');
    const after = result.document;
    expect(after.nodes).toHaveLength(before.nodes.length + 2);
    expect(edgesFrom(after, 'queue_1')).toEqual(['answered->goodbye', 'callbackRequested->callback_1', 'callerHungUp->goodbye', 'noAgents->callback_1', 'overflow->callback_1']);
    expect(edgesFrom(after, 'callback_1')).toEqual(['declined->goodbye', 'failed->goodbye', 'scheduled->goodbye']);
    // Nothing leads into the copy yet; the original's edges are untouched.
    expect(after.edges.filter((e) => e.target === 'queue_1')).toEqual([]);
    expect(edgesFrom(after, 'support_queue')).toEqual(edgesFrom(before, 'support_queue'));
    const original = before.nodes.find((n) => n.id === 'support_queue')!;
    const copy = after.nodes.find((n) => n.id === 'queue_1')!;
    expect(copy.data).toEqual(original.data);
    expect(copy.position).toEqual({ x: original.position.x, y: original.position.y + (40 - 0) + DUPLICATE_GAP });
    expect(new Set(after.edges.map((e) => e.id)).size).toBe(after.edges.length);
    // The document stays well-formed: no structure errors (the copy is only unreachable until connected).
    expect(compileFlow(after).diagnostics.filter((d) => /^SB00/.test(d.code))).toEqual([]);
  });

  it('does not copy what comes after a shared node, and a loop back to the branch start stays inside the copy', () => {
    const base = supportLineFlow();
    const say = (id: string, text: string) => ({ id, type: 'announcement' as const, position: { x: 0, y: 600 }, data: { prompt: { text: { en: text } }, bargeIn: false } });
    const document: FlowDocument = {
      ...base,
      nodes: [...base.nodes, say('thanks', 'Thanks.'), say('after_thanks', 'Bye now.')],
      edges: [
        ...base.edges.filter((e) => e.id !== 'e_8' && e.id !== 'e_14'),
        { id: 'x_1', source: 'support_queue', sourceOutlet: 'answered', target: 'thanks' },
        { id: 'x_2', source: 'main_menu', sourceOutlet: 'invalid', target: 'thanks' },
        { id: 'x_3', source: 'thanks', sourceOutlet: 'next', target: 'after_thanks' },
        { id: 'x_4', source: 'after_thanks', sourceOutlet: 'next', target: 'goodbye' },
        { id: 'x_5', source: 'offer_callback', sourceOutlet: 'declined', target: 'support_queue' },
      ],
    };
    // "after_thanks" is reached only through "thanks", which the menu reaches too: both stay shared.
    const result = duplicateBranch(document, 'support_queue')!;
    expect(result.nodeIds).toEqual(['queue_1', 'callback_1']);
    expect(edgesFrom(result.document, 'queue_1')).toContain('answered->thanks');
    expect(edgesFrom(result.document, 'callback_1')).toContain('declined->queue_1');
  });

  it('refuses the Start step and unknown ids', () => {
    expect(duplicateBranch(supportLineFlow(), 'start')).toBeNull();
    expect(duplicateBranch(supportLineFlow(), 'nope')).toBeNull();
  });
});
