import { describe, expect, it } from 'vitest';
import { compileFlow, parseFlowDocument, start, step, type CallEvent, type FlowDocument } from '@switchboard/flows';
import { i18n } from '../../i18n';
import { supportLineFlow } from '../examples/support-line';
import { connectOutlet } from '../state/document-edits';
import { insertTemplate } from './insert-template';
import { FLOW_TEMPLATES } from './registry';

const context = () => ({ t: i18n.t, uiLanguage: i18n.language });

/** A flow with only Start, in these prompt languages. */
function minimalFlow(languages: string[]): FlowDocument {
  return { schemaVersion: 1, name: 'Template test', description: '', languages, variables: [], nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { answer: true } }], edges: [] };
}

/** The template inserted, Start connected to its entry and its exits to a goodbye, as a user would leave it. */
function connectedTemplate(template: (typeof FLOW_TEMPLATES)[number], languages: string[]) {
  const inserted = insertTemplate(minimalFlow(languages), template, { x: 300, y: 0 }, context());
  const end = { id: 'rest_of_flow', type: 'hangup' as const, position: { x: 1200, y: 0 }, data: { cause: 'NORMAL_CLEARING' as const } };
  let document = connectOutlet({ ...inserted.document, nodes: [...inserted.document.nodes, end] }, { source: 'start', sourceOutlet: 'next', target: inserted.entryId });
  for (const exit of inserted.exits) document = connectOutlet(document, { ...exit, target: end.id });
  return { ...inserted, document };
}

/** The caller presses `digits` in answer to what the call waits for. */
function digitsEvent(result: ReturnType<typeof start>, digits: string): CallEvent {
  const awaited = result.effects.find((e) => e.kind === 'collectDigits');
  return { type: 'digits', at: 1000, digits, ...(awaited?.seq === undefined ? {} : { seq: awaited.seq }) };
}

describe('templates', () => {
  for (const template of FLOW_TEMPLATES) {
    for (const languages of [['en'], ['en', 'zh-CN'], ['zh-CN', 'en']]) {
      it(`${template.id} compiles without errors once connected (languages ${languages.join(', ')})`, () => {
        const { document } = connectedTemplate(template, languages);
        // The document survives a save and load.
        expect(parseFlowDocument(JSON.parse(JSON.stringify(document))).ok).toBe(true);
        const result = compileFlow(document);
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(result.ok).toBe(true);
        // Every prompt speaks each of the flow's languages (no "missing language" warnings either).
        expect(result.diagnostics.filter((d) => d.code === 'SB204')).toEqual([]);
      });
    }
  }

  it('gets fresh ids each time and its steps are named in the UI language', async () => {
    await i18n.changeLanguage('zh-CN');
    try {
      const template = FLOW_TEMPLATES.find((t) => t.id === 'businessHours')!;
      const once = insertTemplate(supportLineFlow(), template, { x: 0, y: 600 }, context());
      const twice = insertTemplate(once.document, template, { x: 0, y: 1200 }, context());
      expect(once.nodeIds).toEqual(['schedule_1', 'announcement_1', 'announcement_2', 'announcement_3', 'hangup_1']);
      expect(twice.nodeIds).toEqual(['schedule_2', 'announcement_4', 'announcement_5', 'announcement_6', 'hangup_2']);
      expect(new Set(twice.document.edges.map((e) => e.id)).size).toBe(twice.document.edges.length);
      const schedule = twice.document.nodes.find((n) => n.id === 'schedule_2')!;
      expect(schedule.label).toBe('营业时间');
      expect(schedule.position).toEqual({ x: 0, y: 1360 });
      // A new schedule takes the time zone the flow already uses.
      expect(schedule.type === 'schedule' && schedule.data.timezone).toBe('Europe/London');
      expect(twice.document.edges.filter((e) => e.source === 'schedule_2').map((e) => `${e.sourceOutlet}->${e.target}`)).toEqual(['open->announcement_4', 'closed->announcement_5', 'holiday->announcement_6']);
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('language selection: pressing 2 speaks the second language from then on', () => {
    const template = FLOW_TEMPLATES.find((t) => t.id === 'languageChoice')!;
    const { document, nodeIds } = connectedTemplate(template, ['en', 'zh-CN']);
    const menu = document.nodes.find((n) => n.id === nodeIds[0])!;
    expect(menu.type === 'menu' && menu.data.prompt.text['en']).toMatch(/^For English, press 1\. .*按 2。$/);
    // After the chosen language: an announcement that says which language it speaks.
    const hello = { id: 'hello', type: 'announcement' as const, position: { x: 0, y: 0 }, data: { prompt: { text: { en: 'Hello.', 'zh-CN': '您好。' } }, bargeIn: false } };
    let withHello: FlowDocument = { ...document, nodes: [...document.nodes, hello] };
    for (const source of [nodeIds[1]!, nodeIds[2]!]) withHello = connectOutlet(withHello, { source, sourceOutlet: 'next', target: 'hello' });
    withHello = connectOutlet(withHello, { source: 'hello', sourceOutlet: 'next', target: 'rest_of_flow' });
    const compiled = compileFlow(withHello).compiled!;
    const call = { callId: 'c', caller: '+441632960000', dialled: '100', at: 0 };
    const asked = start(compiled, call);
    const pressed = step(compiled, asked.state, digitsEvent(asked, '2'));
    expect(pressed.state.call.language).toBe('zh-CN');
    expect(pressed.effects.find((e) => e.kind === 'play')).toMatchObject({ prompt: { language: 'zh-CN', text: '您好。' } });
  });
});
