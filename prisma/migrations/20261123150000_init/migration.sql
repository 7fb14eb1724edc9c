-- CreateEnum
CREATE TYPE "Role" AS ENUM ('editor', 'tester', 'publisher', 'admin');

-- CreateEnum
CREATE TYPE "Environment" AS ENUM ('staging', 'production');

-- CreateEnum
CREATE TYPE "DeploymentKind" AS ENUM ('bind', 'activate', 'rollback');

-- CreateEnum
CREATE TYPE "CallbackStatus" AS ENUM ('pending', 'in_progress', 'completed', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flows" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "draft_document" JSONB NOT NULL,
    "draft_revision" INTEGER NOT NULL DEFAULT 1,
    "draft_saved_by_id" UUID,
    "draft_saved_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "latest_version_number" INTEGER NOT NULL DEFAULT 0,
    "archived_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flow_versions" (
    "id" UUID NOT NULL,
    "flow_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "compiled" JSONB NOT NULL,
    "content_hash" TEXT NOT NULL,
    "author_id" UUID,
    "message" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flow_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bindings" (
    "id" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "flow_id" UUID NOT NULL,
    "active_version_id" UUID NOT NULL,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bindings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployments" (
    "id" UUID NOT NULL,
    "binding_id" UUID NOT NULL,
    "kind" "DeploymentKind" NOT NULL,
    "from_version_id" UUID,
    "to_version_id" UUID NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "actor_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deployments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "actor_id" UUID,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "callbacks" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "original_wait_seconds" INTEGER NOT NULL,
    "status" "CallbackStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "window_start" TIMESTAMPTZ(3),
    "window_end" TIMESTAMPTZ(3),
    "claimed_by" TEXT,
    "claimed_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "call_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "callbacks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_records" (
    "id" UUID NOT NULL,
    "call_id" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "address" TEXT NOT NULL,
    "flow_name" TEXT,
    "version_id" UUID,
    "caller_number" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "outcome" TEXT,

    CONSTRAINT "call_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "node_visits" (
    "id" BIGSERIAL NOT NULL,
    "call_record_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "node_id" TEXT NOT NULL,
    "node_type" TEXT NOT NULL,
    "outlet" TEXT,
    "entered_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "node_visits_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions"("token_hash");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "flows_name_key" ON "flows"("name");

-- CreateIndex
CREATE UNIQUE INDEX "flow_versions_flow_id_number_key" ON "flow_versions"("flow_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "flow_versions_flow_id_id_key" ON "flow_versions"("flow_id", "id");

-- CreateIndex
CREATE INDEX "bindings_flow_id_idx" ON "bindings"("flow_id");

-- CreateIndex
CREATE UNIQUE INDEX "bindings_address_environment_key" ON "bindings"("address", "environment");

-- CreateIndex
CREATE INDEX "deployments_binding_id_created_at_idx" ON "deployments"("binding_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_created_at_idx" ON "audit_events"("created_at");

-- CreateIndex
CREATE INDEX "audit_events_action_created_at_idx" ON "audit_events"("action", "created_at");

-- CreateIndex
CREATE INDEX "callbacks_status_next_attempt_at_idx" ON "callbacks"("status", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "callbacks_one_open_per_number_queue" ON "callbacks"("number", "queue") WHERE status IN ('pending', 'in_progress');

-- CreateIndex
CREATE UNIQUE INDEX "call_records_call_id_key" ON "call_records"("call_id");

-- CreateIndex
CREATE INDEX "call_records_started_at_idx" ON "call_records"("started_at");

-- CreateIndex
CREATE INDEX "call_records_version_id_idx" ON "call_records"("version_id");

-- CreateIndex
CREATE INDEX "node_visits_node_id_idx" ON "node_visits"("node_id");

-- CreateIndex
CREATE UNIQUE INDEX "node_visits_call_record_id_sequence_key" ON "node_visits"("call_record_id", "sequence");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flows" ADD CONSTRAINT "flows_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flows" ADD CONSTRAINT "flows_draft_saved_by_id_fkey" FOREIGN KEY ("draft_saved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_versions" ADD CONSTRAINT "flow_versions_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_versions" ADD CONSTRAINT "flow_versions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bindings" ADD CONSTRAINT "bindings_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bindings" ADD CONSTRAINT "bindings_flow_id_active_version_id_fkey" FOREIGN KEY ("flow_id", "active_version_id") REFERENCES "flow_versions"("flow_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bindings" ADD CONSTRAINT "bindings_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_binding_id_fkey" FOREIGN KEY ("binding_id") REFERENCES "bindings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_from_version_id_fkey" FOREIGN KEY ("from_version_id") REFERENCES "flow_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_to_version_id_fkey" FOREIGN KEY ("to_version_id") REFERENCES "flow_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node_visits" ADD CONSTRAINT "node_visits_call_record_id_fkey" FOREIGN KEY ("call_record_id") REFERENCES "call_records"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Published versions are immutable: refuse any UPDATE (Prisma does not model triggers; nothing to drift).
CREATE FUNCTION "flow_versions_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'flow version % of flow % is immutable; publish a new version instead', OLD.number, OLD.flow_id;
END;
$$;

CREATE TRIGGER "flow_versions_immutable" BEFORE UPDATE ON "flow_versions"
  FOR EACH ROW EXECUTE FUNCTION "flow_versions_refuse_update"();
