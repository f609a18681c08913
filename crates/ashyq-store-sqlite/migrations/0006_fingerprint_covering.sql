-- The duplicate check before every comment reads the fingerprints of up to 200 recent comments of
-- the article, of the address and of the e-mail. With the fingerprints in these indexes SQLite
-- answers from the index alone instead of fetching up to 600 table rows per comment posted.
DROP INDEX comments_article_created_idx;
DROP INDEX comments_address_created_idx;
DROP INDEX comments_email_created_idx;
CREATE INDEX comments_article_created_idx
    ON comments (article_id, created_at, fingerprint_exact, fingerprint_simhash, fingerprint_tokens);
CREATE INDEX comments_address_created_idx
    ON comments (address_hash, created_at, fingerprint_exact, fingerprint_simhash, fingerprint_tokens);
CREATE INDEX comments_email_created_idx
    ON comments (email_hash, created_at, fingerprint_exact, fingerprint_simhash, fingerprint_tokens);
