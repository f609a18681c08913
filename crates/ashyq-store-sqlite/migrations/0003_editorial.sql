-- Writing and publishing in the browser: an article's state and who started it, every saved version
-- of its text, and uploaded photos with their credits and sizes.
--
-- "Scheduled" is not a state of its own: it is `published` with a `published_at` in the future.
-- Articles that came from files (`ashyq import md`, the demo) are `published` and have no creator.

ALTER TABLE articles ADD COLUMN status TEXT NOT NULL DEFAULT 'published'
    CONSTRAINT articles_status_check CHECK (status IN ('draft', 'review', 'published', 'unpublished'));
ALTER TABLE articles ADD COLUMN created_by INTEGER
    CONSTRAINT articles_created_by_fkey REFERENCES users (user_id);
ALTER TABLE articles ADD COLUMN updated_at INTEGER;

CREATE INDEX articles_status_published_idx ON articles (status, published_at DESC);
CREATE INDEX articles_created_by_idx ON articles (created_by);

CREATE TABLE article_revisions (
    revision_id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL
        CONSTRAINT article_revisions_article_fkey REFERENCES articles (article_id) ON DELETE CASCADE,
    -- The whole article file as saved.
    source TEXT NOT NULL,
    user_id INTEGER CONSTRAINT article_revisions_user_fkey REFERENCES users (user_id),
    created_at INTEGER NOT NULL,
    -- What the save did, e.g. "draft", "review", "published", "restored revision 3".
    note TEXT NOT NULL
);

CREATE INDEX article_revisions_article_idx ON article_revisions (article_id, revision_id DESC);

CREATE TABLE media (
    media_id INTEGER PRIMARY KEY,
    -- File name of the largest variant in DATA/media; articles use it as `src = "/media/NAME"`.
    name TEXT NOT NULL CONSTRAINT media_name_key UNIQUE,
    alt TEXT NOT NULL,
    caption TEXT NOT NULL,
    credit TEXT NOT NULL,
    licence TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    -- What was found in the upload and removed, one item per line (e.g. "EXIF (GPS position)").
    stripped_metadata TEXT NOT NULL,
    uploaded_by INTEGER CONSTRAINT media_uploaded_by_fkey REFERENCES users (user_id),
    uploaded_at INTEGER NOT NULL
);

CREATE TABLE media_variants (
    media_id INTEGER NOT NULL
        CONSTRAINT media_variants_media_fkey REFERENCES media (media_id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    CONSTRAINT media_variants_pkey PRIMARY KEY (media_id, width)
);
