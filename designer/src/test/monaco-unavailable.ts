/** Stands in for `monaco-editor` under jsdom (see vitest.config.ts): loading it fails, as it would offline. */
throw new Error('Monaco is not available in this environment');
