import type { Prisma } from "@switchboard/db";

/** A new flow version's row, with its document and compiled flow as JSON text (from the compile worker). */
export interface VersionRow {
  readonly flowId: string;
  readonly number: number;
  readonly documentJson: string;
  readonly compiledJson: string;
  readonly contentHash: string;
  readonly authorId: string;
  readonly message: string;
  readonly createdAt: Date;
}

/** What publishing returns about a version. */
export interface StoredVersion {
  readonly id: string;
  readonly number: number;
  readonly contentHash: string;
  readonly message: string;
  readonly createdAt: Date;
}

/**
 * Inserts a version with its JSON passed as text parameters cast to jsonb. Through `flowVersion.create` Prisma's
 * query compiler walks a 20,000-node document and its compiled flow on the API's thread for seconds.
 */
export async function insertVersionRow(tx: Prisma.TransactionClient, row: VersionRow): Promise<StoredVersion> {
  const [version] = await tx.$queryRaw<StoredVersion[]>`
    INSERT INTO flow_versions (id, flow_id, number, document, compiled, content_hash, author_id, message, created_at)
    VALUES (gen_random_uuid(), ${row.flowId}::uuid, ${row.number}, ${row.documentJson}::jsonb, ${row.compiledJson}::jsonb,
            ${row.contentHash}, ${row.authorId}::uuid, ${row.message}, ${row.createdAt})
    RETURNING id::text AS id, number, content_hash AS "contentHash", message, created_at AS "createdAt"`;
  if (!version) throw new Error(`version ${row.number} of flow ${row.flowId} was not stored`);
  return version;
}
