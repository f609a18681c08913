-- Indexes for the duplicate check on every new comment: recent comments on the same article, from
-- the same address hash or e-mail hash, newest first. Without them each post read every comment of
-- the article and of the address (the comments benchmark slowed as comments piled up).

CREATE INDEX comments_article_created_idx ON comments (article_id, created_at);
CREATE INDEX comments_address_created_idx ON comments (address_hash, created_at);
CREATE INDEX comments_email_created_idx ON comments (email_hash, created_at);
