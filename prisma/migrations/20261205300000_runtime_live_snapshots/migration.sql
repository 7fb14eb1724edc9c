-- The live view (issue 12): every runtime upserts one small snapshot of what it sees now (calls in its flows per
-- number and node, its switch's queues) about once a second; the API merges the rows that have not expired, so a
-- runtime that died drops out of the view within seconds. One row per runtime instance, never one per call.
-- CreateTable
CREATE TABLE "runtime_live_snapshots" (
    "instance" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "runtime_live_snapshots_pkey" PRIMARY KEY ("instance")
);

-- CreateIndex
CREATE INDEX "runtime_live_snapshots_expires_at_idx" ON "runtime_live_snapshots"("expires_at");
