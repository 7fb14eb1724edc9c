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
    "callbacks_requested" INTEGER NOT NULL,
    "callbacks_completed" INTEGER NOT NULL,
    "callbacks_failed" INTEGER NOT NULL,

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


-- A callback ends long after its call: when the dialer marks it completed or failed, the call's rollup row counts
-- it (the call's own end counted the callbacks it asked for, with the statuses they had then). A call not ended
-- yet is skipped here: its end counts the status. Prisma does not model triggers; nothing to drift.
CREATE FUNCTION "call_rollups_count_callback"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.call_id IS NULL OR NEW.status NOT IN ('completed', 'failed') THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status THEN RETURN NULL; END IF;
  UPDATE "call_rollups_hourly" r
     SET "callbacks_completed" = r."callbacks_completed" + (NEW.status = 'completed')::int,
         "callbacks_failed" = r."callbacks_failed" + (NEW.status = 'failed')::int
    FROM "call_records" c
   WHERE c."call_id" = NEW.call_id AND c."ended_at" IS NOT NULL
     AND r."environment" = c."environment" AND r."flow_name" = COALESCE(c."flow_name", '')
     AND r."version_id" = COALESCE(c."version_id"::text, '') AND r."address" = c."address"
     AND r."queue" = COALESCE(c."queue_name", '') AND r."outcome" = COALESCE(c."outcome", 'unknown')
     AND r."hour" = to_timestamp(floor(extract(epoch FROM c."started_at") / 3600) * 3600);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "callbacks_count_outcome_in_rollups" AFTER INSERT OR UPDATE OF "status" ON "callbacks"
  FOR EACH ROW EXECUTE FUNCTION "call_rollups_count_callback"();

-- CreateIndex
CREATE INDEX "callbacks_call_id_idx" ON "callbacks"("call_id");
