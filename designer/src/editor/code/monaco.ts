import './monaco-environment';
import * as monaco from 'monaco-editor';

/** The Monaco API, loaded lazily (it is large): import this module only through `React.lazy` / `import()`. */
export { monaco };
export type Monaco = typeof monaco;
