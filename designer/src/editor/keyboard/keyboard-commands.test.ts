import { describe, expect, it } from 'vitest';
import { supportLineFlow } from '../examples/support-line';
import { CANVAS_SHORTCUTS, KEYBOARD_CANVAS_ACTIONS, type KeyboardCanvasAction } from '../search/canvas-shortcuts';
import { emptyHistory, recordEdit, undo } from '../state/history';
import {
  canvasKeyFor,
  connectByKeyboard,
  connectTargets,
  disconnectOutlet,
  FAR_NUDGE,
  nearestInDirection,
  NUDGE,
  nudgeMergeKey,
  nudgeNodes,
  outletChoices,
  type CanvasKeyCommand,
  type NodeBox,
} from './keyboard-commands';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('keys on a focused step', () => {
  it('moves a selected step with the arrows, farther with Shift', () => {
    expect(canvasKeyFor(key('ArrowLeft'), true)).toEqual({ kind: 'move', direction: 'left', far: false });
    expect(canvasKeyFor(key('ArrowDown', { shiftKey: true }), true)).toEqual({ kind: 'move', direction: 'down', far: true });
  });

  it('goes to the nearest step with the arrows when the step is not selected, and with Alt always', () => {
    expect(canvasKeyFor(key('ArrowRight'), false)).toEqual({ kind: 'focusNearest', direction: 'right' });
    expect(canvasKeyFor(key('ArrowUp', { altKey: true }), true)).toEqual({ kind: 'focusNearest', direction: 'up' });
  });

  it('opens with Enter and connects with C, leaving Ctrl/Cmd combinations (copy) alone', () => {
    expect(canvasKeyFor(key('Enter'), false)).toEqual({ kind: 'open' });
    expect(canvasKeyFor(key('c'), true)).toEqual({ kind: 'connect' });
    expect(canvasKeyFor(key('c', { ctrlKey: true }), true)).toBeNull();
    expect(canvasKeyFor(key(' '), true)).toBeNull();
    expect(canvasKeyFor(key('Tab'), true)).toBeNull();
  });
});

describe('moving steps with the keyboard', () => {
  it('moves only the given steps, by a small or a big step', () => {
    const before = supportLineFlow();
    const after = nudgeNodes(nudgeNodes(before, ['main_menu', 'goodbye'], 'right', false), ['main_menu'], 'up', true);
    const at = (doc: typeof before, id: string) => doc.nodes.find((n) => n.id === id)?.position;
    expect(at(after, 'main_menu')).toEqual({ x: at(before, 'main_menu')!.x + NUDGE, y: at(before, 'main_menu')!.y - FAR_NUDGE });
    expect(at(after, 'goodbye')).toEqual({ x: at(before, 'goodbye')!.x + NUDGE, y: at(before, 'goodbye')!.y });
    expect(at(after, 'hours')).toBe(at(before, 'hours'));
  });

  it('makes a burst of presses one undo step', () => {
    let document = supportLineFlow();
    const original = document;
    let history = emptyHistory;
    for (let press = 0; press < 12; press++) {
      const next = nudgeNodes(document, ['hours'], 'down', false);
      history = recordEdit(history, document, 1000 + press * 40, nudgeMergeKey(['hours']));
      document = next;
    }
    expect(history.past).toHaveLength(1);
    expect(undo(history, document)?.document).toBe(original);
  });

  it('keeps the same undo key whatever order the steps were selected in', () => {
    expect(nudgeMergeKey(['b', 'a'])).toBe(nudgeMergeKey(['a', 'b']));
    expect(nudgeMergeKey(['a'])).not.toBe(nudgeMergeKey(['a', 'b']));
  });
});

describe('going to the nearest step', () => {
  const boxes: NodeBox[] = [
    { id: 'centre', x: 0, y: 0, width: 100, height: 50 },
    { id: 'right-near', x: 200, y: 40, width: 100, height: 50 },
    { id: 'right-far', x: 600, y: 0, width: 100, height: 50 },
    { id: 'above', x: 0, y: -300, width: 100, height: 50 },
    { id: 'right-but-far-below', x: 150, y: 900, width: 100, height: 50 },
  ];

  it('picks the nearest step that lies that way', () => {
    expect(nearestInDirection(boxes, 'centre', 'right')).toBe('right-near');
    expect(nearestInDirection(boxes, 'centre', 'up')).toBe('above');
    expect(nearestInDirection(boxes, 'centre', 'down')).toBe('right-but-far-below');
    expect(nearestInDirection(boxes, 'right-far', 'left')).toBe('right-near');
  });

  it('answers null when nothing lies that way or the step is unknown', () => {
    expect(nearestInDirection(boxes, 'centre', 'left')).toBeNull();
    expect(nearestInDirection(boxes, 'missing', 'left')).toBeNull();
  });
});

describe('connecting by keyboard', () => {
  it('lists a step\'s outlets with where each leads', () => {
    const choices = outletChoices(supportLineFlow(), 'main_menu');
    expect(choices.map((c) => [c.outlet.name, c.edge?.target])).toEqual([
      ['1', 'support_queue'],
      ['2', 'support_queue'],
      ['0', 'support_queue'],
      ['noInput', 'goodbye'],
      ['invalid', undefined],
    ]);
  });

  it('offers every step but Start as a target, the step itself included', () => {
    const ids = connectTargets(supportLineFlow(), 'main_menu', 'invalid').map((n) => n.id);
    expect(ids).not.toContain('start');
    expect(ids).toContain('main_menu');
    expect(ids).toContain('goodbye');
  });

  it('connects an outlet, replacing what it led to, and disconnects it again', () => {
    const connected = connectByKeyboard(supportLineFlow(), 'main_menu', 'noInput', 'main_menu');
    expect(connected.edges.filter((e) => e.source === 'main_menu' && e.sourceOutlet === 'noInput').map((e) => e.target)).toEqual(['main_menu']);
    const disconnected = disconnectOutlet(connected, 'main_menu', 'noInput');
    expect(disconnected.edges.some((e) => e.source === 'main_menu' && e.sourceOutlet === 'noInput')).toBe(false);
    expect(disconnected.edges).toHaveLength(connected.edges.length - 1);
    expect(disconnectOutlet(disconnected, 'main_menu', 'noInput')).toBe(disconnected);
  });

  it('refuses a connection into Start or from an outlet the step lacks, naming both ends', () => {
    expect(() => connectByKeyboard(supportLineFlow(), 'main_menu', 'invalid', 'start')).toThrow(/outlet "invalid" of step "main_menu" to step "start"/);
    expect(() => connectByKeyboard(supportLineFlow(), 'main_menu', '7', 'goodbye')).toThrow(/outlet "7"/);
  });
});

describe('the shortcut overlay', () => {
  const keyOf = (entry: (typeof CANVAS_SHORTCUTS)[number]) => {
    const last = entry.keys.at(-1)!;
    return { key: last === 'Arrows' ? 'ArrowRight' : last, ctrlKey: false, metaKey: false, shiftKey: entry.keys.includes('Shift'), altKey: entry.keys.includes('Alt') };
  };
  const expected: Partial<Record<KeyboardCanvasAction, CanvasKeyCommand['kind']>> = { nearestStep: 'focusNearest', moveStep: 'move', moveStepFar: 'move', openStep: 'open', connect: 'connect' };

  it('lists the keys of a focused, selected step as the canvas handles them', () => {
    for (const [id, kind] of Object.entries(expected)) {
      const entry = CANVAS_SHORTCUTS.find((e) => e.id === id);
      expect(entry, id).toBeDefined();
      const command = canvasKeyFor(keyOf(entry!), true);
      expect(command?.kind, id).toBe(kind);
      if (command?.kind === 'move') expect(command.far, id).toBe(id === 'moveStepFar');
    }
  });

  it('lists every keyboard canvas action', () => {
    for (const id of KEYBOARD_CANVAS_ACTIONS) expect(CANVAS_SHORTCUTS.some((e) => e.id === id), id).toBe(true);
  });
});
