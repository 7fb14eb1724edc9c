/**
 * Stands in for `monaco-editor` under jsdom (see vitest.config.ts), where Monaco cannot run: it never finishes
 * loading, so tests see (and use) the plain text editors the editor shows while Monaco loads.
 */
await new Promise<never>(() => {});
export {};
