-- Migration 1: settings, the organizer, the ladder, labels, supporters, consent, touches.
-- Frozen: later schema changes go in new numbered files, never here.

CREATE TABLE "setting" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL);
CREATE TABLE "organizer_profile" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "chapter" VARCHAR(255) NOT NULL, "email" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, "national_vision" TEXT NOT NULL, "local_vision" TEXT NOT NULL, "purpose_script" TEXT NOT NULL, "created_at" DATETIME NOT NULL);
CREATE TABLE "ladder_stage" ("id" INTEGER NOT NULL PRIMARY KEY, "key" VARCHAR(255) NOT NULL, "label" VARCHAR(255) NOT NULL, "position" INTEGER NOT NULL);
CREATE UNIQUE INDEX "ladder_stage_key" ON "ladder_stage" ("key");
CREATE INDEX "ladder_stage_position" ON "ladder_stage" ("position");
CREATE TABLE "label" ("id" INTEGER NOT NULL PRIMARY KEY, "kind" VARCHAR(255) NOT NULL, "name" VARCHAR(255) NOT NULL);
CREATE UNIQUE INDEX "label_kind_name" ON "label" ("kind", "name");
CREATE TABLE "supporter" ("id" INTEGER NOT NULL PRIMARY KEY, "first_name" VARCHAR(255) NOT NULL, "last_name" VARCHAR(255) NOT NULL, "preferred_name" VARCHAR(255) NOT NULL, "pronouns" VARCHAR(255) NOT NULL, "language" VARCHAR(255) NOT NULL, "street" VARCHAR(255) NOT NULL, "street2" VARCHAR(255) NOT NULL, "city" VARCHAR(255) NOT NULL, "region" VARCHAR(255) NOT NULL, "postal_code" VARCHAR(255) NOT NULL, "country" VARCHAR(255) NOT NULL, "how_met" VARCHAR(255) NOT NULL, "referred_by_id" INTEGER, "stage_id" INTEGER, "background" TEXT NOT NULL, "thank_you_preference" VARCHAR(255) NOT NULL, "last_contact_at" DATETIME, "archived_at" DATETIME, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("referred_by_id") REFERENCES "supporter" ("id") ON DELETE SET NULL, FOREIGN KEY ("stage_id") REFERENCES "ladder_stage" ("id") ON DELETE SET NULL);
CREATE INDEX "supporter_last_name" ON "supporter" ("last_name");
CREATE INDEX "supporter_city" ON "supporter" ("city");
CREATE INDEX "supporter_referred_by_id" ON "supporter" ("referred_by_id");
CREATE INDEX "supporter_stage_id" ON "supporter" ("stage_id");
CREATE INDEX "supporter_last_contact_at" ON "supporter" ("last_contact_at");
CREATE INDEX "supporter_archived_at" ON "supporter" ("archived_at");
CREATE INDEX "supporter_created_at" ON "supporter" ("created_at");
CREATE TABLE "supporter_email" ("id" INTEGER NOT NULL PRIMARY KEY, "supporter_id" INTEGER NOT NULL, "address" VARCHAR(255) NOT NULL, "address_norm" VARCHAR(255) NOT NULL, "label" VARCHAR(255) NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("supporter_id") REFERENCES "supporter" ("id") ON DELETE CASCADE);
CREATE INDEX "supporter_email_supporter_id" ON "supporter_email" ("supporter_id");
CREATE INDEX "supporter_email_address_norm" ON "supporter_email" ("address_norm");
CREATE TABLE "supporter_phone" ("id" INTEGER NOT NULL PRIMARY KEY, "supporter_id" INTEGER NOT NULL, "number" VARCHAR(255) NOT NULL, "number_norm" VARCHAR(255) NOT NULL, "label" VARCHAR(255) NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("supporter_id") REFERENCES "supporter" ("id") ON DELETE CASCADE);
CREATE INDEX "supporter_phone_supporter_id" ON "supporter_phone" ("supporter_id");
CREATE INDEX "supporter_phone_number_norm" ON "supporter_phone" ("number_norm");
CREATE TABLE "supporter_label" ("id" INTEGER NOT NULL PRIMARY KEY, "supporter_id" INTEGER NOT NULL, "label_id" INTEGER NOT NULL, FOREIGN KEY ("supporter_id") REFERENCES "supporter" ("id") ON DELETE CASCADE, FOREIGN KEY ("label_id") REFERENCES "label" ("id") ON DELETE CASCADE);
CREATE INDEX "supporter_label_supporter_id" ON "supporter_label" ("supporter_id");
CREATE INDEX "supporter_label_label_id" ON "supporter_label" ("label_id");
CREATE UNIQUE INDEX "supporter_label_supporter_id_label_id" ON "supporter_label" ("supporter_id", "label_id");
CREATE INDEX "supporter_label_label_id_supporter_id" ON "supporter_label" ("label_id", "supporter_id");
CREATE TABLE "consent_record" ("id" INTEGER NOT NULL PRIMARY KEY, "supporter_id" INTEGER NOT NULL, "channel" VARCHAR(255) NOT NULL, "granted" INTEGER NOT NULL, "given_on" DATE, "how" VARCHAR(255) NOT NULL, "recorded_at" DATETIME NOT NULL, FOREIGN KEY ("supporter_id") REFERENCES "supporter" ("id") ON DELETE CASCADE);
CREATE INDEX "consent_record_supporter_id" ON "consent_record" ("supporter_id");
CREATE INDEX "consent_record_supporter_id_channel_recorded_at" ON "consent_record" ("supporter_id", "channel", "recorded_at");
CREATE TABLE "touch" ("id" INTEGER NOT NULL PRIMARY KEY, "supporter_id" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL, "happened_at" DATETIME NOT NULL, "note" TEXT NOT NULL, "is_ask" INTEGER NOT NULL, FOREIGN KEY ("supporter_id") REFERENCES "supporter" ("id") ON DELETE CASCADE);
CREATE INDEX "touch_supporter_id" ON "touch" ("supporter_id");
CREATE INDEX "touch_happened_at" ON "touch" ("happened_at");
CREATE INDEX "supporter_sort_name" ON "supporter" ("last_name" COLLATE NOCASE, "first_name" COLLATE NOCASE);
-- Full-text search over names, emails, phones, labels and notes; rowid = supporter.id.
CREATE VIRTUAL TABLE "supporter_fts" USING fts5(
    name, emails, phones, labels, notes,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3'
);
