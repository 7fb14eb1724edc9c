import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowDocument } from '@switchboard/flows';
import { i18n } from '../../i18n';
import { ConflictDialog } from './ConflictDialog';

const conflict = {
  part: 'nodes' as const,
  revision: 7,
  document: { name: 'Support line' } as FlowDocument,
  savedBy: { displayName: 'Sam Other', email: 'sam@example.com' },
  savedAt: '2026-01-05T10:00:00.000Z',
  scenariosRevision: 3,
  scenariosSavedBy: { displayName: 'Tess Tester', email: 'tess@example.com' },
  scenariosSavedAt: '2026-01-05T10:01:00.000Z',
};

function show(overrides: Partial<Parameters<typeof ConflictDialog>[0]> = {}) {
  const handlers = { onLoadTheirs: vi.fn(), onOverwrite: vi.fn(), onCopyToNewFlow: vi.fn() };
  render(
    <I18nextProvider i18n={i18n}>
      <ConflictDialog conflict={conflict} flowName="Support line" busy={false} {...handlers} {...overrides} />
    </I18nextProvider>,
  );
  return handlers;
}

describe('conflict dialog', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('says who saved which revision while you were editing', () => {
    show();
    expect(screen.getByRole('dialog', { name: 'Someone else saved this flow' })).toBeTruthy();
    expect(screen.getByTestId('conflict-who').textContent).toContain('Sam Other <sam@example.com> saved revision 7 while you were editing');
  });

  it('promises that keeping mine keeps the scenarios saved now', () => {
    show();
    expect(screen.getByTestId('conflict-scenarios-kept').textContent).toBe('Scenarios are not part of this: the draft keeps the scenarios saved now, whoever saved them.');
  });

  it('when the scenarios clashed, names who saved them and their scenarios revision', () => {
    show({ conflict: { ...conflict, part: 'scenarios' } });
    expect(screen.getByTestId('conflict-who').textContent).toContain('Tess Tester <tess@example.com> saved the scenarios (scenarios revision 3) while you were changing them');
  });

  it('offers exactly three ways on, each doing what it says', async () => {
    const handlers = show();
    await userEvent.click(screen.getByRole('button', { name: 'Load their version' }));
    expect(handlers.onLoadTheirs).toHaveBeenCalledOnce();
    await userEvent.click(screen.getByRole('button', { name: 'Overwrite with mine' }));
    expect(handlers.onOverwrite).toHaveBeenCalledOnce();
    const name = screen.getByLabelText('New flow name');
    await userEvent.clear(name);
    await userEvent.type(name, 'Support line Erin');
    await userEvent.click(screen.getByRole('button', { name: 'Copy to a new flow' }));
    expect(handlers.onCopyToNewFlow).toHaveBeenCalledWith('Support line Erin');
  });

  it('cannot be dismissed without a choice', async () => {
    const handlers = show();
    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(handlers.onLoadTheirs).not.toHaveBeenCalled();
    expect(handlers.onOverwrite).not.toHaveBeenCalled();
  });

  it('shows why copying failed', () => {
    show({ copyError: 'A flow named "Support line my copy" already exists' });
    expect(screen.getByRole('alert').textContent).toContain('already exists');
  });
});
