-- Keep-your-place callbacks are placed when the caller's turn comes, and never while the caller is still on the
-- call that asked for it: `requested_at` is when they asked (on the runtime's clock; the virtual wait counts from
-- it), `caller_left_at` when that call ended (the dialer waits for it plus a short guard). Existing callbacks were
-- asked for when they were created, and their calls have long ended.
-- AlterTable
ALTER TABLE "callbacks" ADD COLUMN "requested_at" TIMESTAMPTZ(3),
ADD COLUMN "caller_left_at" TIMESTAMPTZ(3);
UPDATE "callbacks" SET "requested_at" = "created_at", "caller_left_at" = "created_at";
ALTER TABLE "callbacks" ALTER COLUMN "requested_at" SET NOT NULL;
