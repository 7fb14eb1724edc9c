-- Call traces (issue 12): a node visit keeps what happened there (prompts heard, keys, the switch's answers) as
-- one JSON value written with its outlet; call search gets newest-first indexes per version and per flow; privacy
-- settings hold the retention period the API's purge job applies.
-- AlterTable
ALTER TABLE "node_visits" ADD COLUMN "detail" JSONB;

-- DropIndex
DROP INDEX "call_records_version_id_idx";

-- CreateIndex
CREATE INDEX "call_records_version_id_started_at_idx" ON "call_records"("version_id", "started_at");

-- CreateIndex
CREATE INDEX "call_records_flow_name_started_at_idx" ON "call_records"("flow_name", "started_at");

-- CreateTable
CREATE TABLE "privacy_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "retention_days" INTEGER NOT NULL DEFAULT 400,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_purge_at" TIMESTAMPTZ(3),
    "last_purge_calls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "privacy_settings_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "privacy_settings" ADD CONSTRAINT "privacy_settings_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- One row only; the retention period is whole days within what the API accepts. Prisma does not model checks.
ALTER TABLE "privacy_settings" ADD CONSTRAINT "privacy_settings_single_row" CHECK ("id" = 1);
ALTER TABLE "privacy_settings" ADD CONSTRAINT "privacy_settings_retention_days_range" CHECK ("retention_days" BETWEEN 30 AND 3650);
INSERT INTO "privacy_settings" ("id") VALUES (1);
