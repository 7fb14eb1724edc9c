import { JSDOM } from 'jsdom';
import { populateGlobal, type Environment } from 'vitest/environments';

/**
 * jsdom for the editor's component tests, loaded from this package's own jsdom (26, which runs on Node 20).
 * Vitest's built-in `jsdom` environment would load whichever jsdom its own install resolves to.
 */
export default {
  name: 'switchboard-jsdom',
  transformMode: 'web',
  async setup(global) {
    const dom = new JSDOM('<!DOCTYPE html>', { pretendToBeVisual: true, url: 'http://localhost:3000' });
    const { keys, originals } = populateGlobal(global, dom.window, { bindFunctions: true });
    return {
      teardown(target) {
        dom.window.close();
        keys.forEach((key) => delete target[key]);
        originals.forEach((value, key) => (target[key] = value));
      },
    };
  },
} satisfies Environment;
