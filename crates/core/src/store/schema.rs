//! Versioned schema. Migrations are append-only: never edit one that has shipped, add a new one.

use rusqlite_migration::{M, Migrations};

/// All migrations, oldest first.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up(V4),
        M::up(V5),
        M::up(V6),
        M::up(V7),
    ])
}

/// The schema version [`migrations`] bring a library to (`PRAGMA user_version`).
pub const LATEST: usize = 7;

const V1: &str = r"
CREATE TABLE templates (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL DEFAULT '',
    category      TEXT NOT NULL DEFAULT '',
    tags          TEXT NOT NULL DEFAULT '',          -- comma-separated, as written in the pack
    shortcut      TEXT NOT NULL DEFAULT '',
    source_locale TEXT NOT NULL,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    use_count     INTEGER NOT NULL DEFAULT 0,
    last_used     TEXT
);

CREATE TABLE variants (
    template_id  INTEGER NOT NULL REFERENCES templates(id) ON DELETE CASCADE,
    locale       TEXT NOT NULL,
    body         TEXT NOT NULL,                     -- Fluent pattern source of the message value
    title        TEXT,                              -- localized .title, when the pack has one
    status       TEXT NOT NULL CHECK (status IN ('approved','needs_review','machine','stale','rejected')),
    source_hash  TEXT NOT NULL,                     -- hash of the source body it was made from
    provider     TEXT,
    reviewer     TEXT,
    reviewed_at  TEXT,
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    PRIMARY KEY (template_id, locale)
) WITHOUT ROWID;

-- Fluent terms (-shop-name = ...) shared by every template of a locale.
CREATE TABLE terms (
    locale  TEXT NOT NULL,
    name    TEXT NOT NULL,                          -- without the leading '-'
    source  TEXT NOT NULL,                          -- the whole FTL entry
    PRIMARY KEY (locale, name)
) WITHOUT ROWID;

CREATE TABLE orders (
    id               INTEGER PRIMARY KEY,
    marketplace      TEXT NOT NULL DEFAULT '',
    order_id         TEXT NOT NULL,
    buyer_name       TEXT,
    buyer_country    TEXT,
    buyer_locale     TEXT,
    items            TEXT,
    item_count       INTEGER,
    total            REAL,
    currency         TEXT,
    carrier          TEXT,
    tracking_number  TEXT,
    tracking_url     TEXT,
    ordered_at       TEXT,
    shipped_at       TEXT,
    eta              TEXT,
    status           TEXT,
    raw              TEXT NOT NULL DEFAULT '{}',    -- the source row(s) as JSON
    imported_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    -- order_id first: the same index answers lookups by order id alone (staff paste an id,
    -- not a marketplace), so bulk imports maintain one index instead of two.
    UNIQUE (order_id, marketplace)
);

CREATE TABLE shop_vars (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE usage (
    id           INTEGER PRIMARY KEY,
    template_id  INTEGER NOT NULL REFERENCES templates(id) ON DELETE CASCADE,
    locale       TEXT NOT NULL,
    order_id     TEXT,
    used_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX usage_by_template ON usage(template_id, used_at);

CREATE TABLE settings (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
";

/// Machine translation: configured providers (their keys live in the OS keyring, never
/// here), the translation cache, and why a draft needs review.
const V2: &str = r"
CREATE TABLE providers (
    name        TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('deepl','google','openai')),
    url         TEXT,
    model       TEXT,
    -- DeepL: more | less (sent as prefer_more / prefer_less), and a glossary id.
    formality   TEXT,
    glossary    TEXT,
    -- Whether a key was put in the keyring: a keyless provider (a local LLM) then never
    -- touches the keyring, so it works where there is none.
    has_key     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
) WITHOUT ROWID;

-- key = hash(provider, model, source locale, target locale, options, masked text)
CREATE TABLE mt_cache (
    key            TEXT PRIMARY KEY,
    provider       TEXT NOT NULL,
    model          TEXT,
    source_locale  TEXT NOT NULL,
    target_locale  TEXT NOT NULL,
    text           TEXT NOT NULL,
    billed_chars   INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
) WITHOUT ROWID;

-- What a reviewer must look at (a placeholder the MT lost, a missing plural form...).
ALTER TABLE variants ADD COLUMN problem TEXT;
";

/// The owners' library: example buyer questions, every saved text kept per template and
/// language, and deleted templates kept for 30 days so a deletion can be undone.
const V3: &str = r"
-- Example buyer questions, one per line; the suggestion model learns from them.
ALTER TABLE templates ADD COLUMN examples TEXT NOT NULL DEFAULT '';

-- Every text a variant ever had, newest last. Keyed by template key (not id) so the history of
-- a deleted and restored template survives. Written by the triggers below, so that every way
-- text reaches the library (editor, CLI, pack import, review, machine drafts) is recorded.
CREATE TABLE history (
    id            INTEGER PRIMARY KEY,
    template_key  TEXT NOT NULL,
    locale        TEXT NOT NULL,
    body          TEXT NOT NULL,
    status        TEXT NOT NULL,
    author        TEXT,
    saved_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX history_by_template ON history(template_key, locale, id);

CREATE TRIGGER history_on_insert AFTER INSERT ON variants BEGIN
    INSERT INTO history (template_key, locale, body, status, author)
    SELECT key, NEW.locale, NEW.body, NEW.status, NEW.provider FROM templates WHERE id = NEW.template_id;
END;

CREATE TRIGGER history_on_update AFTER UPDATE OF body ON variants
WHEN OLD.body IS NOT NEW.body BEGIN
    INSERT INTO history (template_key, locale, body, status, author)
    SELECT key, NEW.locale, NEW.body, NEW.status, NEW.provider FROM templates WHERE id = NEW.template_id;
END;

-- A deleted template as it was (metadata, texts, usage) for 30 days, so it can be restored.
CREATE TABLE deleted_templates (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL,
    title       TEXT NOT NULL,
    snapshot    TEXT NOT NULL,
    deleted_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
";

/// Orders from every marketplace export: delivery, ship-by and product fields, an index for
/// retention and the late list, and the column mappings a shop saved for its own exports.
const V4: &str = r"
ALTER TABLE orders ADD COLUMN delivered_at TEXT;
ALTER TABLE orders ADD COLUMN ship_by TEXT;
ALTER TABLE orders ADD COLUMN product_name TEXT;

-- A saved mapping of a file's columns onto order variables (`--save-preset`), with the header
-- it was made for so a file with the same header is recognised.
CREATE TABLE order_presets (
    name        TEXT PRIMARY KEY,
    format      TEXT NOT NULL,                      -- the format the mapping refines (generic…)
    mapping     TEXT NOT NULL,                      -- JSON [[variable, column], …]
    columns     TEXT NOT NULL,                      -- JSON [header cell, …]
    marketplace TEXT,                               -- stored with the orders, when given
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
) WITHOUT ROWID;
";

/// The team library: conflicts a sync found, kept until someone approves or edits the text.
/// The binding itself (remote, clone, last sync) lives in `settings` under `team.*`.
const V5: &str = r"
CREATE TABLE team_conflicts (
    template_key  TEXT NOT NULL,
    locale        TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('both_edited','deleted_edited')),
    kept          TEXT NOT NULL,                    -- the text the library keeps
    other         TEXT NOT NULL,                    -- the other side's text ('' when deleted)
    other_author  TEXT,
    found_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    PRIMARY KEY (template_key, locale)
) WITHOUT ROWID;

-- A conflict is resolved by whoever approves or edits that text afterwards, whichever way
-- (review window, editor, CLI, a later sync).
CREATE TRIGGER team_conflict_resolved AFTER UPDATE OF body, status ON variants
WHEN NEW.status = 'approved' OR OLD.body IS NOT NEW.body BEGIN
    DELETE FROM team_conflicts WHERE locale = NEW.locale
        AND template_key = (SELECT key FROM templates WHERE id = NEW.template_id);
END;
";

/// Suggestions: the vectors of embedded texts (cached by the text's hash, so a template's
/// vectors are recomputed only when its text changes) and the buyer messages staff copied,
/// with the reply they pasted for each (the shop's learned picks). Buyer messages are kept
/// `message_retention_days` and never exported or synced.
const V6: &str = r"
CREATE TABLE embeddings (
    hash    TEXT PRIMARY KEY,                       -- sha256(model, kind, text), hex
    vector  BLOB NOT NULL                           -- little-endian f32, L2-normalized
) WITHOUT ROWID;

CREATE TABLE messages (
    id            INTEGER PRIMARY KEY,
    text          TEXT NOT NULL,
    lang          TEXT,                             -- detected language, when told
    template_key  TEXT,                             -- the reply pasted for it (NULL: none yet)
    locale        TEXT,                             -- the language that reply was pasted in
    best_key      TEXT,                             -- the top suggestion when it came in
    best_score    REAL,                             -- and its score (low: nothing fitted)
    source        TEXT NOT NULL CHECK (source IN ('palette','learn')),
    seen_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    picked_at     TEXT
);
CREATE INDEX messages_by_time ON messages(seen_at);
CREATE INDEX messages_by_pick ON messages(template_key) WHERE template_key IS NOT NULL;
";

/// What the palette reads on every opening stays fast in a 100 000-template library: the
/// library's languages (a skip scan over this index: one step per language) and the count of
/// translations waiting for review (only those rows). Without them both scanned every text,
/// 75 ms of each opening at that size.
const V7: &str = r"
CREATE INDEX variants_by_locale ON variants(locale);
CREATE INDEX variants_by_status ON variants(status);
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let version: usize = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, LATEST, "LATEST names the last migration");
    }

    #[test]
    fn every_migration_applies_to_an_empty_database() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(tables >= 9, "expected the schema's tables, found {tables}");
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 7);
    }

    #[test]
    fn the_palettes_questions_use_the_indexes() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let plan = |sql: &str| -> String {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let rows = stmt
                .query_map([], |r| r.get::<_, String>(3))
                .unwrap()
                .map(Result::unwrap)
                .collect::<Vec<_>>();
            rows.join(" | ")
        };
        let waiting = plan(
            "SELECT count(*) FROM variants v WHERE v.status IN ('machine', 'needs_review', 'stale')",
        );
        assert!(waiting.contains("variants_by_status"), "{waiting}");
        let first = plan("SELECT min(locale) FROM variants WHERE locale > 'en'");
        assert!(first.contains("variants_by_locale"), "{first}");
    }
}
