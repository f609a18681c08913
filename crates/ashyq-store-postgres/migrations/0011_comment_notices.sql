-- Several servers, one duplicate check (issue 15): every comment committed, and every new text of
-- one, is announced on the channel `ashyq_comments` with what the duplicate check compares, so each
-- server adds it to the lists of recent comments it keeps in memory (comments::recent in
-- ashyq-web), whichever server stored it. A channel of its own: a server of an older version
-- listening on `ashyq_changes` would take an unknown payload for "invalidate everything".
--
-- Payload: 'new' or 'edited', then the comment's id, created_at, the three fingerprint numbers,
-- the article id, and the keyed address and e-mail hashes ('-' for none), separated by spaces.
-- No plain personal data: the hashes are the ones the comments table holds.

CREATE FUNCTION ashyq_notify_comment_fingerprint() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ashyq_comments',
        CASE WHEN TG_OP = 'INSERT' THEN 'new' ELSE 'edited' END
        || ' ' || NEW.comment_id || ' ' || NEW.created_at
        || ' ' || NEW.fingerprint_exact || ' ' || NEW.fingerprint_simhash
        || ' ' || NEW.fingerprint_tokens || ' ' || NEW.article_id
        || ' ' || COALESCE(NEW.address_hash, '-') || ' ' || COALESCE(NEW.email_hash, '-'));
    RETURN NULL;
END;
$$;

CREATE TRIGGER comments_notify_fingerprint_insert AFTER INSERT ON comments
    FOR EACH ROW EXECUTE FUNCTION ashyq_notify_comment_fingerprint();
CREATE TRIGGER comments_notify_fingerprint_update AFTER UPDATE ON comments
    FOR EACH ROW
    WHEN (OLD.fingerprint_exact IS DISTINCT FROM NEW.fingerprint_exact
          OR OLD.fingerprint_simhash IS DISTINCT FROM NEW.fingerprint_simhash
          OR OLD.fingerprint_tokens IS DISTINCT FROM NEW.fingerprint_tokens)
    EXECUTE FUNCTION ashyq_notify_comment_fingerprint();
