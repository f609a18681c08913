-- A reader's own undecided comments on one article, newest first, read from the front of one index.
-- Without it the query walked every comment of the article (the planner chose the article index):
-- with 18,000 comments on an article, 20-35 ms per render of its page, growing with the database,
-- while the render held one of the pool's few connections (bench/soak.sh, reader p99).
-- The old index on the token alone is a prefix of this one.
CREATE INDEX comments_commenter_article_idx ON comments (commenter_token_hash, article_id, created_at);
DROP INDEX comments_commenter_idx;
