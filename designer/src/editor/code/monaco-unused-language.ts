/**
 * Stands in for Monaco's CSS, HTML and TypeScript language services (see vite.config.ts): the designer only
 * edits JSON and CEL, and those services would add about 9 MB of workers to the build.
 */
export {};
