import { describe, expect, it } from 'vitest';
import { shortcutFor } from '../canvas/shortcuts';
import { supportLineFlow } from '../examples/support-line';
import { i18n } from '../../i18n';
import { CANVAS_SHORTCUTS, helpKeyFor, KEYBOARD_CANVAS_ACTIONS } from './canvas-shortcuts';
import { findSteps } from './find-steps';

const t = i18n.t.bind(i18n);
const flow = () => {
  const document = supportLineFlow();
  return { ...document, nodes: document.nodes.map((n) => (n.id === 'support_queue' ? { ...n, label: 'Billing queue' } : n)) };
};
const found = (query: string) => findSteps(t, flow(), query).map((m) => `${m.step.id}:${m.on}`);

describe('finding steps', () => {
  it('finds a step by its canvas name, its prompt text or its id, best match first', () => {
    expect(found('billing')).toEqual(['support_queue:name']);
    expect(found('press 1')).toEqual(['main_menu:prompt']);
    expect(found('offer_call')).toEqual(['offer_callback:id']);
    // An exact id beats names that merely contain it; names starting with the words come before names holding them.
    expect(found('goodbye')[0]).toBe('goodbye:id');
    expect(found('call')).toEqual(['offer_callback:name', 'support_queue:prompt', 'goodbye:prompt']);
    expect(found('')).toEqual([]);
    expect(found('nothing like this')).toEqual([]);
  });

  it('shows the words around a match in a long prompt', () => {
    const [match] = findSteps(t, flow(), 'keep your place');
    expect(match?.step.id).toBe('support_queue');
    expect(match?.excerpt).toContain('keep your place');
    expect(match!.excerpt.length).toBeLessThanOrEqual(62);
  });
});

describe('the shortcut list', () => {
  it('lists the editing shortcuts exactly as the canvas handles them', () => {
    for (const entry of CANVAS_SHORTCUTS) {
      if (entry.id === 'dismiss') continue; // Escape belongs to the search box and the overlay themselves.
      if ((KEYBOARD_CANVAS_ACTIONS as readonly string[]).includes(entry.id)) continue; // keyboard/keyboard-commands.test.ts
      const key = entry.keys.at(-1)!;
      const event = { key: key.length === 1 ? key.toLowerCase() : key, ctrlKey: entry.keys.includes('Mod'), metaKey: false, shiftKey: entry.keys.includes('Shift'), altKey: false };
      const handled = entry.id === 'help' || entry.id === 'find' ? helpKeyFor({ ...event, key }) : shortcutFor(event);
      expect(handled, entry.keys.join('+')).toBe(entry.id);
    }
    expect(helpKeyFor({ key: '?', ctrlKey: true, metaKey: false, altKey: false })).toBeNull();
  });
});
