-- Every callback belongs to the switch group of the runtime that took the call: only a dialer connected to a
-- switch of that group may place it (issue 15: an emulated switch sharing the production database "placed" real
-- callers' callbacks and marked them completed). Existing callbacks were all taken by real runtimes of the one
-- group that existed: `default`. The default is dropped afterwards so every new row must name its group.
-- AlterTable
ALTER TABLE "callbacks" ADD COLUMN "switch_group" TEXT NOT NULL DEFAULT 'default';
ALTER TABLE "callbacks" ALTER COLUMN "switch_group" DROP DEFAULT;

-- The dialer's claim filters by group first.
-- DropIndex
DROP INDEX "callbacks_status_next_attempt_at_idx";

-- CreateIndex
CREATE INDEX "callbacks_switch_group_status_next_attempt_at_idx" ON "callbacks"("switch_group", "status", "next_attempt_at");

-- One row per running dialer, refreshed every round while it is connected to its switch, so "no live dialer for
-- group X, N callbacks waiting" can be reported.
-- CreateTable
CREATE TABLE "switch_group_dialers" (
    "worker_id" TEXT NOT NULL,
    "switch_group" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "switch_group_dialers_pkey" PRIMARY KEY ("worker_id")
);

-- CreateIndex
CREATE INDEX "switch_group_dialers_switch_group_last_seen_at_idx" ON "switch_group_dialers"("switch_group", "last_seen_at");
