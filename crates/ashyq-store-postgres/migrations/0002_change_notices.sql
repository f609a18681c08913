-- Several servers, one site: every change readers may see is announced on the channel
-- `ashyq_changes` when its transaction commits (NOTIFY is transactional; equal notices of one
-- transaction are delivered once). Each server listens and drops or refreshes its cached pages
-- and in-memory lists, whichever server or command made the change.
--
-- Payloads: 'refresh' (something was added that may show a moment late: an approval, a pick),
-- 'invalidate' (something was taken away or corrected: nothing from before may be served),
-- 'screen' (the word lists changed: reload the comment screen).

CREATE FUNCTION ashyq_notify_comment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.status = 'approved' THEN
            PERFORM pg_notify('ashyq_changes', 'refresh');
        END IF;
        RETURN NULL;
    END IF;
    IF OLD.status <> 'approved' AND NEW.status <> 'approved' THEN
        RETURN NULL;
    END IF;
    IF OLD.status <> 'approved' AND NEW.status = 'approved' AND OLD.featured = NEW.featured THEN
        PERFORM pg_notify('ashyq_changes', 'refresh');
    ELSIF OLD.status = 'approved' AND NEW.status = 'approved' AND NEW.featured > OLD.featured
          AND OLD.body_html = NEW.body_html THEN
        PERFORM pg_notify('ashyq_changes', 'refresh');
    ELSIF OLD.status IS DISTINCT FROM NEW.status OR OLD.featured <> NEW.featured
          OR OLD.body_html <> NEW.body_html OR OLD.author_name <> NEW.author_name THEN
        PERFORM pg_notify('ashyq_changes', 'invalidate');
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER comments_notify_insert AFTER INSERT ON comments
    FOR EACH ROW EXECUTE FUNCTION ashyq_notify_comment();
CREATE TRIGGER comments_notify_update AFTER UPDATE ON comments
    FOR EACH ROW EXECUTE FUNCTION ashyq_notify_comment();

CREATE FUNCTION ashyq_notify_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ashyq_changes', 'invalidate');
    RETURN NULL;
END;
$$;

CREATE TRIGGER articles_notify AFTER INSERT OR UPDATE OR DELETE ON articles
    FOR EACH STATEMENT EXECUTE FUNCTION ashyq_notify_invalidate();
CREATE TRIGGER article_tags_notify AFTER INSERT OR UPDATE OR DELETE ON article_tags
    FOR EACH STATEMENT EXECUTE FUNCTION ashyq_notify_invalidate();
CREATE TRIGGER article_authors_notify AFTER INSERT OR UPDATE OR DELETE ON article_authors
    FOR EACH STATEMENT EXECUTE FUNCTION ashyq_notify_invalidate();
CREATE TRIGGER authors_notify AFTER UPDATE OR DELETE ON authors
    FOR EACH STATEMENT EXECUTE FUNCTION ashyq_notify_invalidate();
CREATE TRIGGER tags_notify AFTER UPDATE OR DELETE ON tags
    FOR EACH STATEMENT EXECUTE FUNCTION ashyq_notify_invalidate();

CREATE FUNCTION ashyq_notify_screen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ashyq_changes', 'screen');
    RETURN NULL;
END;
$$;

CREATE TRIGGER word_lists_notify AFTER INSERT OR UPDATE OR DELETE ON word_lists
    FOR EACH STATEMENT EXECUTE FUNCTION ashyq_notify_screen();
