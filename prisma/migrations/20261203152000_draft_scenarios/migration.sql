-- The draft's scenarios move out of draft_document into their own column with their own revision: a tester saving
-- scenarios no longer bumps draft_revision (which made the editor's next autosave a conflict whose "keep mine"
-- wrote the old scenarios back), and a node edit no longer rewrites the scenarios.
-- AlterTable
ALTER TABLE "flows" ADD COLUMN "draft_scenarios" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN "scenarios_revision" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN "scenarios_saved_by_id" UUID,
ADD COLUMN "scenarios_saved_at" TIMESTAMPTZ(3);

-- Move existing scenarios; whoever saved the draft last is the best record of who saved them.
UPDATE "flows"
SET "draft_scenarios" = "draft_document" -> 'scenarios',
    "draft_document" = "draft_document" - 'scenarios',
    "scenarios_saved_by_id" = "draft_saved_by_id",
    "scenarios_saved_at" = "draft_saved_at"
WHERE jsonb_typeof("draft_document" -> 'scenarios') = 'array';

-- AddForeignKey
ALTER TABLE "flows" ADD CONSTRAINT "flows_scenarios_saved_by_id_fkey" FOREIGN KEY ("scenarios_saved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
