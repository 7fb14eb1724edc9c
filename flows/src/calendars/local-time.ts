import { IANAZone } from 'luxon';
import { MINUTE_MS } from './day-numbers.js';

const OFFSET_BUCKET_MS = 15 * MINUTE_MS;
const OFFSET_CACHE_LIMIT = 4096;
/** Zone → 15-minute bucket → UTC offset in minutes. A memo, not state: the same inputs give the same answer. */
const offsetCache = new Map<string, Map<number, number>>();

function zoneOffset(zone: string, epochMs: number): number {
  const offset = IANAZone.create(zone).offset(epochMs);
  return Number.isFinite(offset) ? offset : 0;
}

/**
 * UTC offset of `zone` at `epochMs`, in minutes. Asking Intl (through luxon) costs microseconds, so offsets are
 * memoised per 15-minute bucket. A bucket is cached only when its first and last millisecond agree: no zone
 * changes its offset twice within 15 minutes, so the offset is then constant throughout.
 */
export function cachedOffset(zone: string, epochMs: number): number {
  const bucket = Math.floor(epochMs / OFFSET_BUCKET_MS);
  let buckets = offsetCache.get(zone);
  const cached = buckets?.get(bucket);
  if (cached !== undefined) return cached;
  const first = zoneOffset(zone, bucket * OFFSET_BUCKET_MS);
  const last = zoneOffset(zone, (bucket + 1) * OFFSET_BUCKET_MS - 1);
  if (first !== last) return zoneOffset(zone, epochMs);
  if (!buckets || buckets.size >= OFFSET_CACHE_LIMIT) {
    buckets = new Map();
    offsetCache.set(zone, buckets);
  }
  buckets.set(bucket, first);
  return first;
}

/** Local wall-clock minutes since 1970-01-01 00:00 in `zone`; UTC when the zone is unknown. */
export function localMinutes(zone: string, epochMs: number): number {
  return Math.floor((epochMs + cachedOffset(zone, epochMs) * MINUTE_MS) / MINUTE_MS);
}
