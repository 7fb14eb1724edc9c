import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { supportLineFlow } from './examples/support-line';
import { renderEditor } from './test/render-editor';

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

describe('FlowEditor', () => {
  it('renders every node of the document with its outlets as handles', () => {
    renderEditor(supportLineFlow());
    const menu = screen.getByTestId('node-main_menu');
    expect(within(menu).getByText('1 · Sales')).toBeTruthy();
    expect(menu.querySelector('[data-handleid="noInput"]')).not.toBeNull();
    expect(screen.getByTestId('node-support_queue').textContent).toContain('support@default');
  });
});
