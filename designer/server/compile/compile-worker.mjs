// Entry of a compile worker thread. The API runs TypeScript sources (tsx in `npm start`, vite-node in tests); a
// worker thread starts as plain Node, so it registers tsx before importing the task. Idempotent under tsx.
import { register } from "tsx/esm/api";

register();
const task = await import("./compile-task.ts");

export default task.default;
export const parseDocumentJson = task.parseDocumentJson;
