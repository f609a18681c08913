-- Readers' comments and everything moderation keeps about them. Nothing a reader submits is ever
-- deleted by the application: rejected and spam comments keep their rows; a reader who withdraws a
-- comment marks it withdrawn. Addresses are stored only as keyed hashes and dropped after a while.

CREATE TABLE comments (
    comment_id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL CONSTRAINT comments_article_fkey REFERENCES articles (article_id) ON DELETE CASCADE,
    parent_id INTEGER CONSTRAINT comments_parent_fkey REFERENCES comments (comment_id),
    author_name TEXT NOT NULL,
    -- Only for reply notifications; never shown.
    email TEXT,
    -- Keyed hash of the e-mail, to match a commenter's history without reading addresses.
    email_hash TEXT,
    -- A newsroom account, when a logged-in person commented.
    user_id INTEGER CONSTRAINT comments_user_fkey REFERENCES users (user_id),
    is_article_author INTEGER NOT NULL DEFAULT 0,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    -- pending, approved, rejected, spam, withdrawn
    status TEXT NOT NULL,
    language TEXT,
    screen_score REAL NOT NULL DEFAULT 0,
    screen_flagged INTEGER NOT NULL DEFAULT 0,
    -- The screen's findings as JSON: [{label, code, reason, spans}]
    screen_findings TEXT NOT NULL DEFAULT '[]',
    -- Primary label of the screen (obscene, hate, attack, toxic, spam, duplicate…), for filters.
    screen_label TEXT,
    fingerprint_exact INTEGER NOT NULL,
    fingerprint_simhash INTEGER NOT NULL,
    fingerprint_tokens INTEGER NOT NULL,
    address_hash TEXT,
    -- The commenter's own secret (cookie), hashed: lets them see, edit and withdraw it while pending.
    commenter_token_hash TEXT NOT NULL,
    -- Signals for moderators: honeypot, too-fast (space separated).
    flags TEXT NOT NULL DEFAULT '',
    featured INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    decided_at INTEGER,
    decided_by INTEGER CONSTRAINT comments_decided_by_fkey REFERENCES users (user_id),
    decision_reason TEXT
);

CREATE INDEX comments_article_status_idx ON comments (article_id, status, created_at);
CREATE INDEX comments_status_idx ON comments (status, created_at);
CREATE INDEX comments_commenter_idx ON comments (commenter_token_hash);
CREATE INDEX comments_address_idx ON comments (address_hash);
CREATE INDEX comments_email_hash_idx ON comments (email_hash);
CREATE INDEX comments_fingerprint_idx ON comments (fingerprint_exact);

-- Every moderator action, so it can be audited and undone.
CREATE TABLE moderation_actions (
    action_id INTEGER PRIMARY KEY,
    comment_id INTEGER NOT NULL CONSTRAINT moderation_actions_comment_fkey REFERENCES comments (comment_id) ON DELETE CASCADE,
    user_id INTEGER CONSTRAINT moderation_actions_user_fkey REFERENCES users (user_id),
    action TEXT NOT NULL,
    reason TEXT,
    previous_status TEXT NOT NULL,
    new_status TEXT NOT NULL,
    previous_featured INTEGER NOT NULL DEFAULT 0,
    at INTEGER NOT NULL,
    undone_at INTEGER
);

CREATE INDEX moderation_actions_comment_idx ON moderation_actions (comment_id);

-- Bans on an address hash or an e-mail hash, until a time.
CREATE TABLE bans (
    ban_id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    value_hash TEXT NOT NULL,
    until_at INTEGER NOT NULL,
    reason TEXT,
    created_by INTEGER CONSTRAINT bans_created_by_fkey REFERENCES users (user_id),
    created_at INTEGER NOT NULL
);

CREATE INDEX bans_value_idx ON bans (kind, value_hash);

-- The site's own word lists, per language: banned (straight to rejected) and suspect (flagged).
CREATE TABLE word_lists (
    lang TEXT NOT NULL,
    kind TEXT NOT NULL,
    words TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER CONSTRAINT word_lists_updated_by_fkey REFERENCES users (user_id),
    CONSTRAINT word_lists_pkey PRIMARY KEY (lang, kind)
);

-- The languages each moderator reads, for routing the queue.
CREATE TABLE moderator_languages (
    user_id INTEGER NOT NULL CONSTRAINT moderator_languages_user_fkey REFERENCES users (user_id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    CONSTRAINT moderator_languages_pkey PRIMARY KEY (user_id, lang)
);
