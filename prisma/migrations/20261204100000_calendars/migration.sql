-- Shared holiday calendars that schedule nodes name, with immutable revisions (flows/src/calendars).
-- CreateTable
CREATE TABLE "calendars" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "current_revision" INTEGER NOT NULL DEFAULT 1,
    "saved_by_id" UUID,
    "saved_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "calendars_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calendar_revisions" (
    "id" UUID NOT NULL,
    "calendar_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "author_id" UUID,
    "message" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "calendar_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "calendars_name_key" ON "calendars"("name");

-- CreateIndex
CREATE UNIQUE INDEX "calendar_revisions_calendar_id_number_key" ON "calendar_revisions"("calendar_id", "number");

-- AddForeignKey
ALTER TABLE "calendars" ADD CONSTRAINT "calendars_saved_by_id_fkey" FOREIGN KEY ("saved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_revisions" ADD CONSTRAINT "calendar_revisions_calendar_id_fkey" FOREIGN KEY ("calendar_id") REFERENCES "calendars"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_revisions" ADD CONSTRAINT "calendar_revisions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Revisions are immutable: refuse any UPDATE (Prisma does not model triggers; nothing to drift).
CREATE FUNCTION "calendar_revisions_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'revision % of calendar % is immutable; save a new revision instead', OLD.number, OLD.calendar_id;
END;
$$;

CREATE TRIGGER "calendar_revisions_immutable" BEFORE UPDATE ON "calendar_revisions"
  FOR EACH ROW EXECUTE FUNCTION "calendar_revisions_refuse_update"();
