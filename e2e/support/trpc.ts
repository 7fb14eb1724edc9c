import type { Page } from '@playwright/test';

/**
 * Calls a tRPC mutation as the page's signed-in user (its cookies), for a spec's set-up; throws with the
 * server's answer when it is refused.
 */
export async function postTrpc(page: Page, procedure: string, input: unknown) {
  const response = await page.request.post(`/trpc/${procedure}`, { data: input });
  if (!response.ok()) throw new Error(`${procedure} failed: ${response.status()} ${await response.text()}`);
  return (await response.json()).result.data;
}
