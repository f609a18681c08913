-- The meaning of SQLite migration 0014: the site's own settings, one text row per key, and the
-- site generation, one number that goes up (by trigger) whenever a setting or an article row is
-- added, changed or removed, by any server or command. Row triggers, as in SQLite, so a statement
-- that changes nothing (a setting saved with its old value) moves nothing.
-- A settings change also notifies 'invalidate' on `ashyq_changes` (migration 0002), so every
-- server drops its cached pages at once; each server's site follower reloads the settings when it
-- sees the generation move.

CREATE TABLE site_settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE site_generation (
    singleton BIGINT PRIMARY KEY NOT NULL CONSTRAINT site_generation_singleton_check CHECK (singleton = 1),
    generation BIGINT NOT NULL
);

INSERT INTO site_generation (singleton, generation) VALUES (1, 0);

CREATE FUNCTION ashyq_next_site_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE site_generation SET generation = generation + 1 WHERE singleton = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER site_generation_settings AFTER INSERT OR UPDATE OR DELETE ON site_settings
    FOR EACH ROW EXECUTE FUNCTION ashyq_next_site_generation();
CREATE TRIGGER site_generation_articles AFTER INSERT OR UPDATE OR DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION ashyq_next_site_generation();

CREATE TRIGGER site_settings_notify AFTER INSERT OR UPDATE OR DELETE ON site_settings
    FOR EACH ROW EXECUTE FUNCTION ashyq_notify_invalidate();
