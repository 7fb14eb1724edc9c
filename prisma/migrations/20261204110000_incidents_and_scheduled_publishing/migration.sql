-- Incident overrides (emergency routing or an announcement for new calls, per binding or for every binding of an
-- environment) and scheduled publishing (a version goes live on a binding at a start time and gives way to what was
-- live before at an end time). Bindings get the time zone schedule times are entered in; call records say which
-- incident override was in force.
-- AlterEnum
ALTER TYPE "DeploymentKind" ADD VALUE 'scheduled_activate';
ALTER TYPE "DeploymentKind" ADD VALUE 'scheduled_revert';

-- CreateEnum
CREATE TYPE "IncidentMode" AS ENUM ('emergency', 'announce');

-- CreateEnum
CREATE TYPE "ScheduledPublishStatus" AS ENUM ('pending', 'active', 'completed', 'ended_early', 'cancelled', 'missed');

-- AlterTable
ALTER TABLE "bindings" ADD COLUMN "time_zone" TEXT;

-- AlterTable
ALTER TABLE "call_records" ADD COLUMN "incident_id" UUID;

-- CreateTable
CREATE TABLE "incident_overrides" (
    "id" UUID NOT NULL,
    "environment" "Environment" NOT NULL,
    "scope" TEXT NOT NULL,
    "binding_id" UUID,
    "mode" "IncidentMode" NOT NULL,
    "announcement" JSONB NOT NULL DEFAULT '{}',
    "reason" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "started_by_id" UUID,
    "ends_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "ended_by_id" UUID,
    "ended_reason" TEXT,

    CONSTRAINT "incident_overrides_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scheduled_publishes" (
    "id" UUID NOT NULL,
    "binding_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3),
    "time_zone" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "status" "ScheduledPublishStatus" NOT NULL DEFAULT 'pending',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activated_at" TIMESTAMPTZ(3),
    "revert_to_version_id" UUID,
    "finished_at" TIMESTAMPTZ(3),
    "finish_note" TEXT,

    CONSTRAINT "scheduled_publishes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "incident_overrides_one_on_per_scope" ON "incident_overrides"("environment", "scope") WHERE (ended_at IS NULL);

-- CreateIndex
CREATE INDEX "incident_overrides_environment_ended_at_idx" ON "incident_overrides"("environment", "ended_at");

-- CreateIndex
CREATE INDEX "scheduled_publishes_binding_id_starts_at_idx" ON "scheduled_publishes"("binding_id", "starts_at");

-- CreateIndex
CREATE INDEX "scheduled_publishes_status_starts_at_idx" ON "scheduled_publishes"("status", "starts_at");

-- AddForeignKey
ALTER TABLE "incident_overrides" ADD CONSTRAINT "incident_overrides_binding_id_fkey" FOREIGN KEY ("binding_id") REFERENCES "bindings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_overrides" ADD CONSTRAINT "incident_overrides_started_by_id_fkey" FOREIGN KEY ("started_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_overrides" ADD CONSTRAINT "incident_overrides_ended_by_id_fkey" FOREIGN KEY ("ended_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scheduled_publishes" ADD CONSTRAINT "scheduled_publishes_binding_id_fkey" FOREIGN KEY ("binding_id") REFERENCES "bindings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scheduled_publishes" ADD CONSTRAINT "scheduled_publishes_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "flow_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scheduled_publishes" ADD CONSTRAINT "scheduled_publishes_revert_to_version_id_fkey" FOREIGN KEY ("revert_to_version_id") REFERENCES "flow_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scheduled_publishes" ADD CONSTRAINT "scheduled_publishes_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
