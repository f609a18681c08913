//! A comment as stored, built from what its writer sent and the screen's verdict: one function for
//! the comment form (and the writer's edits) and for `ashyq demo generate`, and one for comments
//! imported from another platform (WordPress, Disqus, Isso).

use ashyq_moderation::{Label, Verdict};
use ashyq_store::{
    ArticleId, CommentFlag, CommentFlags, CommentId, CommentStatus, EmailConfirmation, NewComment,
    ScreenFinding, StoredFingerprint, UserId,
};

/// What is known about a comment besides the screen's verdict.
#[derive(Debug, Clone, Default)]
pub struct CommentParts {
    pub article_id: ArticleId,
    pub parent_id: Option<CommentId>,
    pub author_name: String,
    /// Only when the writer asked for reply notices.
    pub email: Option<String>,
    pub email_hash: Option<String>,
    /// The hash of the e-mail confirmation link's token and when it expires.
    pub email_confirm: Option<EmailConfirmation>,
    pub user_id: Option<UserId>,
    pub is_article_author: bool,
    pub body: String,
    /// The comment's language when known better than the screen's guess (detected on the whole
    /// text, or chosen by a generator); otherwise the verdict's.
    pub language: Option<String>,
    pub address_hash: Option<String>,
    pub commenter_token_hash: String,
    /// Signals for moderators (`honeypot`, `too-fast`); they flag, never refuse.
    pub flags: CommentFlags,
    /// The address or e-mail is banned now: kept, but straight to spam.
    pub banned: bool,
    pub created_at: i64,
}

/// The status a screened comment starts in: banned words go straight to rejected, a repeat of the
/// same comment to spam (the published rules say so); everything else waits for a moderator.
pub fn initial_status(verdict: &Verdict) -> CommentStatus {
    let has = |label: Label, code_prefix: &str| {
        verdict
            .labels
            .iter()
            .any(|finding| finding.label == label && finding.code.starts_with(code_prefix))
    };
    if has(Label::Banned, "") {
        CommentStatus::Rejected
    } else if has(Label::Duplicate, "duplicate.exact") {
        CommentStatus::Spam
    } else {
        CommentStatus::Pending
    }
}

/// The comment to store for `parts` screened as `verdict`.
pub fn screened_comment(parts: CommentParts, verdict: &Verdict) -> NewComment {
    let mut flags = parts.flags;
    let status = if parts.banned {
        flags.insert(CommentFlag::Banned);
        CommentStatus::Spam
    } else {
        initial_status(verdict)
    };
    let fingerprint = &verdict.fingerprint;
    NewComment {
        article_id: parts.article_id,
        parent_id: parts.parent_id,
        author_name: parts.author_name,
        email: parts.email,
        email_hash: parts.email_hash,
        email_confirm: parts.email_confirm,
        user_id: parts.user_id,
        is_article_author: parts.is_article_author,
        body_html: ashyq_content::render_comment_html(&parts.body),
        body: parts.body,
        status,
        language: parts.language.or_else(|| verdict.language.map(|lang| lang.code().to_owned())),
        screen_score: verdict.score,
        screen_flagged: verdict.should_not_be_approved || !flags.is_empty(),
        screen_findings: verdict.labels.iter().map(ScreenFinding::from).collect(),
        screen_label: verdict.primary_label(),
        fingerprint: StoredFingerprint::from_unsigned(
            fingerprint.exact,
            fingerprint.simhash,
            fingerprint.tokens,
        ),
        address_hash: parts.address_hash,
        commenter_token_hash: parts.commenter_token_hash,
        flags,
        created_at: parts.created_at,
        limit: None,
    }
}

/// The commenter-token hash of imported comments: not a SHA-256 in hex, so no reader's cookie
/// can ever match it (nobody may edit or withdraw a comment written elsewhere).
pub const IMPORTED_TOKEN_HASH: &str = "imported";

/// The longest commenter name kept, in characters (the comment form's limit).
const MAX_NAME_CHARS: usize = 80;

/// What an archive says about a comment. Nothing else is taken from it: no e-mail address (the
/// commenter never asked us for reply notices) and no IP address, not even hashed (it is years
/// old and no limit or ban could use it).
#[derive(Debug, Clone)]
pub struct ImportedParts {
    pub author_name: String,
    /// Plain text.
    pub body: String,
    pub created_at: i64,
    /// The state the archive gave it.
    pub status: CommentStatus,
}

/// The comment to store for one brought from another platform. The screen's findings are kept for
/// moderators, but the archive's decision stands: an approved comment stays approved.
pub fn imported_comment(parts: ImportedParts, verdict: &Verdict) -> NewComment {
    let name: String = parts.author_name.trim().chars().take(MAX_NAME_CHARS).collect();
    let mut comment = screened_comment(
        CommentParts {
            author_name: if name.is_empty() { "—".to_owned() } else { name },
            body: parts.body,
            commenter_token_hash: IMPORTED_TOKEN_HASH.to_owned(),
            created_at: parts.created_at,
            ..CommentParts::default()
        },
        verdict,
    );
    comment.status = parts.status;
    comment
}

#[cfg(test)]
mod tests {
    use ashyq_moderation::{CommentInput, Screen};

    use super::*;

    fn check(body: &str, banned: bool, flags: &[CommentFlag]) -> NewComment {
        let screen = Screen::default();
        let verdict =
            screen.screen(&CommentInput { text: body, lang_hint: Some("en"), recent: &[] });
        let parts = CommentParts {
            body: body.to_owned(),
            banned,
            flags: flags.iter().copied().collect(),
            ..CommentParts::default()
        };
        screened_comment(parts, &verdict)
    }

    #[test]
    fn a_clean_comment_waits_and_carries_the_screens_fingerprint() {
        let comment = check("Thanks for the piece about the printing house.", false, &[]);
        assert_eq!(comment.status, CommentStatus::Pending);
        assert!(!comment.screen_flagged);
        let fingerprint = ashyq_moderation::fingerprint(&comment.body);
        assert_eq!(comment.fingerprint.exact, fingerprint.exact as i64);
        assert_eq!(comment.language.as_deref(), Some("en"));
        assert!(comment.body_html.contains("printing house"));
    }

    #[test]
    fn an_imported_comment_keeps_its_state_and_carries_no_address_or_email() {
        let screen = Screen::default();
        let text = "Thanks for the piece about the printing house, idiot.";
        let verdict = screen.screen(&CommentInput { text, lang_hint: None, recent: &[] });
        let comment = imported_comment(
            ImportedParts {
                author_name: format!("  {}", "N".repeat(200)),
                body: text.to_owned(),
                created_at: 1_700_000_000,
                status: CommentStatus::Approved,
            },
            &verdict,
        );
        assert_eq!(comment.status, CommentStatus::Approved, "the screen never changes the state");
        assert_eq!(comment.author_name.chars().count(), 80);
        assert_eq!((comment.email, comment.email_hash, comment.address_hash), (None, None, None));
        assert_eq!(comment.commenter_token_hash, IMPORTED_TOKEN_HASH);
        assert_eq!(comment.created_at, 1_700_000_000);
        assert_eq!(comment.fingerprint.exact, ashyq_moderation::fingerprint(text).exact as i64);
    }

    #[test]
    fn a_banned_writer_goes_to_spam_flagged_and_signals_flag() {
        let comment = check("Thanks for the piece.", true, &[CommentFlag::TooFast]);
        assert_eq!(comment.status, CommentStatus::Spam);
        assert_eq!(
            comment.flags.iter().collect::<Vec<_>>(),
            [CommentFlag::TooFast, CommentFlag::Banned]
        );
        assert!(comment.screen_flagged);
        assert!(check("Thanks for the piece.", false, &[CommentFlag::Honeypot]).screen_flagged);
    }
}
