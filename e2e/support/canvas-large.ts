import { expect, type Page } from '@playwright/test';
import type { FlowDocument } from '@switchboard/flows';
import { largeFlow as tinyFlow } from '../../flows/bench/generate';
import { postTrpc } from './trpc';

/* What the specs of large flows check on a canvas that renders only what is near the view (issue 14). */

/**
 * Imports a large contact-centre flow as `page`'s user (an admin), with the "Identify caller" sub-flow its
 * departments call published first unless another spec already did; resolves with the flow's id.
 */
export async function importLargeFlow(page: Page, document: FlowDocument): Promise<string> {
  const flows = await (await page.request.get('/trpc/flows.list')).text();
  if (!flows.includes('Identify caller')) {
    const [subflow] = await postTrpc(page, 'flows.import', { documents: [{ ...tinyFlow(2), name: 'Identify caller' }] });
    await postTrpc(page, 'flows.publish', { flowId: subflow.flowId, message: 'sub-flow for the large flow' });
  }
  const [imported] = await postTrpc(page, 'flows.import', { documents: [document] });
  return imported.flowId;
}

/** Ids of the nodes whose box overlaps the canvas on screen. */
export async function nodesOnScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
      .filter((element) => {
        const r = element.getBoundingClientRect();
        return r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom;
      })
      .map((element) => element.dataset.id!);
  });
}

/**
 * Every edge of the document with an end on screen is drawn: its element is there and its path has a shape. The
 * culled edge set follows the view a frame or so after nodes mount (on a loaded machine, later): asked again until
 * it holds, for at most 5 s — an edge that stays missing still fails.
 */
export async function expectEdgesOfNodesOnScreen(page: Page, document: FlowDocument): Promise<void> {
  await expect(async () => expectEdgesDrawnNow(page, document)).toPass({ timeout: 5_000 });
}

export async function expectEdgesDrawnNow(page: Page, document: FlowDocument): Promise<void> {
  const onScreen = new Set(await nodesOnScreen(page));
  expect(onScreen.size).toBeGreaterThan(3);
  const drawn = new Set(
    await page.locator('.react-flow__edge').evaluateAll((elements) =>
      elements.filter((e) => /^M/.test(e.querySelector('.react-flow__edge-path')?.getAttribute('d') ?? '')).map((e) => `${e.getAttribute('data-source')} → ${e.getAttribute('data-target')}`),
    ),
  );
  const wanted = document.edges.filter((e) => onScreen.has(e.source) || onScreen.has(e.target));
  expect(wanted.length).toBeGreaterThan(onScreen.size);
  const missing = wanted.map((e) => `${e.source} → ${e.target}`).filter((label) => !drawn.has(label));
  expect(missing).toEqual([]);
}
