import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { supportLineFlow } from '../examples/support-line';
import { renderEditor } from '../test/render-editor';

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

const openCodeView = () => {
  fireEvent.click(screen.getByRole('tab', { name: 'Code (JSON)' }));
  return screen.getByRole('textbox', { name: 'Flow as JSON' }) as HTMLTextAreaElement;
};

describe('code view', () => {
  it('applies valid JSON to the flow', async () => {
    const { latest } = renderEditor(supportLineFlow());
    const text = openCodeView();
    fireEvent.change(text, { target: { value: text.value.replace('"Support line"', '"Sales line"') } });
    await waitFor(() => expect(latest().name).toBe('Sales line'));
  });

  it('keeps invalid text, lists its problems and leaves the flow alone', async () => {
    const { changes } = renderEditor(supportLineFlow());
    const text = openCodeView();
    const broken = text.value.replace('"timeoutSeconds": 5', '"timeoutSeconds": 500');
    fireEvent.change(text, { target: { value: broken } });
    await waitFor(() => expect(screen.getByRole('list', { name: 'Problems in the text' }).textContent).toContain('nodes[2].data.timeoutSeconds'));
    expect((screen.getByRole('textbox', { name: 'Flow as JSON' }) as HTMLTextAreaElement).value).toBe(broken);
    expect(changes).toHaveLength(0);
  });

  it('follows undo on the canvas while the text is valid', async () => {
    const { latest } = renderEditor(supportLineFlow());
    const text = openCodeView();
    fireEvent.change(text, { target: { value: text.value.replace('"Support line"', '"Sales line"') } });
    await waitFor(() => expect(latest().name).toBe('Sales line'));
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(latest().name).toBe('Support line');
    expect((screen.getByRole('textbox', { name: 'Flow as JSON' }) as HTMLTextAreaElement).value).toContain('"Support line"');
  });

  it('keeps unfinished text when the user looks at the canvas and comes back', async () => {
    renderEditor(supportLineFlow());
    const text = openCodeView();
    const unfinished = text.value.replace('"Support line"', '"Support line');
    fireEvent.change(text, { target: { value: unfinished } });
    fireEvent.click(screen.getByRole('tab', { name: 'Canvas' }));
    expect(openCodeView().value).toBe(unfinished);
  });
});
