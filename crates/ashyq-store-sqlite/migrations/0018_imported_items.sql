-- Which of our articles and comments came from which item of another platform (a WordPress post
-- or comment id, a Disqus post id, an Isso comment id), so that an import run again skips what is
-- already here and a later export adds only what is new.

CREATE TABLE imported_items (
    -- 'wordpress:<site address>', 'disqus:<forum>', 'isso'…: foreign ids are unique within one.
    source TEXT NOT NULL,
    -- 'post' or 'comment'
    kind TEXT NOT NULL,
    foreign_id TEXT NOT NULL,
    article_id INTEGER CONSTRAINT imported_items_article_fkey REFERENCES articles (article_id) ON DELETE CASCADE,
    comment_id INTEGER CONSTRAINT imported_items_comment_fkey REFERENCES comments (comment_id) ON DELETE CASCADE,
    imported_at INTEGER NOT NULL,
    CONSTRAINT imported_items_pkey PRIMARY KEY (source, kind, foreign_id),
    CONSTRAINT imported_items_kind_check CHECK (
        (kind = 'post' AND article_id IS NOT NULL AND comment_id IS NULL)
        OR (kind = 'comment' AND comment_id IS NOT NULL AND article_id IS NULL))
);

CREATE INDEX imported_items_article_idx ON imported_items (article_id);
CREATE INDEX imported_items_comment_idx ON imported_items (comment_id);
