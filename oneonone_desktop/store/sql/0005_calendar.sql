-- Migration 5: what follow-up and the calendar need beyond migration 2. Frozen like every migration.
-- task.is_ask: doing the task asks the person for something (counts toward the asks balance).
-- task.reminder_minutes: an alarm this many minutes before the task is due (for an all-day task,
-- before 9:00 on its day); NULL: no alarm. task.exdates: occurrences of a recurring task that do
-- not happen, as comma-separated YYYY-MM-DD dates. meeting.ical_uid: the UID of a meeting read
-- from another calendar app, so that importing the same file again updates it.

ALTER TABLE "task" ADD COLUMN "is_ask" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "task" ADD COLUMN "reminder_minutes" INTEGER;
ALTER TABLE "task" ADD COLUMN "exdates" TEXT NOT NULL DEFAULT '';
ALTER TABLE "meeting" ADD COLUMN "ical_uid" VARCHAR(255);
CREATE UNIQUE INDEX "meeting_ical_uid" ON "meeting" ("ical_uid");
CREATE INDEX "task_recurring_due_on" ON "task" ("due_on") WHERE "rrule" IS NOT NULL;
CREATE INDEX "task_snoozed_until" ON "task" ("snoozed_until") WHERE "snoozed_until" IS NOT NULL;
CREATE INDEX "touch_supporter_id_happened_at" ON "touch" ("supporter_id", "happened_at");
