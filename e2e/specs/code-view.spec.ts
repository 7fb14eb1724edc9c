import type { Locator, Page } from '@playwright/test';
import { dropFromPalette, expectSaved, node } from '../support/canvas';
import { expect, pageAs, test } from '../support/fixtures';
import { createFlow } from '../support/flows';

const FLOW = 'E2E code view line';

const viewTab = (page: Page, name: 'Canvas' | 'Code (JSON)') => page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name });
const codeView = (page: Page) => page.getByRole('region', { name: 'Flow as JSON' });
const codeLines = (page: Page) => codeView(page).locator('.monaco-editor .view-lines');
const codeProblems = (page: Page) => page.getByRole('list', { name: 'Problems in the text' });

/** Switches to the code view and waits for Monaco (not the plain fallback) to show the document. */
async function openCodeView(page: Page): Promise<void> {
  await viewTab(page, 'Code (JSON)').click();
  await expect(viewTab(page, 'Code (JSON)')).toHaveAttribute('aria-selected', 'true');
  await expect(codeLines(page)).toContainText('"schemaVersion"');
}

async function openCanvas(page: Page): Promise<void> {
  await viewTab(page, 'Canvas').click();
  await expect(viewTab(page, 'Canvas')).toHaveAttribute('aria-selected', 'true');
  await expect(codeView(page)).toBeHidden();
}

/** Focuses a Monaco editor by clicking its text area (where the keys go). */
async function focusMonaco(editor: Locator): Promise<void> {
  await editor.locator('.view-lines').click();
  await expect(editor.locator('textarea.inputarea')).toBeFocused();
}

/**
 * The Monaco editors through the real UI: the flow as JSON (edit, switch back, see it on the canvas; invalid
 * text located and kept off the canvas) and a condition's CEL expression editor (unknown variable shown inline).
 */
test.describe.serial('code view and expression editor', () => {
  let flowPath = '';

  test('an editor creates a flow with an announcement and a condition', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'editor');
    flowPath = await createFlow(page, FLOW);
    await dropFromPalette(page, 'Announcement', 420, 80, 'announcement_1');
    await dropFromPalette(page, 'Condition', 420, 320, 'condition_1');
    await expectSaved(page);
    await page.context().close();
  });

  test('an editor changes a prompt in the JSON and sees it on the canvas and in the inspector', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'editor');
    await page.goto(flowPath);
    await node(page, 'announcement_1').click();
    await expect(page.getByLabel('Message in en')).toHaveValue('Thank you for calling.');

    await openCodeView(page);
    const editor = codeView(page).locator('.monaco-editor');
    await focusMonaco(editor);
    // Find the prompt (Monaco's find selects the match and scrolls to it), close find, type over the selection.
    await page.keyboard.press('ControlOrMeta+F');
    const find = editor.locator('.find-widget');
    await expect(find).toBeVisible();
    await page.keyboard.type('for calling');
    await expect(find).toContainText('1 of 1');
    await page.keyboard.press('Escape');
    // Monaco keeps the closed widget in the page, hidden from assistive technology.
    await expect(find).toHaveAttribute('aria-hidden', 'true');
    await expect(editor.locator('textarea.inputarea')).toBeFocused();
    await page.keyboard.type('for ringing');
    await expect(codeLines(page)).toContainText('"en": "Thank you for ringing."');
    await expect(codeProblems(page)).toHaveCount(0);

    await openCanvas(page);
    await expect(node(page, 'announcement_1')).toContainText('Thank you for ringing.');
    await expect(page.getByLabel('Message in en')).toHaveValue('Thank you for ringing.');
    await expectSaved(page);

    // Saved on the server: a fresh load shows it.
    await page.reload();
    await expect(node(page, 'announcement_1')).toContainText('Thank you for ringing.');
    await page.context().close();
  });

  test('invalid JSON is shown with its line and column and leaves the canvas as it was', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'editor');
    await page.goto(flowPath);
    await node(page, 'announcement_1').click();
    await expect(page.getByLabel('Message in en')).toHaveValue('Thank you for ringing.');

    await openCodeView(page);
    const editor = codeView(page).locator('.monaco-editor');
    await focusMonaco(editor);
    // A stray character before the opening brace, and the prompt changed further down: none of it may apply.
    await page.keyboard.press('ControlOrMeta+F');
    await page.keyboard.type('for ringing');
    await expect(editor.locator('.find-widget')).toContainText('1 of 1');
    await page.keyboard.press('Escape');
    await expect(editor.locator('.find-widget')).toHaveAttribute('aria-hidden', 'true');
    await page.keyboard.type('for nothing');
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.type('x');
    await expect(codeLines(page)).toContainText('x{');

    const problems = codeProblems(page);
    await expect(problems).toContainText('The canvas keeps the last valid version until these are fixed:');
    await expect(problems).toContainText('Line 1, column 1:');
    await expect(problems).toContainText('InvalidSymbol');
    // Monaco underlines it too.
    await expect(editor.locator('.squiggly-error').first()).toBeVisible();

    await openCanvas(page);
    await expect(node(page, 'announcement_1')).toContainText('Thank you for ringing.');
    await expect(page.getByLabel('Message in en')).toHaveValue('Thank you for ringing.');
    await expectSaved(page);

    // The unfinished text survives a look at the canvas; removing the stray character applies the rest.
    await openCodeView(page);
    await expect(codeLines(page)).toContainText('x{');
    await expect(problems).toContainText('Line 1, column 1:');
    await focusMonaco(editor);
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('Delete');
    await expect(problems).toHaveCount(0);
    await openCanvas(page);
    await expect(page.getByLabel('Message in en')).toHaveValue('Thank you for nothing.');
    await expectSaved(page);
    await page.context().close();
  });

  test('a condition expression with an unknown variable shows the CEL error inline until it is fixed', async ({ browser, baseURL }) => {
    const page = await pageAs(browser, baseURL, 'editor');
    await page.goto(flowPath);
    await node(page, 'condition_1').click();
    const inspector = page.locator('.sb-editor__side');
    const expression = inspector.locator('.sb-expression-editor').first();
    await expect(expression.locator('.view-lines')).toContainText('caller.startsWith("+44")');
    // The field's own row (branches sit in rows of their own): its messages are the inline ones.
    const row = expression.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " sb-field ")][1]');
    await expect(row.locator('.sb-field__message--error')).toHaveCount(0);

    await focusMonaco(expression);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('tier == "gold"');
    await expect(expression.locator('.view-lines')).toContainText('tier == "gold"');
    await expect(row.locator('.sb-field__message--error')).toContainText('tier');
    await expect(expression.locator('.squiggly-error').first()).toBeVisible();

    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('caller.startsWith("+1")');
    await expect(expression.locator('.view-lines')).toContainText('caller.startsWith("+1")');
    await expect(row.locator('.sb-field__message--error')).toHaveCount(0);
    await expect(expression.locator('.squiggly-error')).toHaveCount(0);
    await expectSaved(page);

    await page.reload();
    await node(page, 'condition_1').click();
    await expect(page.locator('.sb-editor__side .sb-expression-editor').first().locator('.view-lines')).toContainText('caller.startsWith("+1")');
    await page.context().close();
  });
});
