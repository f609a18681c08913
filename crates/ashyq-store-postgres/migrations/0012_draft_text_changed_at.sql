-- SQLite's 0027: when the text of each side-by-side draft unit last changed (issue 11), so an
-- XLIFF file without `ashyq:target-hash` is judged against its `ashyq:exported-at` by the text's
-- last change, not by a review. NULL in rows written before: read as `updated_at`.
ALTER TABLE translation_drafts ADD COLUMN text_changed_at BIGINT;
