/**
 * `@switchboard/runtime/live`: the live view's snapshot shape and merge (pure) and the `runtime_live_snapshots`
 * reads the API needs. The publisher that writes them lives beside, in the runtime.
 */
export * from './live-snapshot.js';
export { pendingCallbacksByQueue, publishLiveSnapshot, readLiveSnapshots, type LiveDatabase } from './live-store.js';
