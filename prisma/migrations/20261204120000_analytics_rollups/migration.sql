-- Analytics: call records keep the queue wait, answer and talk time from mod_callcenter; node visits name the
-- sub-flow of their node; hourly rollups of calls and node visits are kept up to date as calls end, so the
-- dashboard and the canvas read them instead of scanning call_records / node_visits
-- (runtime/src/services/analytics/rollups.ts).
-- AlterTable
ALTER TABLE "call_records" ADD COLUMN "queue_name" TEXT,
ADD COLUMN "queue_joined_at" TIMESTAMPTZ(3),
ADD COLUMN "queue_wait_ms" INTEGER,
ADD COLUMN "answered_at" TIMESTAMPTZ(3),
ADD COLUMN "agent" TEXT,
ADD COLUMN "talk_ms" INTEGER;

-- AlterTable
ALTER TABLE "node_visits" ADD COLUMN "flow_name" TEXT;

-- CreateTable
CREATE TABLE "call_rollups_hourly" (
    "environment" "Environment" NOT NULL,
    "flow_name" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "outcome" TEXT NOT NULL,
    "calls" INTEGER NOT NULL,
    "queued" INTEGER NOT NULL,
    "answered" INTEGER NOT NULL,
    "answer_wait_ms_sum" BIGINT NOT NULL,
    "answer_wait_buckets" INTEGER[] NOT NULL,
    "unanswered_wait_ms_sum" BIGINT NOT NULL,
    "talk_count" INTEGER NOT NULL,
    "talk_ms_sum" BIGINT NOT NULL,
    "duration_ms_sum" BIGINT NOT NULL,
    "repeat_24h" INTEGER NOT NULL,
    "repeat_7d" INTEGER NOT NULL,

    CONSTRAINT "call_rollups_hourly_pkey" PRIMARY KEY ("environment","flow_name","version_id","address","queue","hour","outcome")
);

-- CreateTable
CREATE TABLE "node_rollups_hourly" (
    "environment" "Environment" NOT NULL,
    "flow_name" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "outlet" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "node_type" TEXT NOT NULL,
    "visits" INTEGER NOT NULL,
    "hung_up" INTEGER NOT NULL,

    CONSTRAINT "node_rollups_hourly_pkey" PRIMARY KEY ("environment","flow_name","version_id","node_id","outlet","hour")
);

-- CreateIndex
CREATE INDEX "call_rollups_hourly_hour_idx" ON "call_rollups_hourly"("hour");

-- CreateIndex
CREATE INDEX "node_rollups_hourly_flow_name_hour_idx" ON "node_rollups_hourly"("flow_name", "hour");

-- CreateIndex
CREATE INDEX "call_records_caller_number_address_started_at_idx" ON "call_records"("caller_number", "address", "started_at");

-- CreateIndex
CREATE INDEX "callbacks_requested_at_idx" ON "callbacks"("requested_at");
