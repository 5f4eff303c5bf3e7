-- Migration 3: what the 1:1 meeting core needs beyond migration 2. Frozen like every migration.
-- question.options: JSON list of the choices of a "choice" question; question.hint: a note
-- shown under the question. answer.choice: the chosen option's exact wording.
-- meeting.story_id: the story told; meeting.capture: JSON of what the wizard captured that has
-- no column of its own (values, past involvement, common ground, notes per step, …).

ALTER TABLE "question" ADD COLUMN "options" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "question" ADD COLUMN "hint" TEXT NOT NULL DEFAULT '';
ALTER TABLE "answer" ADD COLUMN "choice" TEXT;
ALTER TABLE "meeting" ADD COLUMN "story_id" INTEGER REFERENCES "story" ("id") ON DELETE SET NULL;
ALTER TABLE "meeting" ADD COLUMN "capture" TEXT NOT NULL DEFAULT '{}';
CREATE INDEX "meeting_story_id" ON "meeting" ("story_id");
CREATE INDEX "meeting_supporter_id_status" ON "meeting" ("supporter_id", "status");
CREATE INDEX "action_starts_at" ON "action" ("starts_at");
