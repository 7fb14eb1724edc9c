import type { HttpMock } from './scenario.js';

function patternOf(url: string): RegExp {
  const escaped = url.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

/** The first mock whose URL pattern (`*` = anything) and method match the request. */
export function findHttpMock(mocks: readonly HttpMock[], method: string, url: string): HttpMock | undefined {
  return mocks.find((mock) => (mock.method === undefined || mock.method === method) && patternOf(mock.url).test(url));
}
