import { expect, pageAs, test } from '../support/fixtures';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The canvas as an editor sees it on a laptop-sized window: nothing the editor needs is hidden by the chrome. */
test('after "Fit to screen" the minimap covers no outlet, and the problems panel stays small with a visible arrow', async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL, 'editor');
  await page.getByRole('link', { name: 'Holiday hours' }).click();
  await expect(page.getByTestId('node-hours')).toBeVisible();

  await page.getByRole('button', { name: 'Fit to screen' }).click();
  // The fit animates for 300 ms.
  await page.waitForTimeout(600);
  const minimap = await page.locator('.react-flow__minimap').boundingBox();
  expect(minimap).not.toBeNull();
  const handles = await page.locator('.react-flow__node .react-flow__handle').evaluateAll((elements) =>
    elements.map((element) => {
      const rect = element.getBoundingClientRect();
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    }),
  );
  expect(handles.length).toBeGreaterThan(10);
  const covered = handles.filter((handle) => overlaps(handle, minimap as Box));
  expect(covered).toEqual([]);

  const problems = page.getByRole('region', { name: 'Problems' });
  const header = problems.getByRole('button').first();
  await expect(header).toHaveAttribute('aria-expanded', 'true');
  await expect(header).toContainText('▾');
  const canvas = await page.locator('.react-flow').boundingBox();
  const panel = await problems.boundingBox();
  expect((panel as Box).height).toBeLessThan(((canvas as Box).height + (panel as Box).height) * 0.25);
  await header.click();
  await expect(header).toContainText('▸');
  await page.context().close();
});
