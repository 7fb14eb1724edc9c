-- Failed sign-ins per account and client address (email '' = any account from that address), shared by every API
-- process, so throttling works behind several processes and never locks an account for other addresses.
-- CreateTable
CREATE TABLE "login_throttles" (
    "email" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "first_failure_at" TIMESTAMPTZ(3) NOT NULL,
    "last_failure_at" TIMESTAMPTZ(3) NOT NULL,
    "blocked_until" TIMESTAMPTZ(3),
    "audit_event_id" UUID,

    CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("email","address")
);

-- CreateIndex
CREATE INDEX "login_throttles_last_failure_at_idx" ON "login_throttles"("last_failure_at");
