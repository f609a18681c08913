-- What the search index must catch up with. Every change to an article (insert, update, delete,
-- its tags and authors) stamps the article with the next number of one counter, by trigger, so a
-- change is recorded whichever process made it (the server, `ashyq import md`, a script). The
-- process that keeps the index asks for the articles stamped after its watermark. SQLite runs one
-- write transaction at a time, so numbers are given in commit order.
--
-- One row per article ever changed; no foreign key, so that a deleted article's row stays and the
-- index learns to drop it.

CREATE TABLE search_changes (
    article_id INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL
);

CREATE INDEX search_changes_seq_idx ON search_changes (seq);

CREATE TRIGGER search_changes_article_insert AFTER INSERT ON articles BEGIN
    INSERT OR REPLACE INTO search_changes (article_id, seq)
    VALUES (NEW.article_id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM search_changes));
END;

CREATE TRIGGER search_changes_article_update AFTER UPDATE ON articles BEGIN
    INSERT OR REPLACE INTO search_changes (article_id, seq)
    VALUES (NEW.article_id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM search_changes));
END;

CREATE TRIGGER search_changes_article_delete AFTER DELETE ON articles BEGIN
    INSERT OR REPLACE INTO search_changes (article_id, seq)
    VALUES (OLD.article_id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM search_changes));
END;

CREATE TRIGGER search_changes_tags_insert AFTER INSERT ON article_tags BEGIN
    INSERT OR REPLACE INTO search_changes (article_id, seq)
    VALUES (NEW.article_id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM search_changes));
END;

CREATE TRIGGER search_changes_tags_delete AFTER DELETE ON article_tags BEGIN
    INSERT OR REPLACE INTO search_changes (article_id, seq)
    VALUES (OLD.article_id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM search_changes));
END;

CREATE TRIGGER search_changes_authors_insert AFTER INSERT ON article_authors BEGIN
    INSERT OR REPLACE INTO search_changes (article_id, seq)
    VALUES (NEW.article_id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM search_changes));
END;

CREATE TRIGGER search_changes_authors_delete AFTER DELETE ON article_authors BEGIN
    INSERT OR REPLACE INTO search_changes (article_id, seq)
    VALUES (OLD.article_id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM search_changes));
END;
