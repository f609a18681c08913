-- When the text of each side-by-side draft unit last changed (issue 11): an XLIFF file whose tool
-- dropped `ashyq:target-hash` is judged by it against the file's `ashyq:exported-at`. A review or a
-- return changes `updated_at` but not the text, so it must not count. NULL in rows written before:
-- read as `updated_at`.
ALTER TABLE translation_drafts ADD COLUMN text_changed_at INTEGER;
