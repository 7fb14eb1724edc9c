-- The callback's recurring window (time zone, minutes, weekdays), so a retry or a window missed while no dialler
-- ran moves to the next opening instead of waiting forever; and the uuid of the call the dialler placed.
-- AlterTable
ALTER TABLE "callbacks" ADD COLUMN "window_rule" JSONB,
ADD COLUMN "placed_call_uuid" TEXT;
