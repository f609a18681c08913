-- Limits on guessing (failed passwords and codes, password links) kept in the database, so every
-- server counts the same attempts (issue 15). One row per counted hit; `key` is the hex of a keyed
-- hash made by the server (never an e-mail or an address). A key holds at most its limit of rows
-- (a hit is written only under the limit), and rows past `expires_at` are pruned.
CREATE TABLE rate_limit_hits (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    hit_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX rate_limit_hits_key_idx ON rate_limit_hits (key, hit_at);
CREATE INDEX rate_limit_hits_expiry_idx ON rate_limit_hits (expires_at);

-- Keys remembered for a while: (account, address) pairs that logged in, exempt from the account's
-- loose limit for 30 days.
CREATE TABLE rate_limit_known (
    key TEXT NOT NULL,
    known_until INTEGER NOT NULL,
    CONSTRAINT rate_limit_known_pkey PRIMARY KEY (key)
);
CREATE INDEX rate_limit_known_until_idx ON rate_limit_known (known_until);
