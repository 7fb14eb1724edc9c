-- Satisfaction survey node (issue 12): a call keeps the caller's 1–5 rating(s) on its record, and the hourly rollups
-- count them (answers, sum, and how many of each score for the first question) for the satisfaction KPI, per split
-- branch too.
-- AlterTable
ALTER TABLE "call_records" ADD COLUMN "survey_score" INTEGER,
ADD COLUMN "survey_second_score" INTEGER;

-- AlterTable
ALTER TABLE "call_rollups_hourly" ADD COLUMN "survey_answers" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "survey_score_sum" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "survey_scores" INTEGER[] NOT NULL DEFAULT ARRAY[0, 0, 0, 0, 0]::INTEGER[],
ADD COLUMN "survey_second_answers" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "survey_second_score_sum" INTEGER NOT NULL DEFAULT 0;

-- AlterTable (the same measures per split branch: an A/B test can be judged by satisfaction too)
ALTER TABLE "split_rollups_hourly" ADD COLUMN "survey_answers" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "survey_score_sum" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "survey_scores" INTEGER[] NOT NULL DEFAULT ARRAY[0, 0, 0, 0, 0]::INTEGER[],
ADD COLUMN "survey_second_answers" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "survey_second_score_sum" INTEGER NOT NULL DEFAULT 0;

-- Rows written from now on always name their scores (as answer_wait_buckets); the default only filled the old rows.
ALTER TABLE "call_rollups_hourly" ALTER COLUMN "survey_scores" DROP DEFAULT;
ALTER TABLE "split_rollups_hourly" ALTER COLUMN "survey_scores" DROP DEFAULT;
