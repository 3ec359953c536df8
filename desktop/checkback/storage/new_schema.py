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
    ('CREATE VIEW policies_fold1 AS SELECT id, replace(replace(replace(title, '
     "char(173), ''), char(223), 'ss'), char(7838), 'ss') AS title, replace(re"
     "place(replace(tags, char(173), ''), char(223), 'ss'), char(7838), 'ss') "
     "AS tags, replace(replace(replace(body, char(173), ''), char(223), 'ss'),"
     " char(7838), 'ss') AS body FROM policies"),
    ('CREATE VIEW policies_fold2 AS SELECT id, replace(replace(replace(replace'
     '(replace(replace(replace(replace(replace(replace(replace(replace(replace'
     '(replace(replace(replace(replace(replace(replace(replace(replace(replace'
     '(title, char(1105), char(1077)), char(1025), char(1045)), char(902), cha'
     'r(913)), char(904), char(917)), char(905), char(919)), char(906), char(9'
     '21)), char(908), char(927)), char(910), char(933)), char(911), char(937)'
     '), char(912), char(953)), char(938), char(921)), char(939), char(933)), '
     'char(940), char(945)), char(941), char(949)), char(942), char(951)), cha'
     'r(943), char(953)), char(944), char(965)), char(970), char(953)), char(9'
     '71), char(965)), char(972), char(959)), char(973), char(965)), char(974)'
     ', char(969)) AS title, replace(replace(replace(replace(replace(replace(r'
     'eplace(replace(replace(replace(replace(replace(replace(replace(replace(r'
     'eplace(replace(replace(replace(replace(replace(replace(tags, char(1105),'
     ' char(1077)), char(1025), char(1045)), char(902), char(913)), char(904),'
     ' char(917)), char(905), char(919)), char(906), char(921)), char(908), ch'
     'ar(927)), char(910), char(933)), char(911), char(937)), char(912), char('
     '953)), char(938), char(921)), char(939), char(933)), char(940), char(945'
     ')), char(941), char(949)), char(942), char(951)), char(943), char(953)),'
     ' char(944), char(965)), char(970), char(953)), char(971), char(965)), ch'
     'ar(972), char(959)), char(973), char(965)), char(974), char(969)) AS tag'
     's, replace(replace(replace(replace(replace(replace(replace(replace(repla'
     'ce(replace(replace(replace(replace(replace(replace(replace(replace(repla'
     'ce(replace(replace(replace(replace(body, char(1105), char(1077)), char(1'
     '025), char(1045)), char(902), char(913)), char(904), char(917)), char(90'
     '5), char(919)), char(906), char(921)), char(908), char(927)), char(910),'
     ' char(933)), char(911), char(937)), char(912), char(953)), char(938), ch'
     'ar(921)), char(939), char(933)), char(940), char(945)), char(941), char('
     '949)), char(942), char(951)), char(943), char(953)), char(944), char(965'
     ')), char(970), char(953)), char(971), char(965)), char(972), char(959)),'
     ' char(973), char(965)), char(974), char(969)) AS body FROM policies_fold'
     '1'),
    ('CREATE VIEW policies_fold3 AS SELECT id, replace(replace(replace(replace'
     '(replace(replace(replace(replace(replace(replace(replace(replace(replace'
     '(replace(replace(replace(replace(replace(replace(replace(replace(replace'
     "(replace(replace(replace(title, char(65296), '0'), char(65297), '1'), ch"
     "ar(65298), '2'), char(65299), '3'), char(65300), '4'), char(65301), '5')"
     ", char(65302), '6'), char(65303), '7'), char(65304), '8'), char(65305), "
     "'9'), char(65313), 'A'), char(65314), 'B'), char(65315), 'C'), char(6531"
     "6), 'D'), char(65317), 'E'), char(65318), 'F'), char(65319), 'G'), char("
     "65320), 'H'), char(65321), 'I'), char(65322), 'J'), char(65323), 'K'), c"
     "har(65324), 'L'), char(65325), 'M'), char(65326), 'N'), char(65327), 'O'"
     ') AS title, replace(replace(replace(replace(replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(tags'
     ", char(65296), '0'), char(65297), '1'), char(65298), '2'), char(65299), "
     "'3'), char(65300), '4'), char(65301), '5'), char(65302), '6'), char(6530"
     "3), '7'), char(65304), '8'), char(65305), '9'), char(65313), 'A'), char("
     "65314), 'B'), char(65315), 'C'), char(65316), 'D'), char(65317), 'E'), c"
     "har(65318), 'F'), char(65319), 'G'), char(65320), 'H'), char(65321), 'I'"
     "), char(65322), 'J'), char(65323), 'K'), char(65324), 'L'), char(65325),"
     " 'M'), char(65326), 'N'), char(65327), 'O') AS tags, replace(replace(rep"
     'lace(replace(replace(replace(replace(replace(replace(replace(replace(rep'
     'lace(replace(replace(replace(replace(replace(replace(replace(replace(rep'
     "lace(replace(replace(replace(replace(body, char(65296), '0'), char(65297"
     "), '1'), char(65298), '2'), char(65299), '3'), char(65300), '4'), char(6"
     "5301), '5'), char(65302), '6'), char(65303), '7'), char(65304), '8'), ch"
     "ar(65305), '9'), char(65313), 'A'), char(65314), 'B'), char(65315), 'C')"
     ", char(65316), 'D'), char(65317), 'E'), char(65318), 'F'), char(65319), "
     "'G'), char(65320), 'H'), char(65321), 'I'), char(65322), 'J'), char(6532"
     "3), 'K'), char(65324), 'L'), char(65325), 'M'), char(65326), 'N'), char("
     "65327), 'O') AS body FROM policies_fold2"),
    ('CREATE VIEW policies_fold4 AS SELECT id, replace(replace(replace(replace'
     '(replace(replace(replace(replace(replace(replace(replace(replace(replace'
     '(replace(replace(replace(replace(replace(replace(replace(replace(replace'
     "(replace(replace(replace(title, char(65328), 'P'), char(65329), 'Q'), ch"
     "ar(65330), 'R'), char(65331), 'S'), char(65332), 'T'), char(65333), 'U')"
     ", char(65334), 'V'), char(65335), 'W'), char(65336), 'X'), char(65337), "
     "'Y'), char(65338), 'Z'), char(65345), 'a'), char(65346), 'b'), char(6534"
     "7), 'c'), char(65348), 'd'), char(65349), 'e'), char(65350), 'f'), char("
     "65351), 'g'), char(65352), 'h'), char(65353), 'i'), char(65354), 'j'), c"
     "har(65355), 'k'), char(65356), 'l'), char(65357), 'm'), char(65358), 'n'"
     ') AS title, replace(replace(replace(replace(replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(tags'
     ", char(65328), 'P'), char(65329), 'Q'), char(65330), 'R'), char(65331), "
     "'S'), char(65332), 'T'), char(65333), 'U'), char(65334), 'V'), char(6533"
     "5), 'W'), char(65336), 'X'), char(65337), 'Y'), char(65338), 'Z'), char("
     "65345), 'a'), char(65346), 'b'), char(65347), 'c'), char(65348), 'd'), c"
     "har(65349), 'e'), char(65350), 'f'), char(65351), 'g'), char(65352), 'h'"
     "), char(65353), 'i'), char(65354), 'j'), char(65355), 'k'), char(65356),"
     " 'l'), char(65357), 'm'), char(65358), 'n') AS tags, replace(replace(rep"
     'lace(replace(replace(replace(replace(replace(replace(replace(replace(rep'
     'lace(replace(replace(replace(replace(replace(replace(replace(replace(rep'
     "lace(replace(replace(replace(replace(body, char(65328), 'P'), char(65329"
     "), 'Q'), char(65330), 'R'), char(65331), 'S'), char(65332), 'T'), char(6"
     "5333), 'U'), char(65334), 'V'), char(65335), 'W'), char(65336), 'X'), ch"
     "ar(65337), 'Y'), char(65338), 'Z'), char(65345), 'a'), char(65346), 'b')"
     ", char(65347), 'c'), char(65348), 'd'), char(65349), 'e'), char(65350), "
     "'f'), char(65351), 'g'), char(65352), 'h'), char(65353), 'i'), char(6535"
     "4), 'j'), char(65355), 'k'), char(65356), 'l'), char(65357), 'm'), char("
     "65358), 'n') AS body FROM policies_fold3"),
    ('CREATE VIEW policies_fold5 AS SELECT id, replace(replace(replace(replace'
     '(replace(replace(replace(replace(replace(replace(replace(replace(title, '
     "char(65359), 'o'), char(65360), 'p'), char(65361), 'q'), char(65362), 'r"
     "'), char(65363), 's'), char(65364), 't'), char(65365), 'u'), char(65366)"
     ", 'v'), char(65367), 'w'), char(65368), 'x'), char(65369), 'y'), char(65"
     "370), 'z') AS title, replace(replace(replace(replace(replace(replace(rep"
     "lace(replace(replace(replace(replace(replace(tags, char(65359), 'o'), ch"
     "ar(65360), 'p'), char(65361), 'q'), char(65362), 'r'), char(65363), 's')"
     ", char(65364), 't'), char(65365), 'u'), char(65366), 'v'), char(65367), "
     "'w'), char(65368), 'x'), char(65369), 'y'), char(65370), 'z') AS tags, r"
     'eplace(replace(replace(replace(replace(replace(replace(replace(replace(r'
     "eplace(replace(replace(body, char(65359), 'o'), char(65360), 'p'), char("
     "65361), 'q'), char(65362), 'r'), char(65363), 's'), char(65364), 't'), c"
     "har(65365), 'u'), char(65366), 'v'), char(65367), 'w'), char(65368), 'x'"
     "), char(65369), 'y'), char(65370), 'z') AS body FROM policies_fold4"),
    ('CREATE VIEW policies_search AS SELECT id, CASE WHEN length(CAST(title AS'
     " BLOB)) = length(title) THEN title WHEN title GLOB '*[' || char(902, 45,"
     " 65370) || ']*' THEN CASE WHEN title GLOB '*[' || char(65296, 45, 65370)"
     " || ']*' THEN (SELECT title FROM policies_fold5 AS f WHERE f.id = t.id) "
     "WHEN title GLOB '*[' || char(902, 45, 1105) || ']*' THEN (SELECT title F"
     'ROM policies_fold2 AS f WHERE f.id = t.id) ELSE replace(replace(replace('
     "title, char(173), ''), char(223), 'ss'), char(7838), 'ss') END ELSE repl"
     "ace(replace(replace(title, char(173), ''), char(223), 'ss'), char(7838),"
     " 'ss') END AS title, CASE WHEN length(CAST(tags AS BLOB)) = length(tags)"
     " THEN tags WHEN tags GLOB '*[' || char(902, 45, 65370) || ']*' THEN CASE"
     " WHEN tags GLOB '*[' || char(65296, 45, 65370) || ']*' THEN (SELECT tags"
     " FROM policies_fold5 AS f WHERE f.id = t.id) WHEN tags GLOB '*[' || char"
     "(902, 45, 1105) || ']*' THEN (SELECT tags FROM policies_fold2 AS f WHERE"
     " f.id = t.id) ELSE replace(replace(replace(tags, char(173), ''), char(22"
     "3), 'ss'), char(7838), 'ss') END ELSE replace(replace(replace(tags, char"
     "(173), ''), char(223), 'ss'), char(7838), 'ss') END AS tags, CASE WHEN l"
     "ength(CAST(body AS BLOB)) = length(body) THEN body WHEN body GLOB '*[' |"
     "| char(902, 45, 65370) || ']*' THEN CASE WHEN body GLOB '*[' || char(652"
     "96, 45, 65370) || ']*' THEN (SELECT body FROM policies_fold5 AS f WHERE "
     "f.id = t.id) WHEN body GLOB '*[' || char(902, 45, 1105) || ']*' THEN (SE"
     'LECT body FROM policies_fold2 AS f WHERE f.id = t.id) ELSE replace(repla'
     "ce(replace(body, char(173), ''), char(223), 'ss'), char(7838), 'ss') END"
     " ELSE replace(replace(replace(body, char(173), ''), char(223), 'ss'), ch"
     "ar(7838), 'ss') END AS body FROM policies AS t"),
    ('CREATE VIRTUAL TABLE policies_fts USING fts5(\n            title, tags, b'
     "ody, content='policies_search', content_rowid='id',\n            tokenize"
     "='unicode61 remove_diacritics 2', prefix='1 2 3')"),
    ('CREATE TRIGGER policies_ai AFTER INSERT ON policies BEGIN INSERT INTO po'
     'licies_fts(rowid, title, tags, body) SELECT id, title, tags, body FROM p'
     'olicies_search WHERE id = new.id; END'),
    ('CREATE TRIGGER policies_bd BEFORE DELETE ON policies BEGIN INSERT INTO p'
     "olicies_fts(policies_fts, rowid, title, tags, body) SELECT 'delete', id,"
     ' title, tags, body FROM policies_search WHERE id = old.id; END'),
    ('CREATE TRIGGER policies_bu BEFORE UPDATE OF title, tags, body ON policie'
     's BEGIN INSERT INTO policies_fts(policies_fts, rowid, title, tags, body)'
     " SELECT 'delete', id, title, tags, body FROM policies_search WHERE id = "
     'old.id; END'),
    ('CREATE TRIGGER policies_au AFTER UPDATE OF title, tags, body ON policies'
     ' BEGIN INSERT INTO policies_fts(rowid, title, tags, body) SELECT id, tit'
     'le, tags, body FROM policies_search WHERE id = new.id; END'),
    ('CREATE VIEW snippets_fold1 AS SELECT id, replace(replace(replace(title, '
     "char(173), ''), char(223), 'ss'), char(7838), 'ss') AS title, replace(re"
     "place(replace(tags, char(173), ''), char(223), 'ss'), char(7838), 'ss') "
     "AS tags, replace(replace(replace(abbreviation, char(173), ''), char(223)"
     ", 'ss'), char(7838), 'ss') AS abbreviation, replace(replace(replace(text"
     ", char(173), ''), char(223), 'ss'), char(7838), 'ss') AS text FROM snipp"
     'ets'),
    ('CREATE VIEW snippets_fold2 AS SELECT id, replace(replace(replace(replace'
     '(replace(replace(replace(replace(replace(replace(replace(replace(replace'
     '(replace(replace(replace(replace(replace(replace(replace(replace(replace'
     '(title, char(1105), char(1077)), char(1025), char(1045)), char(902), cha'
     'r(913)), char(904), char(917)), char(905), char(919)), char(906), char(9'
     '21)), char(908), char(927)), char(910), char(933)), char(911), char(937)'
     '), char(912), char(953)), char(938), char(921)), char(939), char(933)), '
     'char(940), char(945)), char(941), char(949)), char(942), char(951)), cha'
     'r(943), char(953)), char(944), char(965)), char(970), char(953)), char(9'
     '71), char(965)), char(972), char(959)), char(973), char(965)), char(974)'
     ', char(969)) AS title, replace(replace(replace(replace(replace(replace(r'
     'eplace(replace(replace(replace(replace(replace(replace(replace(replace(r'
     'eplace(replace(replace(replace(replace(replace(replace(tags, char(1105),'
     ' char(1077)), char(1025), char(1045)), char(902), char(913)), char(904),'
     ' char(917)), char(905), char(919)), char(906), char(921)), char(908), ch'
     'ar(927)), char(910), char(933)), char(911), char(937)), char(912), char('
     '953)), char(938), char(921)), char(939), char(933)), char(940), char(945'
     ')), char(941), char(949)), char(942), char(951)), char(943), char(953)),'
     ' char(944), char(965)), char(970), char(953)), char(971), char(965)), ch'
     'ar(972), char(959)), char(973), char(965)), char(974), char(969)) AS tag'
     's, replace(replace(replace(replace(replace(replace(replace(replace(repla'
     'ce(replace(replace(replace(replace(replace(replace(replace(replace(repla'
     'ce(replace(replace(replace(replace(abbreviation, char(1105), char(1077))'
     ', char(1025), char(1045)), char(902), char(913)), char(904), char(917)),'
     ' char(905), char(919)), char(906), char(921)), char(908), char(927)), ch'
     'ar(910), char(933)), char(911), char(937)), char(912), char(953)), char('
     '938), char(921)), char(939), char(933)), char(940), char(945)), char(941'
     '), char(949)), char(942), char(951)), char(943), char(953)), char(944), '
     'char(965)), char(970), char(953)), char(971), char(965)), char(972), cha'
     'r(959)), char(973), char(965)), char(974), char(969)) AS abbreviation, r'
     'eplace(replace(replace(replace(replace(replace(replace(replace(replace(r'
     'eplace(replace(replace(replace(replace(replace(replace(replace(replace(r'
     'eplace(replace(replace(replace(text, char(1105), char(1077)), char(1025)'
     ', char(1045)), char(902), char(913)), char(904), char(917)), char(905), '
     'char(919)), char(906), char(921)), char(908), char(927)), char(910), cha'
     'r(933)), char(911), char(937)), char(912), char(953)), char(938), char(9'
     '21)), char(939), char(933)), char(940), char(945)), char(941), char(949)'
     '), char(942), char(951)), char(943), char(953)), char(944), char(965)), '
     'char(970), char(953)), char(971), char(965)), char(972), char(959)), cha'
     'r(973), char(965)), char(974), char(969)) AS text FROM snippets_fold1'),
    ('CREATE VIEW snippets_fold3 AS SELECT id, replace(replace(replace(replace'
     '(replace(replace(replace(replace(replace(replace(replace(replace(replace'
     '(replace(replace(replace(replace(replace(replace(replace(replace(replace'
     "(replace(replace(replace(title, char(65296), '0'), char(65297), '1'), ch"
     "ar(65298), '2'), char(65299), '3'), char(65300), '4'), char(65301), '5')"
     ", char(65302), '6'), char(65303), '7'), char(65304), '8'), char(65305), "
     "'9'), char(65313), 'A'), char(65314), 'B'), char(65315), 'C'), char(6531"
     "6), 'D'), char(65317), 'E'), char(65318), 'F'), char(65319), 'G'), char("
     "65320), 'H'), char(65321), 'I'), char(65322), 'J'), char(65323), 'K'), c"
     "har(65324), 'L'), char(65325), 'M'), char(65326), 'N'), char(65327), 'O'"
     ') AS title, replace(replace(replace(replace(replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(tags'
     ", char(65296), '0'), char(65297), '1'), char(65298), '2'), char(65299), "
     "'3'), char(65300), '4'), char(65301), '5'), char(65302), '6'), char(6530"
     "3), '7'), char(65304), '8'), char(65305), '9'), char(65313), 'A'), char("
     "65314), 'B'), char(65315), 'C'), char(65316), 'D'), char(65317), 'E'), c"
     "har(65318), 'F'), char(65319), 'G'), char(65320), 'H'), char(65321), 'I'"
     "), char(65322), 'J'), char(65323), 'K'), char(65324), 'L'), char(65325),"
     " 'M'), char(65326), 'N'), char(65327), 'O') AS tags, replace(replace(rep"
     'lace(replace(replace(replace(replace(replace(replace(replace(replace(rep'
     'lace(replace(replace(replace(replace(replace(replace(replace(replace(rep'
     "lace(replace(replace(replace(replace(abbreviation, char(65296), '0'), ch"
     "ar(65297), '1'), char(65298), '2'), char(65299), '3'), char(65300), '4')"
     ", char(65301), '5'), char(65302), '6'), char(65303), '7'), char(65304), "
     "'8'), char(65305), '9'), char(65313), 'A'), char(65314), 'B'), char(6531"
     "5), 'C'), char(65316), 'D'), char(65317), 'E'), char(65318), 'F'), char("
     "65319), 'G'), char(65320), 'H'), char(65321), 'I'), char(65322), 'J'), c"
     "har(65323), 'K'), char(65324), 'L'), char(65325), 'M'), char(65326), 'N'"
     "), char(65327), 'O') AS abbreviation, replace(replace(replace(replace(re"
     'place(replace(replace(replace(replace(replace(replace(replace(replace(re'
     'place(replace(replace(replace(replace(replace(replace(replace(replace(re'
     "place(replace(replace(text, char(65296), '0'), char(65297), '1'), char(6"
     "5298), '2'), char(65299), '3'), char(65300), '4'), char(65301), '5'), ch"
     "ar(65302), '6'), char(65303), '7'), char(65304), '8'), char(65305), '9')"
     ", char(65313), 'A'), char(65314), 'B'), char(65315), 'C'), char(65316), "
     "'D'), char(65317), 'E'), char(65318), 'F'), char(65319), 'G'), char(6532"
     "0), 'H'), char(65321), 'I'), char(65322), 'J'), char(65323), 'K'), char("
     "65324), 'L'), char(65325), 'M'), char(65326), 'N'), char(65327), 'O') AS"
     ' text FROM snippets_fold2'),
    ('CREATE VIEW snippets_fold4 AS SELECT id, replace(replace(replace(replace'
     '(replace(replace(replace(replace(replace(replace(replace(replace(replace'
     '(replace(replace(replace(replace(replace(replace(replace(replace(replace'
     "(replace(replace(replace(title, char(65328), 'P'), char(65329), 'Q'), ch"
     "ar(65330), 'R'), char(65331), 'S'), char(65332), 'T'), char(65333), 'U')"
     ", char(65334), 'V'), char(65335), 'W'), char(65336), 'X'), char(65337), "
     "'Y'), char(65338), 'Z'), char(65345), 'a'), char(65346), 'b'), char(6534"
     "7), 'c'), char(65348), 'd'), char(65349), 'e'), char(65350), 'f'), char("
     "65351), 'g'), char(65352), 'h'), char(65353), 'i'), char(65354), 'j'), c"
     "har(65355), 'k'), char(65356), 'l'), char(65357), 'm'), char(65358), 'n'"
     ') AS title, replace(replace(replace(replace(replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(tags'
     ", char(65328), 'P'), char(65329), 'Q'), char(65330), 'R'), char(65331), "
     "'S'), char(65332), 'T'), char(65333), 'U'), char(65334), 'V'), char(6533"
     "5), 'W'), char(65336), 'X'), char(65337), 'Y'), char(65338), 'Z'), char("
     "65345), 'a'), char(65346), 'b'), char(65347), 'c'), char(65348), 'd'), c"
     "har(65349), 'e'), char(65350), 'f'), char(65351), 'g'), char(65352), 'h'"
     "), char(65353), 'i'), char(65354), 'j'), char(65355), 'k'), char(65356),"
     " 'l'), char(65357), 'm'), char(65358), 'n') AS tags, replace(replace(rep"
     'lace(replace(replace(replace(replace(replace(replace(replace(replace(rep'
     'lace(replace(replace(replace(replace(replace(replace(replace(replace(rep'
     "lace(replace(replace(replace(replace(abbreviation, char(65328), 'P'), ch"
     "ar(65329), 'Q'), char(65330), 'R'), char(65331), 'S'), char(65332), 'T')"
     ", char(65333), 'U'), char(65334), 'V'), char(65335), 'W'), char(65336), "
     "'X'), char(65337), 'Y'), char(65338), 'Z'), char(65345), 'a'), char(6534"
     "6), 'b'), char(65347), 'c'), char(65348), 'd'), char(65349), 'e'), char("
     "65350), 'f'), char(65351), 'g'), char(65352), 'h'), char(65353), 'i'), c"
     "har(65354), 'j'), char(65355), 'k'), char(65356), 'l'), char(65357), 'm'"
     "), char(65358), 'n') AS abbreviation, replace(replace(replace(replace(re"
     'place(replace(replace(replace(replace(replace(replace(replace(replace(re'
     'place(replace(replace(replace(replace(replace(replace(replace(replace(re'
     "place(replace(replace(text, char(65328), 'P'), char(65329), 'Q'), char(6"
     "5330), 'R'), char(65331), 'S'), char(65332), 'T'), char(65333), 'U'), ch"
     "ar(65334), 'V'), char(65335), 'W'), char(65336), 'X'), char(65337), 'Y')"
     ", char(65338), 'Z'), char(65345), 'a'), char(65346), 'b'), char(65347), "
     "'c'), char(65348), 'd'), char(65349), 'e'), char(65350), 'f'), char(6535"
     "1), 'g'), char(65352), 'h'), char(65353), 'i'), char(65354), 'j'), char("
     "65355), 'k'), char(65356), 'l'), char(65357), 'm'), char(65358), 'n') AS"
     ' text FROM snippets_fold3'),
    ('CREATE VIEW snippets_fold5 AS SELECT id, replace(replace(replace(replace'
     '(replace(replace(replace(replace(replace(replace(replace(replace(title, '
     "char(65359), 'o'), char(65360), 'p'), char(65361), 'q'), char(65362), 'r"
     "'), char(65363), 's'), char(65364), 't'), char(65365), 'u'), char(65366)"
     ", 'v'), char(65367), 'w'), char(65368), 'x'), char(65369), 'y'), char(65"
     "370), 'z') AS title, replace(replace(replace(replace(replace(replace(rep"
     "lace(replace(replace(replace(replace(replace(tags, char(65359), 'o'), ch"
     "ar(65360), 'p'), char(65361), 'q'), char(65362), 'r'), char(65363), 's')"
     ", char(65364), 't'), char(65365), 'u'), char(65366), 'v'), char(65367), "
     "'w'), char(65368), 'x'), char(65369), 'y'), char(65370), 'z') AS tags, r"
     'eplace(replace(replace(replace(replace(replace(replace(replace(replace(r'
     "eplace(replace(replace(abbreviation, char(65359), 'o'), char(65360), 'p'"
     "), char(65361), 'q'), char(65362), 'r'), char(65363), 's'), char(65364),"
     " 't'), char(65365), 'u'), char(65366), 'v'), char(65367), 'w'), char(653"
     "68), 'x'), char(65369), 'y'), char(65370), 'z') AS abbreviation, replace"
     '(replace(replace(replace(replace(replace(replace(replace(replace(replace'
     "(replace(replace(text, char(65359), 'o'), char(65360), 'p'), char(65361)"
     ", 'q'), char(65362), 'r'), char(65363), 's'), char(65364), 't'), char(65"
     "365), 'u'), char(65366), 'v'), char(65367), 'w'), char(65368), 'x'), cha"
     "r(65369), 'y'), char(65370), 'z') AS text FROM snippets_fold4"),
    ('CREATE VIEW snippets_search AS SELECT id, CASE WHEN length(CAST(title AS'
     " BLOB)) = length(title) THEN title WHEN title GLOB '*[' || char(902, 45,"
     " 65370) || ']*' THEN CASE WHEN title GLOB '*[' || char(65296, 45, 65370)"
     " || ']*' THEN (SELECT title FROM snippets_fold5 AS f WHERE f.id = t.id) "
     "WHEN title GLOB '*[' || char(902, 45, 1105) || ']*' THEN (SELECT title F"
     'ROM snippets_fold2 AS f WHERE f.id = t.id) ELSE replace(replace(replace('
     "title, char(173), ''), char(223), 'ss'), char(7838), 'ss') END ELSE repl"
     "ace(replace(replace(title, char(173), ''), char(223), 'ss'), char(7838),"
     " 'ss') END AS title, CASE WHEN length(CAST(tags AS BLOB)) = length(tags)"
     " THEN tags WHEN tags GLOB '*[' || char(902, 45, 65370) || ']*' THEN CASE"
     " WHEN tags GLOB '*[' || char(65296, 45, 65370) || ']*' THEN (SELECT tags"
     " FROM snippets_fold5 AS f WHERE f.id = t.id) WHEN tags GLOB '*[' || char"
     "(902, 45, 1105) || ']*' THEN (SELECT tags FROM snippets_fold2 AS f WHERE"
     " f.id = t.id) ELSE replace(replace(replace(tags, char(173), ''), char(22"
     "3), 'ss'), char(7838), 'ss') END ELSE replace(replace(replace(tags, char"
     "(173), ''), char(223), 'ss'), char(7838), 'ss') END AS tags, CASE WHEN l"
     'ength(CAST(abbreviation AS BLOB)) = length(abbreviation) THEN abbreviati'
     "on WHEN abbreviation GLOB '*[' || char(902, 45, 65370) || ']*' THEN CASE"
     " WHEN abbreviation GLOB '*[' || char(65296, 45, 65370) || ']*' THEN (SEL"
     'ECT abbreviation FROM snippets_fold5 AS f WHERE f.id = t.id) WHEN abbrev'
     "iation GLOB '*[' || char(902, 45, 1105) || ']*' THEN (SELECT abbreviatio"
     'n FROM snippets_fold2 AS f WHERE f.id = t.id) ELSE replace(replace(repla'
     "ce(abbreviation, char(173), ''), char(223), 'ss'), char(7838), 'ss') END"
     " ELSE replace(replace(replace(abbreviation, char(173), ''), char(223), '"
     "ss'), char(7838), 'ss') END AS abbreviation, CASE WHEN length(CAST(text "
     "AS BLOB)) = length(text) THEN text WHEN text GLOB '*[' || char(902, 45, "
     "65370) || ']*' THEN CASE WHEN text GLOB '*[' || char(65296, 45, 65370) |"
     "| ']*' THEN (SELECT text FROM snippets_fold5 AS f WHERE f.id = t.id) WHE"
     "N text GLOB '*[' || char(902, 45, 1105) || ']*' THEN (SELECT text FROM s"
     'nippets_fold2 AS f WHERE f.id = t.id) ELSE replace(replace(replace(text,'
     " char(173), ''), char(223), 'ss'), char(7838), 'ss') END ELSE replace(re"
     "place(replace(text, char(173), ''), char(223), 'ss'), char(7838), 'ss') "
     'END AS text FROM snippets AS t'),
    ('CREATE VIRTUAL TABLE snippets_fts USING fts5(\n            title, tags, a'
     "bbreviation, text, content='snippets_search', content_rowid='id',\n      "
     "      tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"),
    ('CREATE TRIGGER snippets_ai AFTER INSERT ON snippets BEGIN INSERT INTO sn'
     'ippets_fts(rowid, title, tags, abbreviation, text) SELECT id, title, tag'
     's, abbreviation, text FROM snippets_search WHERE id = new.id; END'),
    ('CREATE TRIGGER snippets_bd BEFORE DELETE ON snippets BEGIN INSERT INTO s'
     'nippets_fts(snippets_fts, rowid, title, tags, abbreviation, text) SELECT'
     " 'delete', id, title, tags, abbreviation, text FROM snippets_search WHER"
     'E id = old.id; END'),
    ('CREATE TRIGGER snippets_bu BEFORE UPDATE OF title, tags, abbreviation, t'
     'ext ON snippets BEGIN INSERT INTO snippets_fts(snippets_fts, rowid, titl'
     "e, tags, abbreviation, text) SELECT 'delete', id, title, tags, abbreviat"
     'ion, text FROM snippets_search WHERE id = old.id; END'),
    ('CREATE TRIGGER snippets_au AFTER UPDATE OF title, tags, abbreviation, te'
     'xt ON snippets BEGIN INSERT INTO snippets_fts(rowid, title, tags, abbrev'
     'iation, text) SELECT id, title, tags, abbreviation, text FROM snippets_s'
     'earch WHERE id = new.id; END'),
    ('CREATE VIEW resolutions_fold1 AS SELECT id, replace(replace(replace(cust'
     "omer_name, char(173), ''), char(223), 'ss'), char(7838), 'ss') AS custom"
     "er_name, replace(replace(replace(contact, char(173), ''), char(223), 'ss"
     "'), char(7838), 'ss') AS contact, replace(replace(replace(ticket, char(1"
     "73), ''), char(223), 'ss'), char(7838), 'ss') AS ticket, replace(replace"
     "(replace(problem, char(173), ''), char(223), 'ss'), char(7838), 'ss') AS"
     " problem, replace(replace(replace(resolution, char(173), ''), char(223),"
     " 'ss'), char(7838), 'ss') AS resolution, replace(replace(replace(notes, "
     "char(173), ''), char(223), 'ss'), char(7838), 'ss') AS notes FROM resolu"
     'tions'),
    ('CREATE VIEW resolutions_fold2 AS SELECT id, replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(repl'
     'ace(customer_name, char(1105), char(1077)), char(1025), char(1045)), cha'
     'r(902), char(913)), char(904), char(917)), char(905), char(919)), char(9'
     '06), char(921)), char(908), char(927)), char(910), char(933)), char(911)'
     ', char(937)), char(912), char(953)), char(938), char(921)), char(939), c'
     'har(933)), char(940), char(945)), char(941), char(949)), char(942), char'
     '(951)), char(943), char(953)), char(944), char(965)), char(970), char(95'
     '3)), char(971), char(965)), char(972), char(959)), char(973), char(965))'
     ', char(974), char(969)) AS customer_name, replace(replace(replace(replac'
     'e(replace(replace(replace(replace(replace(replace(replace(replace(replac'
     'e(replace(replace(replace(replace(replace(replace(replace(replace(replac'
     'e(contact, char(1105), char(1077)), char(1025), char(1045)), char(902), '
     'char(913)), char(904), char(917)), char(905), char(919)), char(906), cha'
     'r(921)), char(908), char(927)), char(910), char(933)), char(911), char(9'
     '37)), char(912), char(953)), char(938), char(921)), char(939), char(933)'
     '), char(940), char(945)), char(941), char(949)), char(942), char(951)), '
     'char(943), char(953)), char(944), char(965)), char(970), char(953)), cha'
     'r(971), char(965)), char(972), char(959)), char(973), char(965)), char(9'
     '74), char(969)) AS contact, replace(replace(replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(ticket, char'
     '(1105), char(1077)), char(1025), char(1045)), char(902), char(913)), cha'
     'r(904), char(917)), char(905), char(919)), char(906), char(921)), char(9'
     '08), char(927)), char(910), char(933)), char(911), char(937)), char(912)'
     ', char(953)), char(938), char(921)), char(939), char(933)), char(940), c'
     'har(945)), char(941), char(949)), char(942), char(951)), char(943), char'
     '(953)), char(944), char(965)), char(970), char(953)), char(971), char(96'
     '5)), char(972), char(959)), char(973), char(965)), char(974), char(969))'
     ' AS ticket, replace(replace(replace(replace(replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(problem, char(1105), char(10'
     '77)), char(1025), char(1045)), char(902), char(913)), char(904), char(91'
     '7)), char(905), char(919)), char(906), char(921)), char(908), char(927))'
     ', char(910), char(933)), char(911), char(937)), char(912), char(953)), c'
     'har(938), char(921)), char(939), char(933)), char(940), char(945)), char'
     '(941), char(949)), char(942), char(951)), char(943), char(953)), char(94'
     '4), char(965)), char(970), char(953)), char(971), char(965)), char(972),'
     ' char(959)), char(973), char(965)), char(974), char(969)) AS problem, re'
     'place(replace(replace(replace(replace(replace(replace(replace(replace(re'
     'place(replace(replace(replace(replace(replace(replace(replace(replace(re'
     'place(replace(replace(replace(resolution, char(1105), char(1077)), char('
     '1025), char(1045)), char(902), char(913)), char(904), char(917)), char(9'
     '05), char(919)), char(906), char(921)), char(908), char(927)), char(910)'
     ', char(933)), char(911), char(937)), char(912), char(953)), char(938), c'
     'har(921)), char(939), char(933)), char(940), char(945)), char(941), char'
     '(949)), char(942), char(951)), char(943), char(953)), char(944), char(96'
     '5)), char(970), char(953)), char(971), char(965)), char(972), char(959))'
     ', char(973), char(965)), char(974), char(969)) AS resolution, replace(re'
     'place(replace(replace(replace(replace(replace(replace(replace(replace(re'
     'place(replace(replace(replace(replace(replace(replace(replace(replace(re'
     'place(replace(replace(notes, char(1105), char(1077)), char(1025), char(1'
     '045)), char(902), char(913)), char(904), char(917)), char(905), char(919'
     ')), char(906), char(921)), char(908), char(927)), char(910), char(933)),'
     ' char(911), char(937)), char(912), char(953)), char(938), char(921)), ch'
     'ar(939), char(933)), char(940), char(945)), char(941), char(949)), char('
     '942), char(951)), char(943), char(953)), char(944), char(965)), char(970'
     '), char(953)), char(971), char(965)), char(972), char(959)), char(973), '
     'char(965)), char(974), char(969)) AS notes FROM resolutions_fold1'),
    ('CREATE VIEW resolutions_fold3 AS SELECT id, replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(repl'
     "ace(replace(replace(replace(customer_name, char(65296), '0'), char(65297"
     "), '1'), char(65298), '2'), char(65299), '3'), char(65300), '4'), char(6"
     "5301), '5'), char(65302), '6'), char(65303), '7'), char(65304), '8'), ch"
     "ar(65305), '9'), char(65313), 'A'), char(65314), 'B'), char(65315), 'C')"
     ", char(65316), 'D'), char(65317), 'E'), char(65318), 'F'), char(65319), "
     "'G'), char(65320), 'H'), char(65321), 'I'), char(65322), 'J'), char(6532"
     "3), 'K'), char(65324), 'L'), char(65325), 'M'), char(65326), 'N'), char("
     "65327), 'O') AS customer_name, replace(replace(replace(replace(replace(r"
     'eplace(replace(replace(replace(replace(replace(replace(replace(replace(r'
     'eplace(replace(replace(replace(replace(replace(replace(replace(replace(r'
     "eplace(replace(contact, char(65296), '0'), char(65297), '1'), char(65298"
     "), '2'), char(65299), '3'), char(65300), '4'), char(65301), '5'), char(6"
     "5302), '6'), char(65303), '7'), char(65304), '8'), char(65305), '9'), ch"
     "ar(65313), 'A'), char(65314), 'B'), char(65315), 'C'), char(65316), 'D')"
     ", char(65317), 'E'), char(65318), 'F'), char(65319), 'G'), char(65320), "
     "'H'), char(65321), 'I'), char(65322), 'J'), char(65323), 'K'), char(6532"
     "4), 'L'), char(65325), 'M'), char(65326), 'N'), char(65327), 'O') AS con"
     'tact, replace(replace(replace(replace(replace(replace(replace(replace(re'
     'place(replace(replace(replace(replace(replace(replace(replace(replace(re'
     'place(replace(replace(replace(replace(replace(replace(replace(ticket, ch'
     "ar(65296), '0'), char(65297), '1'), char(65298), '2'), char(65299), '3')"
     ", char(65300), '4'), char(65301), '5'), char(65302), '6'), char(65303), "
     "'7'), char(65304), '8'), char(65305), '9'), char(65313), 'A'), char(6531"
     "4), 'B'), char(65315), 'C'), char(65316), 'D'), char(65317), 'E'), char("
     "65318), 'F'), char(65319), 'G'), char(65320), 'H'), char(65321), 'I'), c"
     "har(65322), 'J'), char(65323), 'K'), char(65324), 'L'), char(65325), 'M'"
     "), char(65326), 'N'), char(65327), 'O') AS ticket, replace(replace(repla"
     'ce(replace(replace(replace(replace(replace(replace(replace(replace(repla'
     'ce(replace(replace(replace(replace(replace(replace(replace(replace(repla'
     "ce(replace(replace(replace(replace(problem, char(65296), '0'), char(6529"
     "7), '1'), char(65298), '2'), char(65299), '3'), char(65300), '4'), char("
     "65301), '5'), char(65302), '6'), char(65303), '7'), char(65304), '8'), c"
     "har(65305), '9'), char(65313), 'A'), char(65314), 'B'), char(65315), 'C'"
     "), char(65316), 'D'), char(65317), 'E'), char(65318), 'F'), char(65319),"
     " 'G'), char(65320), 'H'), char(65321), 'I'), char(65322), 'J'), char(653"
     "23), 'K'), char(65324), 'L'), char(65325), 'M'), char(65326), 'N'), char"
     "(65327), 'O') AS problem, replace(replace(replace(replace(replace(replac"
     'e(replace(replace(replace(replace(replace(replace(replace(replace(replac'
     'e(replace(replace(replace(replace(replace(replace(replace(replace(replac'
     "e(replace(resolution, char(65296), '0'), char(65297), '1'), char(65298),"
     " '2'), char(65299), '3'), char(65300), '4'), char(65301), '5'), char(653"
     "02), '6'), char(65303), '7'), char(65304), '8'), char(65305), '9'), char"
     "(65313), 'A'), char(65314), 'B'), char(65315), 'C'), char(65316), 'D'), "
     "char(65317), 'E'), char(65318), 'F'), char(65319), 'G'), char(65320), 'H"
     "'), char(65321), 'I'), char(65322), 'J'), char(65323), 'K'), char(65324)"
     ", 'L'), char(65325), 'M'), char(65326), 'N'), char(65327), 'O') AS resol"
     'ution, replace(replace(replace(replace(replace(replace(replace(replace(r'
     'eplace(replace(replace(replace(replace(replace(replace(replace(replace(r'
     'eplace(replace(replace(replace(replace(replace(replace(replace(notes, ch'
     "ar(65296), '0'), char(65297), '1'), char(65298), '2'), char(65299), '3')"
     ", char(65300), '4'), char(65301), '5'), char(65302), '6'), char(65303), "
     "'7'), char(65304), '8'), char(65305), '9'), char(65313), 'A'), char(6531"
     "4), 'B'), char(65315), 'C'), char(65316), 'D'), char(65317), 'E'), char("
     "65318), 'F'), char(65319), 'G'), char(65320), 'H'), char(65321), 'I'), c"
     "har(65322), 'J'), char(65323), 'K'), char(65324), 'L'), char(65325), 'M'"
     "), char(65326), 'N'), char(65327), 'O') AS notes FROM resolutions_fold2"),
    ('CREATE VIEW resolutions_fold4 AS SELECT id, replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(repl'
     "ace(replace(replace(replace(customer_name, char(65328), 'P'), char(65329"
     "), 'Q'), char(65330), 'R'), char(65331), 'S'), char(65332), 'T'), char(6"
     "5333), 'U'), char(65334), 'V'), char(65335), 'W'), char(65336), 'X'), ch"
     "ar(65337), 'Y'), char(65338), 'Z'), char(65345), 'a'), char(65346), 'b')"
     ", char(65347), 'c'), char(65348), 'd'), char(65349), 'e'), char(65350), "
     "'f'), char(65351), 'g'), char(65352), 'h'), char(65353), 'i'), char(6535"
     "4), 'j'), char(65355), 'k'), char(65356), 'l'), char(65357), 'm'), char("
     "65358), 'n') AS customer_name, replace(replace(replace(replace(replace(r"
     'eplace(replace(replace(replace(replace(replace(replace(replace(replace(r'
     'eplace(replace(replace(replace(replace(replace(replace(replace(replace(r'
     "eplace(replace(contact, char(65328), 'P'), char(65329), 'Q'), char(65330"
     "), 'R'), char(65331), 'S'), char(65332), 'T'), char(65333), 'U'), char(6"
     "5334), 'V'), char(65335), 'W'), char(65336), 'X'), char(65337), 'Y'), ch"
     "ar(65338), 'Z'), char(65345), 'a'), char(65346), 'b'), char(65347), 'c')"
     ", char(65348), 'd'), char(65349), 'e'), char(65350), 'f'), char(65351), "
     "'g'), char(65352), 'h'), char(65353), 'i'), char(65354), 'j'), char(6535"
     "5), 'k'), char(65356), 'l'), char(65357), 'm'), char(65358), 'n') AS con"
     'tact, replace(replace(replace(replace(replace(replace(replace(replace(re'
     'place(replace(replace(replace(replace(replace(replace(replace(replace(re'
     'place(replace(replace(replace(replace(replace(replace(replace(ticket, ch'
     "ar(65328), 'P'), char(65329), 'Q'), char(65330), 'R'), char(65331), 'S')"
     ", char(65332), 'T'), char(65333), 'U'), char(65334), 'V'), char(65335), "
     "'W'), char(65336), 'X'), char(65337), 'Y'), char(65338), 'Z'), char(6534"
     "5), 'a'), char(65346), 'b'), char(65347), 'c'), char(65348), 'd'), char("
     "65349), 'e'), char(65350), 'f'), char(65351), 'g'), char(65352), 'h'), c"
     "har(65353), 'i'), char(65354), 'j'), char(65355), 'k'), char(65356), 'l'"
     "), char(65357), 'm'), char(65358), 'n') AS ticket, replace(replace(repla"
     'ce(replace(replace(replace(replace(replace(replace(replace(replace(repla'
     'ce(replace(replace(replace(replace(replace(replace(replace(replace(repla'
     "ce(replace(replace(replace(replace(problem, char(65328), 'P'), char(6532"
     "9), 'Q'), char(65330), 'R'), char(65331), 'S'), char(65332), 'T'), char("
     "65333), 'U'), char(65334), 'V'), char(65335), 'W'), char(65336), 'X'), c"
     "har(65337), 'Y'), char(65338), 'Z'), char(65345), 'a'), char(65346), 'b'"
     "), char(65347), 'c'), char(65348), 'd'), char(65349), 'e'), char(65350),"
     " 'f'), char(65351), 'g'), char(65352), 'h'), char(65353), 'i'), char(653"
     "54), 'j'), char(65355), 'k'), char(65356), 'l'), char(65357), 'm'), char"
     "(65358), 'n') AS problem, replace(replace(replace(replace(replace(replac"
     'e(replace(replace(replace(replace(replace(replace(replace(replace(replac'
     'e(replace(replace(replace(replace(replace(replace(replace(replace(replac'
     "e(replace(resolution, char(65328), 'P'), char(65329), 'Q'), char(65330),"
     " 'R'), char(65331), 'S'), char(65332), 'T'), char(65333), 'U'), char(653"
     "34), 'V'), char(65335), 'W'), char(65336), 'X'), char(65337), 'Y'), char"
     "(65338), 'Z'), char(65345), 'a'), char(65346), 'b'), char(65347), 'c'), "
     "char(65348), 'd'), char(65349), 'e'), char(65350), 'f'), char(65351), 'g"
     "'), char(65352), 'h'), char(65353), 'i'), char(65354), 'j'), char(65355)"
     ", 'k'), char(65356), 'l'), char(65357), 'm'), char(65358), 'n') AS resol"
     'ution, replace(replace(replace(replace(replace(replace(replace(replace(r'
     'eplace(replace(replace(replace(replace(replace(replace(replace(replace(r'
     'eplace(replace(replace(replace(replace(replace(replace(replace(notes, ch'
     "ar(65328), 'P'), char(65329), 'Q'), char(65330), 'R'), char(65331), 'S')"
     ", char(65332), 'T'), char(65333), 'U'), char(65334), 'V'), char(65335), "
     "'W'), char(65336), 'X'), char(65337), 'Y'), char(65338), 'Z'), char(6534"
     "5), 'a'), char(65346), 'b'), char(65347), 'c'), char(65348), 'd'), char("
     "65349), 'e'), char(65350), 'f'), char(65351), 'g'), char(65352), 'h'), c"
     "har(65353), 'i'), char(65354), 'j'), char(65355), 'k'), char(65356), 'l'"
     "), char(65357), 'm'), char(65358), 'n') AS notes FROM resolutions_fold3"),
    ('CREATE VIEW resolutions_fold5 AS SELECT id, replace(replace(replace(repl'
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(cust'
     "omer_name, char(65359), 'o'), char(65360), 'p'), char(65361), 'q'), char"
     "(65362), 'r'), char(65363), 's'), char(65364), 't'), char(65365), 'u'), "
     "char(65366), 'v'), char(65367), 'w'), char(65368), 'x'), char(65369), 'y"
     "'), char(65370), 'z') AS customer_name, replace(replace(replace(replace("
     'replace(replace(replace(replace(replace(replace(replace(replace(contact,'
     " char(65359), 'o'), char(65360), 'p'), char(65361), 'q'), char(65362), '"
     "r'), char(65363), 's'), char(65364), 't'), char(65365), 'u'), char(65366"
     "), 'v'), char(65367), 'w'), char(65368), 'x'), char(65369), 'y'), char(6"
     "5370), 'z') AS contact, replace(replace(replace(replace(replace(replace("
     "replace(replace(replace(replace(replace(replace(ticket, char(65359), 'o'"
     "), char(65360), 'p'), char(65361), 'q'), char(65362), 'r'), char(65363),"
     " 's'), char(65364), 't'), char(65365), 'u'), char(65366), 'v'), char(653"
     "67), 'w'), char(65368), 'x'), char(65369), 'y'), char(65370), 'z') AS ti"
     'cket, replace(replace(replace(replace(replace(replace(replace(replace(re'
     "place(replace(replace(replace(problem, char(65359), 'o'), char(65360), '"
     "p'), char(65361), 'q'), char(65362), 'r'), char(65363), 's'), char(65364"
     "), 't'), char(65365), 'u'), char(65366), 'v'), char(65367), 'w'), char(6"
     "5368), 'x'), char(65369), 'y'), char(65370), 'z') AS problem, replace(re"
     'place(replace(replace(replace(replace(replace(replace(replace(replace(re'
     "place(replace(resolution, char(65359), 'o'), char(65360), 'p'), char(653"
     "61), 'q'), char(65362), 'r'), char(65363), 's'), char(65364), 't'), char"
     "(65365), 'u'), char(65366), 'v'), char(65367), 'w'), char(65368), 'x'), "
     "char(65369), 'y'), char(65370), 'z') AS resolution, replace(replace(repl"
     'ace(replace(replace(replace(replace(replace(replace(replace(replace(repl'
     "ace(notes, char(65359), 'o'), char(65360), 'p'), char(65361), 'q'), char"
     "(65362), 'r'), char(65363), 's'), char(65364), 't'), char(65365), 'u'), "
     "char(65366), 'v'), char(65367), 'w'), char(65368), 'x'), char(65369), 'y"
     "'), char(65370), 'z') AS notes FROM resolutions_fold4"),
    ('CREATE VIEW resolutions_search AS SELECT id, CASE WHEN length(CAST(custo'
     'mer_name AS BLOB)) = length(customer_name) THEN customer_name WHEN custo'
     "mer_name GLOB '*[' || char(902, 45, 65370) || ']*' THEN CASE WHEN custom"
     "er_name GLOB '*[' || char(65296, 45, 65370) || ']*' THEN (SELECT custome"
     'r_name FROM resolutions_fold5 AS f WHERE f.id = t.id) WHEN customer_name'
     " GLOB '*[' || char(902, 45, 1105) || ']*' THEN (SELECT customer_name FRO"
     'M resolutions_fold2 AS f WHERE f.id = t.id) ELSE replace(replace(replace'
     "(customer_name, char(173), ''), char(223), 'ss'), char(7838), 'ss') END "
     "ELSE replace(replace(replace(customer_name, char(173), ''), char(223), '"
     "ss'), char(7838), 'ss') END AS customer_name, CASE WHEN length(CAST(cont"
     "act AS BLOB)) = length(contact) THEN contact WHEN contact GLOB '*[' || c"
     "har(902, 45, 65370) || ']*' THEN CASE WHEN contact GLOB '*[' || char(652"
     "96, 45, 65370) || ']*' THEN (SELECT contact FROM resolutions_fold5 AS f "
     "WHERE f.id = t.id) WHEN contact GLOB '*[' || char(902, 45, 1105) || ']*'"
     ' THEN (SELECT contact FROM resolutions_fold2 AS f WHERE f.id = t.id) ELS'
     "E replace(replace(replace(contact, char(173), ''), char(223), 'ss'), cha"
     "r(7838), 'ss') END ELSE replace(replace(replace(contact, char(173), ''),"
     " char(223), 'ss'), char(7838), 'ss') END AS contact, CASE WHEN length(CA"
     "ST(ticket AS BLOB)) = length(ticket) THEN ticket WHEN ticket GLOB '*[' |"
     "| char(902, 45, 65370) || ']*' THEN CASE WHEN ticket GLOB '*[' || char(6"
     "5296, 45, 65370) || ']*' THEN (SELECT ticket FROM resolutions_fold5 AS f"
     " WHERE f.id = t.id) WHEN ticket GLOB '*[' || char(902, 45, 1105) || ']*'"
     ' THEN (SELECT ticket FROM resolutions_fold2 AS f WHERE f.id = t.id) ELSE'
     " replace(replace(replace(ticket, char(173), ''), char(223), 'ss'), char("
     "7838), 'ss') END ELSE replace(replace(replace(ticket, char(173), ''), ch"
     "ar(223), 'ss'), char(7838), 'ss') END AS ticket, CASE WHEN length(CAST(p"
     "roblem AS BLOB)) = length(problem) THEN problem WHEN problem GLOB '*[' |"
     "| char(902, 45, 65370) || ']*' THEN CASE WHEN problem GLOB '*[' || char("
     "65296, 45, 65370) || ']*' THEN (SELECT problem FROM resolutions_fold5 AS"
     " f WHERE f.id = t.id) WHEN problem GLOB '*[' || char(902, 45, 1105) || '"
     "]*' THEN (SELECT problem FROM resolutions_fold2 AS f WHERE f.id = t.id) "
     "ELSE replace(replace(replace(problem, char(173), ''), char(223), 'ss'), "
     "char(7838), 'ss') END ELSE replace(replace(replace(problem, char(173), '"
     "'), char(223), 'ss'), char(7838), 'ss') END AS problem, CASE WHEN length"
     '(CAST(resolution AS BLOB)) = length(resolution) THEN resolution WHEN res'
     "olution GLOB '*[' || char(902, 45, 65370) || ']*' THEN CASE WHEN resolut"
     "ion GLOB '*[' || char(65296, 45, 65370) || ']*' THEN (SELECT resolution "
     "FROM resolutions_fold5 AS f WHERE f.id = t.id) WHEN resolution GLOB '*['"
     " || char(902, 45, 1105) || ']*' THEN (SELECT resolution FROM resolutions"
     '_fold2 AS f WHERE f.id = t.id) ELSE replace(replace(replace(resolution, '
     "char(173), ''), char(223), 'ss'), char(7838), 'ss') END ELSE replace(rep"
     "lace(replace(resolution, char(173), ''), char(223), 'ss'), char(7838), '"
     "ss') END AS resolution, CASE WHEN length(CAST(notes AS BLOB)) = length(n"
     "otes) THEN notes WHEN notes GLOB '*[' || char(902, 45, 65370) || ']*' TH"
     "EN CASE WHEN notes GLOB '*[' || char(65296, 45, 65370) || ']*' THEN (SEL"
     'ECT notes FROM resolutions_fold5 AS f WHERE f.id = t.id) WHEN notes GLOB'
     " '*[' || char(902, 45, 1105) || ']*' THEN (SELECT notes FROM resolutions"
     '_fold2 AS f WHERE f.id = t.id) ELSE replace(replace(replace(notes, char('
     "173), ''), char(223), 'ss'), char(7838), 'ss') END ELSE replace(replace("
     "replace(notes, char(173), ''), char(223), 'ss'), char(7838), 'ss') END A"
     'S notes FROM resolutions AS t'),
    ('CREATE VIRTUAL TABLE resolutions_fts USING fts5(\n            customer_na'
     "me, contact, ticket, problem, resolution, notes, content='resolutions_se"
     "arch', content_rowid='id',\n            tokenize='unicode61 remove_diacri"
     "tics 2', prefix='1 2 3')"),
    ('CREATE TRIGGER resolutions_ai AFTER INSERT ON resolutions BEGIN INSERT I'
     'NTO resolutions_fts(rowid, customer_name, contact, ticket, problem, reso'
     'lution, notes) SELECT id, customer_name, contact, ticket, problem, resol'
     'ution, notes FROM resolutions_search WHERE id = new.id; END'),
    ('CREATE TRIGGER resolutions_bd BEFORE DELETE ON resolutions BEGIN INSERT '
     'INTO resolutions_fts(resolutions_fts, rowid, customer_name, contact, tic'
     "ket, problem, resolution, notes) SELECT 'delete', id, customer_name, con"
     'tact, ticket, problem, resolution, notes FROM resolutions_search WHERE i'
     'd = old.id; END'),
    ('CREATE TRIGGER resolutions_bu BEFORE UPDATE OF customer_name, contact, t'
     'icket, problem, resolution, notes ON resolutions BEGIN INSERT INTO resol'
     'utions_fts(resolutions_fts, rowid, customer_name, contact, ticket, probl'
     "em, resolution, notes) SELECT 'delete', id, customer_name, contact, tick"
     'et, problem, resolution, notes FROM resolutions_search WHERE id = old.id'
     '; END'),
    ('CREATE TRIGGER resolutions_au AFTER UPDATE OF customer_name, contact, ti'
     'cket, problem, resolution, notes ON resolutions BEGIN INSERT INTO resolu'
     'tions_fts(rowid, customer_name, contact, ticket, problem, resolution, no'
     'tes) SELECT id, customer_name, contact, ticket, problem, resolution, not'
     'es FROM resolutions_search WHERE id = new.id; END'),
    ("CREATE VIRTUAL TABLE snippets_vocab USING fts5vocab(snippets_fts, 'row')"),
)
