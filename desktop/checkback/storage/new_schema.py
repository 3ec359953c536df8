"""What the migrations make (written by checkback.storage.new_database)."""

SCHEMA_STATEMENTS = (
    ('CREATE TABLE "content_files" (\n   "path" TEXT PRIMARY KEY,\n   "pack" TEX'
     'T,\n   "kind" TEXT,\n   "mtime_ns" INTEGER,\n   "size" INTEGER,\n   "digest"'
     ' TEXT\n)'),
    ('CREATE TABLE "content_problems" (\n   "id" INTEGER PRIMARY KEY,\n   "path"'
     ' TEXT,\n   "line" INTEGER,\n   "message" TEXT,\n   "fix" TEXT,\n   "loaded" '
     'INTEGER\n)'),
    ('CREATE INDEX "idx_content_problems_path"\n    ON "content_problems" ("pat'
     'h")'),
    ('CREATE TABLE "policies" (\n   "id" INTEGER PRIMARY KEY,\n   "path" TEXT NO'
     'T NULL,\n   "pack" TEXT,\n   "slug" TEXT,\n   "title" TEXT NOT NULL,\n   "ca'
     'tegory" TEXT NOT NULL,\n   "tags" TEXT,\n   "can" TEXT,\n   "with_approval"'
     ' TEXT,\n   "cannot" TEXT,\n   "reviewed" TEXT,\n   "owner" TEXT,\n   "review'
     '_every_days" INTEGER,\n   "body" TEXT,\n   "markdown" TEXT\n)'),
    ('CREATE UNIQUE INDEX "idx_policies_path"\n    ON "policies" ("path")'),
    ('CREATE INDEX "idx_policies_category_title"\n    ON "policies" ("category"'
     ', "title")'),
    ('CREATE VIRTUAL TABLE policies_fts USING fts5(\n            title, tags, b'
     "ody, content='policies', content_rowid='id',\n            tokenize='unico"
     "de61 remove_diacritics 2', prefix='1 2 3'\n        )"),
    ('CREATE TRIGGER policies_ai AFTER INSERT ON policies BEGIN\n            IN'
     'SERT INTO policies_fts(rowid, title, tags, body)\n            VALUES (new'
     '.id, new.title, new.tags, new.body);\n        END'),
    ('CREATE TRIGGER policies_ad AFTER DELETE ON policies BEGIN\n            IN'
     'SERT INTO policies_fts(policies_fts, rowid, title, tags, body)\n         '
     "   VALUES ('delete', old.id, old.title, old.tags, old.body);\n        END"),
    ('CREATE TRIGGER policies_au AFTER UPDATE ON policies BEGIN\n            IN'
     'SERT INTO policies_fts(policies_fts, rowid, title, tags, body)\n         '
     "   VALUES ('delete', old.id, old.title, old.tags, old.body);\n           "
     ' INSERT INTO policies_fts(rowid, title, tags, body)\n            VALUES ('
     'new.id, new.title, new.tags, new.body);\n        END'),
    ('CREATE TABLE "playbooks" (\n   "id" INTEGER PRIMARY KEY,\n   "path" TEXT N'
     'OT NULL,\n   "pack" TEXT,\n   "slug" TEXT NOT NULL,\n   "name" TEXT NOT NUL'
     'L,\n   "description" TEXT,\n   "is_default" INTEGER,\n   "position" INTEGER'
     ',\n   "steps" TEXT NOT NULL\n)'),
    ('CREATE UNIQUE INDEX "idx_playbooks_path"\n    ON "playbooks" ("path")'),
    ('CREATE TABLE "snippets" (\n   "id" INTEGER PRIMARY KEY,\n   "path" TEXT,\n '
     '  "pack" TEXT,\n   "position" INTEGER,\n   "title" TEXT NOT NULL,\n   "text'
     '" TEXT NOT NULL,\n   "html" TEXT,\n   "tags" TEXT,\n   "abbreviation" TEXT\n'
     ', "source" TEXT NOT NULL DEFAULT \'content\', "key" TEXT, "deleted" INTEGE'
     'R NOT NULL DEFAULT 0, "updated_at" TEXT)'),
    ('CREATE INDEX "idx_snippets_path"\n    ON "snippets" ("path")'),
    ('CREATE TABLE "snippet_tags" (\n   "snippet_id" INTEGER,\n   "tag" TEXT,\n  '
     ' PRIMARY KEY ("tag", "snippet_id")\n)'),
    ('CREATE INDEX "idx_snippet_tags_snippet_id"\n    ON "snippet_tags" ("snipp'
     'et_id")'),
    ('CREATE TABLE "conversations" (\n   "id" INTEGER PRIMARY KEY,\n   "ticket" '
     'TEXT,\n   "ticket_url" TEXT,\n   "customer_name" TEXT,\n   "channel" TEXT,\n'
     '   "contact" TEXT,\n   "category" TEXT,\n   "playbook" TEXT NOT NULL,\n   "'
     'playbook_name" TEXT,\n   "status" TEXT NOT NULL DEFAULT \'open\',\n   "curre'
     'nt_step" INTEGER,\n   "started_at" TEXT NOT NULL,\n   "updated_at" TEXT,\n '
     '  "closed_at" TEXT\n, "subject" TEXT)'),
    ('CREATE INDEX "idx_conversations_status_started_at"\n    ON "conversations'
     '" ("status", "started_at")'),
    ('CREATE TABLE "conversation_steps" (\n   "conversation_id" INTEGER REFEREN'
     'CES "conversations"("id"),\n   "round" INTEGER,\n   "position" INTEGER,\n  '
     ' "key" TEXT NOT NULL,\n   "title" TEXT NOT NULL,\n   "checked_at" TEXT,\n  '
     ' "note" TEXT,\n   PRIMARY KEY ("conversation_id", "round", "position")\n)'),
    ('CREATE TABLE "resolutions" (\n   "id" INTEGER PRIMARY KEY,\n   "conversati'
     'on_id" INTEGER REFERENCES "conversations"("id"),\n   "ticket" TEXT,\n   "t'
     'icket_url" TEXT,\n   "customer_name" TEXT,\n   "channel" TEXT,\n   "contact'
     '" TEXT,\n   "category" TEXT,\n   "problem" TEXT,\n   "resolution" TEXT,\n   '
     '"kind" TEXT NOT NULL,\n   "outcome" TEXT NOT NULL,\n   "playbook" TEXT,\n  '
     ' "rounds" INTEGER,\n   "steps_done" INTEGER,\n   "steps_total" INTEGER,\n  '
     ' "notes" TEXT,\n   "started_at" TEXT,\n   "resolved_at" TEXT NOT NULL\n, "d'
     'eleted" INTEGER NOT NULL DEFAULT 0, "follow_up" TEXT NOT NULL DEFAULT \'n'
     'one\', "customer_words" TEXT NOT NULL DEFAULT \'\')'),
    ('CREATE INDEX "idx_resolutions_resolved_at"\n    ON "resolutions" ("resolv'
     'ed_at")'),
    ('CREATE INDEX "idx_resolutions_conversation_id"\n    ON "resolutions" ("co'
     'nversation_id")'),
    ('CREATE INDEX "idx_snippets_key"\n    ON "snippets" ("key")'),
    ('CREATE TABLE "snippet_usage" (\n   "key" TEXT PRIMARY KEY,\n   "favourite"'
     ' INTEGER DEFAULT 0,\n   "use_count" INTEGER DEFAULT 0,\n   "last_used" TEX'
     'T\n)'),
    ('CREATE VIRTUAL TABLE snippets_fts USING fts5(\n            title, tags, a'
     "bbreviation, text, content='snippets', content_rowid='id',\n            t"
     "okenize='unicode61 remove_diacritics 2', prefix='1 2 3'\n        )"),
    ("CREATE VIRTUAL TABLE snippets_vocab USING fts5vocab(snippets_fts, 'row')"),
    ('CREATE TRIGGER snippets_ai AFTER INSERT ON snippets BEGIN\n            IN'
     'SERT INTO snippets_fts(rowid, title, tags, abbreviation, text)\n         '
     '   VALUES (new.id, new.title, new.tags, new.abbreviation, new.text);\n   '
     '     END'),
    ('CREATE TRIGGER snippets_ad AFTER DELETE ON snippets BEGIN\n            IN'
     'SERT INTO snippets_fts(snippets_fts, rowid, title, tags, abbreviation, t'
     "ext)\n            VALUES ('delete', old.id, old.title, old.tags, old.abbr"
     'eviation, old.text);\n        END'),
    ('CREATE TRIGGER snippets_au AFTER UPDATE OF title, tags, abbreviation, te'
     'xt ON snippets\n        BEGIN\n            INSERT INTO snippets_fts(snippe'
     "ts_fts, rowid, title, tags, abbreviation, text)\n            VALUES ('del"
     "ete', old.id, old.title, old.tags, old.abbreviation, old.text);\n        "
     '    INSERT INTO snippets_fts(rowid, title, tags, abbreviation, text)\n   '
     '         VALUES (new.id, new.title, new.tags, new.abbreviation, new.text'
     ');\n        END'),
    ('CREATE TABLE "checker_rules" (\n   "id" INTEGER PRIMARY KEY,\n   "path" TE'
     'XT NOT NULL,\n   "pack" TEXT,\n   "position" INTEGER,\n   "rule_id" TEXT NO'
     'T NULL,\n   "kind" TEXT NOT NULL,\n   "pattern" TEXT NOT NULL,\n   "reason"'
     ' TEXT NOT NULL,\n   "suggestion" TEXT,\n   "place" TEXT\n)'),
    ('CREATE INDEX "idx_checker_rules_path"\n    ON "checker_rules" ("path")'),
    ('CREATE TABLE "drafts" (\n   "name" TEXT PRIMARY KEY,\n   "text" TEXT NOT N'
     'ULL,\n   "updated_at" TEXT\n)'),
    ('CREATE INDEX "idx_resolutions_ticket_resolved_at"\n    ON "resolutions" ('
     '"ticket", "resolved_at")'),
    ('CREATE INDEX "idx_resolutions_customer_name_resolved_at"\n    ON "resolut'
     'ions" ("customer_name", "resolved_at")'),
    ('CREATE INDEX "idx_resolutions_category_resolved_at"\n    ON "resolutions"'
     ' ("category", "resolved_at")'),
    ('CREATE INDEX "idx_resolutions_kind_resolved_at"\n    ON "resolutions" ("k'
     'ind", "resolved_at")'),
    ('CREATE INDEX "idx_resolutions_outcome_resolved_at"\n    ON "resolutions" '
     '("outcome", "resolved_at")'),
    ('CREATE INDEX "idx_resolutions_follow_up_resolved_at"\n    ON "resolutions'
     '" ("follow_up", "resolved_at")'),
    ('CREATE TABLE "follow_ups" (\n   "id" INTEGER PRIMARY KEY,\n   "resolution_'
     'id" INTEGER NOT NULL REFERENCES "resolutions"("id"),\n   "status" TEXT NO'
     'T NULL,\n   "due_at" TEXT,\n   "channels" TEXT NOT NULL,\n   "arrives_on" T'
     'EXT,\n   "result" TEXT,\n   "reason" TEXT,\n   "created_at" TEXT NOT NULL,\n'
     '   "closed_at" TEXT,\n   "notified_at" TEXT\n)'),
    ('CREATE INDEX "idx_follow_ups_status_due_at"\n    ON "follow_ups" ("status'
     '", "due_at")'),
    ('CREATE INDEX "idx_follow_ups_resolution_id"\n    ON "follow_ups" ("resolu'
     'tion_id")'),
    ('CREATE TABLE "follow_up_events" (\n   "id" INTEGER PRIMARY KEY,\n   "follo'
     'w_up_id" INTEGER NOT NULL REFERENCES "follow_ups"("id"),\n   "at" TEXT NO'
     'T NULL,\n   "action" TEXT NOT NULL,\n   "detail" TEXT,\n   "due_at" TEXT\n)'),
    ('CREATE INDEX "idx_follow_up_events_follow_up_id"\n    ON "follow_up_event'
     's" ("follow_up_id")'),
    ('CREATE INDEX resolutions_deleted ON resolutions(id) WHERE deleted = 1'),
    ('CREATE TABLE "app_meta" (\n   "key" TEXT PRIMARY KEY,\n   "value" TEXT\n)'),
    ('CREATE VIRTUAL TABLE resolutions_fts USING fts5(\n            customer_na'
     "me, contact, ticket, problem, resolution, notes, content='resolutions', "
     "content_rowid='id',\n            tokenize='unicode61 remove_diacritics 2'"
     ", prefix='1 2 3')"),
    ('CREATE TRIGGER resolutions_ai AFTER INSERT ON resolutions BEGIN INSERT I'
     'NTO resolutions_fts(rowid, customer_name, contact, ticket, problem, reso'
     'lution, notes) VALUES (new.id, new.customer_name, new.contact, new.ticke'
     't, new.problem, new.resolution, new.notes); END'),
    ('CREATE TRIGGER resolutions_ad AFTER DELETE ON resolutions BEGIN INSERT I'
     'NTO resolutions_fts(resolutions_fts, rowid, customer_name, contact, tick'
     "et, problem, resolution, notes) VALUES ('delete', old.id, old.customer_n"
     'ame, old.contact, old.ticket, old.problem, old.resolution, old.notes); E'
     'ND'),
    ('CREATE TRIGGER resolutions_au AFTER UPDATE OF customer_name, contact, ti'
     'cket, problem, resolution, notes ON resolutions\n        BEGIN INSERT INT'
     'O resolutions_fts(resolutions_fts, rowid, customer_name, contact, ticket'
     ", problem, resolution, notes) VALUES ('delete', old.id, old.customer_nam"
     'e, old.contact, old.ticket, old.problem, old.resolution, old.notes); INS'
     'ERT INTO resolutions_fts(rowid, customer_name, contact, ticket, problem,'
     ' resolution, notes) VALUES (new.id, new.customer_name, new.contact, new.'
     'ticket, new.problem, new.resolution, new.notes); END'),
    ('CREATE TABLE "outbox" (\n   "id" INTEGER PRIMARY KEY,\n   "resolution_id" '
     'INTEGER,\n   "follow_up_id" INTEGER,\n   "kind" TEXT NOT NULL,\n   "base_ur'
     'l" TEXT NOT NULL,\n   "email" TEXT DEFAULT \'\',\n   "ticket" TEXT NOT NULL,'
     '\n   "text" TEXT NOT NULL,\n   "marker" TEXT,\n   "state" TEXT NOT NULL DEF'
     'AULT \'queued\',\n   "attempts" INTEGER DEFAULT 0,\n   "next_try_at" TEXT,\n '
     '  "problem" TEXT DEFAULT \'\',\n   "created_at" TEXT NOT NULL,\n   "posted_a'
     't" TEXT\n)'),
    ('CREATE INDEX "idx_outbox_state_next_try_at"\n    ON "outbox" ("state", "n'
     'ext_try_at")'),
    ('CREATE INDEX "idx_outbox_resolution_id"\n    ON "outbox" ("resolution_id"'
     ')'),
    ('CREATE INDEX resolutions_contact ON resolutions(contact COLLATE NOCASE, '
     'resolved_at)'),
    ('CREATE INDEX policies_browse ON policies(category COLLATE NOCASE, title '
     'COLLATE NOCASE)'),
)
