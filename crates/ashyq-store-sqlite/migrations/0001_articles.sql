-- Articles, their authors and tags. Times are stored twice: as Unix seconds for ordering and as
-- RFC 3339 text with the writer's offset, for display.

CREATE TABLE authors (
    author_id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL CONSTRAINT authors_slug_key UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE articles (
    article_id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL CONSTRAINT articles_slug_key UNIQUE,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    published_at INTEGER NOT NULL,
    published_text TEXT NOT NULL,
    -- Slug of the article this one translates; the story's group is that slug, or its own.
    translation_of TEXT,
    translation_group TEXT NOT NULL,
    source TEXT NOT NULL,
    lead_html TEXT,
    body_html TEXT NOT NULL,
    imported_at INTEGER NOT NULL
);

CREATE INDEX articles_published_idx ON articles (published_at DESC);
CREATE INDEX articles_lang_published_idx ON articles (lang, published_at DESC);
CREATE INDEX articles_group_idx ON articles (translation_group);

CREATE TABLE article_authors (
    article_id INTEGER NOT NULL CONSTRAINT article_authors_article_fkey REFERENCES articles (article_id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL CONSTRAINT article_authors_author_fkey REFERENCES authors (author_id),
    position INTEGER NOT NULL,
    -- The name as written in this article (a Russian article may spell it in Cyrillic).
    name TEXT NOT NULL,
    CONSTRAINT article_authors_pkey PRIMARY KEY (article_id, author_id)
);

CREATE INDEX article_authors_author_idx ON article_authors (author_id);

CREATE TABLE tags (
    tag_id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL CONSTRAINT tags_slug_key UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL CONSTRAINT article_tags_article_fkey REFERENCES articles (article_id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL CONSTRAINT article_tags_tag_fkey REFERENCES tags (tag_id),
    position INTEGER NOT NULL,
    CONSTRAINT article_tags_pkey PRIMARY KEY (article_id, tag_id)
);

CREATE INDEX article_tags_tag_idx ON article_tags (tag_id);
