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
