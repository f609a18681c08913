-- The site's own settings (name, words per language, logo, languages, addresses), one text row per
-- key as `ashyq_content::SiteSettings` checks them, and the site generation: one number that goes
-- up, by trigger, whenever a setting is written or an article is added, changed or removed, so
-- that a running server sees a change made by any process (`ashyq site set`, `ashyq import md`)
-- by reading one row.

CREATE TABLE site_settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE site_generation (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    generation INTEGER NOT NULL
);

INSERT INTO site_generation (singleton, generation) VALUES (1, 0);

CREATE TRIGGER site_generation_settings_insert AFTER INSERT ON site_settings BEGIN
    UPDATE site_generation SET generation = generation + 1 WHERE singleton = 1;
END;

CREATE TRIGGER site_generation_settings_update AFTER UPDATE ON site_settings BEGIN
    UPDATE site_generation SET generation = generation + 1 WHERE singleton = 1;
END;

CREATE TRIGGER site_generation_settings_delete AFTER DELETE ON site_settings BEGIN
    UPDATE site_generation SET generation = generation + 1 WHERE singleton = 1;
END;

CREATE TRIGGER site_generation_article_insert AFTER INSERT ON articles BEGIN
    UPDATE site_generation SET generation = generation + 1 WHERE singleton = 1;
END;

CREATE TRIGGER site_generation_article_update AFTER UPDATE ON articles BEGIN
    UPDATE site_generation SET generation = generation + 1 WHERE singleton = 1;
END;

CREATE TRIGGER site_generation_article_delete AFTER DELETE ON articles BEGIN
    UPDATE site_generation SET generation = generation + 1 WHERE singleton = 1;
END;
