import { describe, expect, it } from 'vitest';
import { compileFlow } from '@switchboard/flows';
import { i18n } from '../../i18n';
import { supportLineFlow } from '../examples/support-line';
import { businessHoursTemplate } from '../templates/business-hours';
import { addConnectedStep, addConnectedTemplate, findNextStepChoices, findStepTypes, NEXT_STEP_TYPES } from './next-step';

describe('the next step after a dropped connection', () => {
  it('adds the step where the connection was dropped, already connected from the dragged outlet', () => {
    const before = supportLineFlow();
    const { document, nodeId } = addConnectedStep(before, 'voicemail', { x: 900, y: 500 }, { source: 'main_menu', sourceOutlet: 'invalid' }, 100);
    expect(nodeId).toBe('voicemail_1');
    expect(document.nodes.find((n) => n.id === nodeId)?.position).toEqual({ x: 900, y: 450 });
    expect(document.edges.filter((e) => e.source === 'main_menu' && e.sourceOutlet === 'invalid').map((e) => e.target)).toEqual(['voicemail_1']);
    expect(compileFlow(document).diagnostics.filter((d) => /^SB00/.test(d.code))).toEqual([]);
  });

  it('replaces what the outlet led to before (an outlet leads to one step)', () => {
    const { document } = addConnectedStep(supportLineFlow(), 'announcement', { x: 0, y: 0 }, { source: 'hours', sourceOutlet: 'closed' }, 100);
    expect(document.edges.filter((e) => e.source === 'hours' && e.sourceOutlet === 'closed').map((e) => e.target)).toEqual(['announcement_1']);
  });

  it('refuses Start and outlets the step does not have', () => {
    expect(() => addConnectedStep(supportLineFlow(), 'start', { x: 0, y: 0 }, { source: 'main_menu', sourceOutlet: '1' }, 100)).toThrow(/cannot follow/);
    expect(() => addConnectedStep(supportLineFlow(), 'hangup', { x: 0, y: 0 }, { source: 'main_menu', sourceOutlet: '7' }, 100)).toThrow(/no outlet "7"/);
  });

  it('finds step types by their canvas title in the UI language', async () => {
    expect(NEXT_STEP_TYPES).not.toContain('start');
    await i18n.changeLanguage('en');
    expect(findStepTypes(i18n.t, 'voicem')).toEqual(['voicemail']);
    expect(findStepTypes(i18n.t, '')).toEqual(NEXT_STEP_TYPES);
    await i18n.changeLanguage('zh-CN');
    const title = i18n.t('nodes.queue.title');
    expect(findStepTypes(i18n.t, title)).toContain('queue');
    await i18n.changeLanguage('en');
  });

  it('a template picked after an outlet arrives with its entry step there, connected from the outlet, in one document', async () => {
    await i18n.changeLanguage('en');
    expect(findNextStepChoices(i18n.t, 'business').map((c) => (c.kind === 'template' ? c.template.id : c.type))).toEqual(['businessHours']);
    const before = supportLineFlow();
    const { document, nodeIds, entryId } = addConnectedTemplate(before, businessHoursTemplate, { x: 900, y: 500 }, { source: 'main_menu', sourceOutlet: 'invalid' }, 100, { t: i18n.t, uiLanguage: 'en' });
    expect(nodeIds).toHaveLength(businessHoursTemplate.steps.length);
    expect(entryId).toBe(document.edges.find((e) => e.source === 'main_menu' && e.sourceOutlet === 'invalid')?.target);
    const entry = document.edges.find((e) => e.source === 'main_menu' && e.sourceOutlet === 'invalid')?.target;
    expect(document.nodes.find((n) => n.id === entry)).toMatchObject({ type: 'schedule', position: { x: 900, y: 450 } });
    expect(compileFlow(document).diagnostics.filter((d) => /^SB00/.test(d.code))).toEqual([]);
  });
});
