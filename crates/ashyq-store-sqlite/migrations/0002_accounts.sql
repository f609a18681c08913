-- Newsroom accounts, their sessions and one-time links. Secrets are stored only as hashes:
-- passwords as Argon2id PHC strings, session tokens and one-time tokens as SHA-256 hex.

CREATE TABLE users (
    user_id INTEGER PRIMARY KEY,
    email TEXT NOT NULL CONSTRAINT users_email_key UNIQUE,
    name TEXT NOT NULL,
    -- Comma-separated role codes: admin, editor, author, translator, moderator.
    roles TEXT NOT NULL,
    password_hash TEXT,
    -- TOTP secret (raw bytes, hex) once the second factor is confirmed.
    totp_secret TEXT,
    created_at INTEGER NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
    session_id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL CONSTRAINT sessions_token_key UNIQUE,
    user_id INTEGER NOT NULL CONSTRAINT sessions_user_fkey REFERENCES users (user_id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    user_agent TEXT NOT NULL,
    -- 1 while a password was accepted but the TOTP code is still awaited.
    second_factor_pending INTEGER NOT NULL DEFAULT 0,
    revoked_at INTEGER
);

CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE one_time_tokens (
    token_hash TEXT NOT NULL CONSTRAINT one_time_tokens_pkey PRIMARY KEY,
    user_id INTEGER NOT NULL CONSTRAINT one_time_tokens_user_fkey REFERENCES users (user_id) ON DELETE CASCADE,
    -- 'set-password' (invitations and resets) or 'totp-setup'.
    purpose TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
