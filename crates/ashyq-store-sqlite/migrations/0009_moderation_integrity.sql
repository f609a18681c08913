-- Moderation integrity and commenters' personal data.
--
-- A decision names the version of the comment it was made on: `version` counts every change to a
-- comment (the writer's edits, decisions, undos, withdrawal), and `text_version` is the version at
-- which its text last changed, so a refused decision can say whether the text changed or somebody
-- decided first. Every update that decides is conditional on `version` in the same statement.
ALTER TABLE comments ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE comments ADD COLUMN text_version INTEGER NOT NULL DEFAULT 1;

-- A mailed one-click link acts once: the hash of its signature is kept with the action it took,
-- and a second use of the same link is refused by this unique index.
ALTER TABLE moderation_actions ADD COLUMN link_hash TEXT;
CREATE UNIQUE INDEX moderation_actions_link_key ON moderation_actions (link_hash);

-- A commenter's e-mail is kept only when they asked for reply notices, and nothing but the
-- confirmation mail is sent to it until they follow the mailed link: only the link's SHA-256 hash
-- is stored, it expires, and it is cleared once used. E-mails given before this migration were
-- never confirmed: they are dropped now rather than mailed.
ALTER TABLE comments ADD COLUMN email_confirm_hash TEXT;
ALTER TABLE comments ADD COLUMN email_confirm_expires INTEGER;
ALTER TABLE comments ADD COLUMN email_confirmed_at INTEGER;
CREATE UNIQUE INDEX comments_email_confirm_key ON comments (email_confirm_hash);
UPDATE comments SET email = NULL;
