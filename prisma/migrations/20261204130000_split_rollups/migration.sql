-- Analytics per branch of a split node (A/B tests): the same hourly measures as call_rollups_hourly, for the calls
-- that took each branch of each split node, kept up to date as calls end (prisma/src/analytics-rollups.ts).
-- CreateTable
CREATE TABLE "split_rollups_hourly" (
    "environment" "Environment" NOT NULL,
    "flow_name" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "branch" TEXT NOT NULL,
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

    CONSTRAINT "split_rollups_hourly_pkey" PRIMARY KEY ("environment","flow_name","version_id","address","queue","node_id","branch","hour","outcome")
);

-- CreateIndex
CREATE INDEX "split_rollups_hourly_flow_name_node_id_hour_idx" ON "split_rollups_hourly"("flow_name", "node_id", "hour");

-- A callback placed or given up after its call ended counts in the split rows of that call too (one per branch
-- the call took), as it does in call_rollups_hourly.
CREATE OR REPLACE FUNCTION "call_rollups_count_callback"() RETURNS trigger LANGUAGE plpgsql AS $$
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
  UPDATE "split_rollups_hourly" r
     SET "callbacks_completed" = r."callbacks_completed" + (NEW.status = 'completed')::int,
         "callbacks_failed" = r."callbacks_failed" + (NEW.status = 'failed')::int
    FROM "call_records" c,
         LATERAL (SELECT DISTINCT v."node_id", v."outlet" FROM "node_visits" v
                   WHERE v."call_record_id" = c."id" AND v."node_type" = 'split' AND v."outlet" IS NOT NULL) b
   WHERE c."call_id" = NEW.call_id AND c."ended_at" IS NOT NULL
     AND r."environment" = c."environment" AND r."flow_name" = COALESCE(c."flow_name", '')
     AND r."version_id" = COALESCE(c."version_id"::text, '') AND r."address" = c."address"
     AND r."queue" = COALESCE(c."queue_name", '') AND r."outcome" = COALESCE(c."outcome", 'unknown')
     AND r."node_id" = b."node_id" AND r."branch" = b."outlet"
     AND r."hour" = to_timestamp(floor(extract(epoch FROM c."started_at") / 3600) * 3600);
  RETURN NULL;
END;
$$;
