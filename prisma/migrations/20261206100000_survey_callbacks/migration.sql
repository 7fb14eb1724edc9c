-- Survey call-backs (issue 12): a survey node in call-back mode books a callback of purpose `survey` through the
-- same durable callbacks table (claimed once, retried, one open per number), carrying what to ask (`survey`). The
-- ratings count for the call that booked it (`call_id`), so a survey call-back is not a callback the caller asked
-- for: the callback KPIs (rollups, trigger below) count only purpose `queue`.
-- CreateEnum
CREATE TYPE "CallbackPurpose" AS ENUM ('queue', 'survey');

-- AlterTable
ALTER TABLE "callbacks" ADD COLUMN "purpose" "CallbackPurpose" NOT NULL DEFAULT 'queue',
ADD COLUMN "survey" JSONB;

-- The trigger as 20261204130000_split_rollups left it (call and split rollups), for queue callbacks only.
CREATE OR REPLACE FUNCTION "call_rollups_count_callback"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.call_id IS NULL OR NEW.purpose <> 'queue' OR NEW.status NOT IN ('completed', 'failed') THEN RETURN NULL; END IF;
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
