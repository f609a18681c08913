//! A comment as stored, built from what its writer sent and the screen's verdict: one function for
//! the comment form (and the writer's edits) and for `ashyq demo generate`.

use ashyq_moderation::{Label, Verdict};
use ashyq_store::{CommentId, CommentStatus, NewComment, StoredFingerprint, UserId};

/// What is known about a comment besides the screen's verdict.
#[derive(Debug, Clone, Default)]
pub struct CommentParts {
    pub article_id: i64,
    pub parent_id: Option<CommentId>,
    pub author_name: String,
    /// Only when the writer asked for reply notices.
    pub email: Option<String>,
    pub email_hash: Option<String>,
    /// The hash of the e-mail confirmation link's token and when it expires.
    pub email_confirm: Option<(String, i64)>,
    pub user_id: Option<UserId>,
    pub is_article_author: bool,
    pub body: String,
    /// The comment's language when known better than the screen's guess (detected on the whole
    /// text, or chosen by a generator); otherwise the verdict's.
    pub language: Option<String>,
    pub address_hash: Option<String>,
    pub commenter_token_hash: String,
    /// Signals for moderators (`honeypot`, `too-fast`); they flag, never refuse.
    pub flags: Vec<String>,
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
        flags.push("banned".to_owned());
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
        screen_findings: serde_json::to_string(&verdict.labels).unwrap_or_else(|_| "[]".to_owned()),
        screen_label: verdict.primary_label().map(|label| label.name().to_owned()),
        fingerprint: StoredFingerprint::from_unsigned(
            fingerprint.exact,
            fingerprint.simhash,
            fingerprint.tokens,
        ),
        address_hash: parts.address_hash,
        commenter_token_hash: parts.commenter_token_hash,
        flags: flags.join(" "),
        created_at: parts.created_at,
    }
}

#[cfg(test)]
mod tests {
    use ashyq_moderation::{CommentInput, Screen};

    use super::*;

    fn check(body: &str, banned: bool, flags: &[&str]) -> NewComment {
        let screen = Screen::default();
        let verdict =
            screen.screen(&CommentInput { text: body, lang_hint: Some("en"), recent: &[] });
        let parts = CommentParts {
            body: body.to_owned(),
            banned,
            flags: flags.iter().map(|flag| (*flag).to_owned()).collect(),
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
    fn a_banned_writer_goes_to_spam_flagged_and_signals_flag() {
        let comment = check("Thanks for the piece.", true, &["too-fast"]);
        assert_eq!(comment.status, CommentStatus::Spam);
        assert_eq!(comment.flags, "too-fast banned");
        assert!(comment.screen_flagged);
        assert!(check("Thanks for the piece.", false, &["honeypot"]).screen_flagged);
    }
}
