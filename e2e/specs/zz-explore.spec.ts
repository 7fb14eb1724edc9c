import { writeFileSync } from 'node:fs';
import { node } from '../support/canvas';
import { expect, pageAs, test } from '../support/fixtures';
import { createFlow } from '../support/flows';

test('explore', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const page = await pageAs(browser, baseURL, 'editor');
  await createFlow(page, 'Explore');
  const out: string[] = [];
  const palette = page.getByRole('navigation', { name: 'Steps' });
  out.push(await palette.ariaSnapshot());
  for (const [title, id] of [['Opening hours', 'schedule_1'], ['Caller routing', 'callerRouting_1'], ['Menu', 'menu_1'], ['Collect digits', 'collectDigits_1'], ['Web request', 'httpRequest_1'], ['Queue', 'queue_1'], ['Transfer', 'transfer_1'], ['Voicemail', 'voicemail_1'], ['Callback', 'callback_1']] as const) {
    const item = page.locator('.sb-palette__item:not(.sb-palette__item--template)').filter({ hasText: title }).first();
    if ((await item.count()) === 0) { out.push(`NO PALETTE ITEM ${title}`); continue; }
    await item.click();
    await node(page, id).click().catch(() => out.push(`no node ${id}`));
    const form = page.getByRole('form', { name: `Settings of ${id}` });
    await expect(form).toBeVisible().catch(() => undefined);
    out.push(`===== ${id}\n` + (await form.ariaSnapshot().catch((e) => String(e))));
  }
  writeFileSync('/tmp/bw/explore.txt', out.join('\n'));
});
