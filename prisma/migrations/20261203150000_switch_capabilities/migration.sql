-- What each runtime last learned from its FreeSWITCH on connecting (modules, callcenter queues) and which live
-- flows need something that switch lacks, so the designer's numbers page and publishing can show it.
-- CreateTable
CREATE TABLE "switch_capabilities" (
    "id" UUID NOT NULL,
    "runtime_instance" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "switch_host" TEXT NOT NULL,
    "modules" JSONB NOT NULL,
    "queues" JSONB,
    "settings" JSONB NOT NULL,
    "problems" JSONB NOT NULL,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "switch_capabilities_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "switch_capabilities_environment_checked_at_idx" ON "switch_capabilities"("environment", "checked_at");

-- CreateIndex
CREATE UNIQUE INDEX "switch_capabilities_runtime_instance_switch_host_key" ON "switch_capabilities"("runtime_instance", "switch_host");
