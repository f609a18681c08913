-- The meaning of SQLite's 0024: an original's translations are found by `translation_of` on every
-- write of the original, once per unit it marks; without the index each lookup scans the articles.
CREATE INDEX articles_translation_of_idx ON articles (translation_of);
