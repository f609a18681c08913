-- Who translates into which language, and who has claimed which story for which language.
--
-- A claim is taken with one conditional statement (insert, or take over a row whose claim has
-- expired), so two translators claiming at the same moment cannot both win.

CREATE TABLE translator_languages (
    user_id INTEGER NOT NULL
        CONSTRAINT translator_languages_user_fkey REFERENCES users (user_id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    CONSTRAINT translator_languages_pkey PRIMARY KEY (user_id, lang)
);

CREATE TABLE translation_claims (
    -- The original's slug and the language it is being translated into.
    original_slug TEXT NOT NULL,
    lang TEXT NOT NULL,
    user_id INTEGER NOT NULL
        CONSTRAINT translation_claims_user_fkey REFERENCES users (user_id) ON DELETE CASCADE,
    claimed_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    CONSTRAINT translation_claims_pkey PRIMARY KEY (original_slug, lang)
);

CREATE INDEX translation_claims_user_idx ON translation_claims (user_id);

-- A translation written in the side-by-side editor (`/translate/SLUG/LANG`), unit by unit, before
-- it becomes an article: the text of each unit, the original unit's hash and text it was made from
-- (for the word diff once the original changes), and where it stands in review.
CREATE TABLE translation_drafts (
    original_slug TEXT NOT NULL,
    lang TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    text TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    source_text TEXT NOT NULL,
    state TEXT NOT NULL
        CONSTRAINT translation_drafts_state_check
        CHECK (state IN ('draft', 'submitted', 'approved', 'returned')),
    -- A language editor's note on a returned unit.
    note TEXT NOT NULL DEFAULT '',
    -- Who last wrote the text (a language editor may not approve their own words).
    written_by INTEGER
        CONSTRAINT translation_drafts_user_fkey REFERENCES users (user_id) ON DELETE SET NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT translation_drafts_pkey PRIMARY KEY (original_slug, lang, unit_id)
);
