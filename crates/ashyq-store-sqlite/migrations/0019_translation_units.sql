-- Translation units (see `ashyq_content::units`): the stable ids of each original's units with the
-- hash of their text, and each translation's state per unit of its original.
--
-- Keyed by slug, not article id: `import md --replace` deletes and re-inserts an article, and the
-- units must outlive that (they are how the new text is aligned with the old). No foreign keys for
-- the same reason; an editor's slug change renames the rows (`rename_translation_units`).

CREATE TABLE article_units (
    slug TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    -- `title`, `summary`, `lead.alt`, `figure.ID.caption`…, `block` or `turn`.
    kind TEXT NOT NULL,
    -- The first 64 bits of the SHA-256 of the unit's text, in hex, and the text (to tell an edited
    -- block from an inserted one when the next version is lined up with this one).
    source_hash TEXT NOT NULL,
    source_text TEXT NOT NULL,
    CONSTRAINT article_units_pkey PRIMARY KEY (slug, unit_id)
);

CREATE TABLE translation_units (
    -- The translation's slug; `unit_id` is the ORIGINAL's unit it translates.
    slug TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    -- The original unit's hash and text when this unit was translated (the text, for the word diff
    -- a translator sees once the original has changed).
    source_hash TEXT NOT NULL,
    source_text TEXT NOT NULL,
    -- The hash of the translated text, so a save can tell which units the translator changed.
    target_hash TEXT NOT NULL,
    state TEXT NOT NULL
        CONSTRAINT translation_units_state_check CHECK (state IN ('translated', 'needs-update', 'approved')),
    CONSTRAINT translation_units_pkey PRIMARY KEY (slug, unit_id)
);

CREATE INDEX translation_units_state_idx ON translation_units (state, slug);

-- Who translated a translation (`translators = […]` in its file), in the file's order.
CREATE TABLE translation_credits (
    slug TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    CONSTRAINT translation_credits_pkey PRIMARY KEY (slug, position)
);
