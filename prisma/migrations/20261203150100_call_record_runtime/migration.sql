-- Call records say what happened: which runtime instance owns the call (so a restarted runtime closes only its
-- own calls left open by a crash, never those of another runtime on the same database), why the call ended, and
-- why each node visit left by its outlet.
-- AlterTable
ALTER TABLE "call_records" ADD COLUMN "runtime_instance" TEXT,
ADD COLUMN "end_reason" TEXT;

-- AlterTable
ALTER TABLE "node_visits" ADD COLUMN "outlet_reason" TEXT;

-- CreateIndex
CREATE INDEX "call_records_runtime_instance_ended_at_idx" ON "call_records"("runtime_instance", "ended_at");
