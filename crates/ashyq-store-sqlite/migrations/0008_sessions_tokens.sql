-- Sessions, tokens and the second factor, hardened (issue 9, items 5 to 9).

-- Personal API tokens get a table of their own. They used to be rows in `sessions`, so a token
-- worked as a login cookie for a year and outlived logging out. Only the token's SHA-256 is kept.
CREATE TABLE api_tokens (
    api_token_id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL CONSTRAINT api_tokens_token_key UNIQUE,
    user_id INTEGER NOT NULL CONSTRAINT api_tokens_user_fkey REFERENCES users (user_id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- Space-separated scope codes: moderation:read, moderation:write.
    scopes TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);

CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- The old tokens were sessions named by their user agent. They carry no scope and were full
-- browser logins, so they end here; their owners create scoped tokens on the account page.
DELETE FROM sessions WHERE user_agent LIKE 'API token: %';

-- The last TOTP step accepted for the account: a code of that step or an older one is a replay.
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
-- A second-factor secret the server generated, kept until a code confirms it (hex), and until when.
ALTER TABLE users ADD COLUMN totp_pending_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending_expires_at INTEGER;
