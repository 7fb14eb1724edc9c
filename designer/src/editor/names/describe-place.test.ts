import type { FlowDocument, FlowNode } from '@switchboard/flows';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { supportLineFlow } from '../examples/support-line';
import { describeDocumentPath, describeFlowPath, describeNodeChange, describeNodePath, parsePath, placeText } from './describe-place';

/** The support line with the queue named as a business user would name it. */
function document(): FlowDocument {
  const flow = supportLineFlow();
  return { ...flow, nodes: flow.nodes.map((node) => (node.id === 'support_queue' ? { ...node, label: 'Billing queue' } : node.id === 'main_menu' ? { ...node, label: 'Main menu' } : node)) };
}
const node = (doc: FlowDocument, id: string) => doc.nodes.find((n) => n.id === id) as FlowNode;
const t = i18n.t.bind(i18n);

afterEach(() => void i18n.changeLanguage('en'));

describe('parsePath', () => {
  it('splits property names and indices as the compiler and the diff write them', () => {
    expect(parsePath('nodes[3].data.options[1].digit')).toEqual(['nodes', 3, 'data', 'options', 1, 'digit']);
    expect(parsePath('(value)')).toEqual([]);
  });
});

describe('describing a place for a person', () => {
  it('names a changed field by the step’s canvas name and the inspector’s labels, keeping the id as detail', async () => {
    await i18n.changeLanguage('en');
    const place = describeNodePath(t, node(document(), 'support_queue'), 'data.overflow.maxWaitSeconds');
    expect(placeText(place)).toBe('“Billing queue” › Overflow rules › Longest wait (seconds)');
    expect(place.step?.id).toBe('support_queue');
    expect(place.path).toBe('data.overflow.maxWaitSeconds');
  });

  it('speaks Chinese when the UI does', async () => {
    await i18n.changeLanguage('zh-CN');
    const place = describeNodePath(t, node(document(), 'support_queue'), 'data.overflow.maxWaitSeconds');
    expect(placeText(place)).toBe(`“Billing queue” › ${i18n.t('fields.overflow')} › ${i18n.t('fields.maxWaitSeconds')}`);
    expect(placeText(place)).not.toMatch(/overflow|maxWait/);
  });

  it('names list items by their own names and keeps record keys such as languages as written', () => {
    const menu = node(document(), 'main_menu');
    expect(placeText(describeNodePath(t, menu, 'data.options[1].digit'))).toBe('“Main menu” › Options › 2 · Support › Key');
    expect(placeText(describeNodePath(t, menu, 'data.prompt.text.en'))).toBe('“Main menu” › Message › Text › en');
    expect(placeText(describeNodePath(t, menu, 'label'))).toBe('“Main menu” › Name on the canvas');
  });

  it('calls a step without a name by its type and id', () => {
    expect(placeText(describeNodePath(t, node(document(), 'offer_callback'), 'data.confirmKey'))).toBe('Callback offer_callback › Key to confirm');
  });

  it('reads diagnostic paths of a whole document: steps by id, outlets by their canvas label, connections by both ends', () => {
    const doc = document();
    // The server's index (7) is of another revision: the node id decides.
    expect(placeText(describeDocumentPath(t, doc, 'nodes[7].outlets.overflow', 'support_queue'))).toBe('“Billing queue” › Outlet “Overflow”');
    expect(placeText(describeDocumentPath(t, doc, 'nodes[2].outlets.1', 'main_menu'))).toBe('“Main menu” › Outlet “1 · Sales”');
    expect(placeText(describeDocumentPath(t, doc, 'edges[3].target'))).toBe('Connection “Main menu” › Outlet “1 · Sales” → “Billing queue”');
    expect(placeText(describeDocumentPath(t, doc, 'variables[0].type'))).toBe('Flow settings › Variables › tier › Type');
  });

  it('names settings of the flow and its saved scenarios', () => {
    expect(placeText(describeFlowPath(t, document(), 'languages[1]'))).toBe('Flow settings › Prompt languages (first is the default) › Item 2');
    expect(placeText(describeFlowPath(t, { scenarios: [{ name: 'Christmas' } as never] }, 'scenarios[0].name'))).toBe('Saved scenarios › Christmas › Name');
  });

  it('names a list item removed in the newer version from the older one', () => {
    const older = node(document(), 'main_menu');
    const newer = { ...older, data: { ...(older.data as object), options: (older.data as { options: unknown[] }).options.slice(0, 2) } } as FlowNode;
    expect(placeText(describeNodeChange(t, { id: 'main_menu', type: 'menu' }, older, newer, 'data.options[2]'))).toBe('“Main menu” › Options › 0 · Agent');
    expect(placeText(describeNodeChange(t, { id: 'main_menu', type: 'menu' }, undefined, undefined, 'data.options[2]'))).toBe('Menu main_menu › Options › Item 3');
  });
});

describe('places in the whole flow', () => {
  it('calls the document’s steps and connections by the words the UI uses, in Chinese too (was “Nodes”)', async () => {
    expect(placeText(describeDocumentPath(t, document(), 'nodes'))).toBe('Steps');
    await i18n.changeLanguage('zh-CN');
    expect(placeText(describeDocumentPath(t, document(), 'nodes'))).toBe('步骤');
    expect(placeText(describeDocumentPath(t, document(), 'edges'))).toBe('连线');
  });
});
