-- Migration 7: the history of moves on the ladder of engagement, so reports can count who moved
-- up and when. Frozen like every migration.
-- stage_change: one row each time a person's stage changes (editing the person, or finishing a
-- 1:1). from_/to_position keep the rungs' order as it was at the time, so reordering or deleting
-- a stage later does not rewrite history. changed_at is naive UTC like every record timestamp.
-- Moves already made while finishing 1:1s are filled in from the meeting's captured
-- stage_before/stage_after.

CREATE TABLE "stage_change" ("id" INTEGER NOT NULL PRIMARY KEY, "supporter_id" INTEGER NOT NULL, "from_stage_id" INTEGER, "to_stage_id" INTEGER, "from_position" INTEGER, "to_position" INTEGER, "meeting_id" INTEGER, "changed_at" DATETIME NOT NULL, FOREIGN KEY ("supporter_id") REFERENCES "supporter" ("id") ON DELETE CASCADE, FOREIGN KEY ("from_stage_id") REFERENCES "ladder_stage" ("id") ON DELETE SET NULL, FOREIGN KEY ("to_stage_id") REFERENCES "ladder_stage" ("id") ON DELETE SET NULL, FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE SET NULL);
CREATE INDEX "stage_change_supporter_id" ON "stage_change" ("supporter_id");
CREATE INDEX "stage_change_from_stage_id" ON "stage_change" ("from_stage_id");
CREATE INDEX "stage_change_to_stage_id" ON "stage_change" ("to_stage_id");
CREATE INDEX "stage_change_meeting_id" ON "stage_change" ("meeting_id");
CREATE INDEX "stage_change_changed_at" ON "stage_change" ("changed_at");
INSERT INTO "stage_change" ("supporter_id", "from_stage_id", "to_stage_id", "from_position", "to_position", "meeting_id", "changed_at")
SELECT m."supporter_id", f."id", t."id", f."position", t."position", m."id", m."updated_at"
FROM (
    SELECT "id", "supporter_id", "updated_at",
           json_extract(c, '$.stage_before') AS "before", json_extract(c, '$.stage_after') AS "after"
    FROM (SELECT "id", "supporter_id", "updated_at",
                 CASE WHEN json_valid("capture") THEN "capture" ELSE '{}' END AS c
          FROM "meeting" WHERE "status" = 'held')
) m
JOIN "ladder_stage" t ON t."key" = m."after"
LEFT JOIN "ladder_stage" f ON f."key" = m."before"
WHERE m."before" IS NOT m."after"
ORDER BY m."updated_at", m."id";
