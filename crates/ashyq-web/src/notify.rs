//! Mail notices, when the site has a mail server: new pending comments to the moderators who may
//! decide them (with signed, single-use one-click links), the confirmation link to a commenter who
//! asked for reply notices, and approved replies to commenters who confirmed their address.

use ashyq_accounts::Role;
use ashyq_services::decisions::may_decide_language;
use ashyq_store::{CommentId, CommentTarget, Store};

use crate::mail::{LinkFields, sign_link};
use crate::state::{AppState, now};

/// How long a one-click moderation link works (it also stops working once it or anybody has
/// decided the comment, or its writer has changed it).
const LINK_DAYS: i64 = 7;

/// The signed address of a one-click decision on version `version` of `comment`.
pub(crate) fn quick_link(
    public_url: &str,
    key: &[u8; 32],
    comment: i64,
    version: i64,
    action: &str,
    moderator: i64,
) -> String {
    let expires = now() + LINK_DAYS * 24 * 3600;
    let signature = sign_link(key, LinkFields { comment, version, action, moderator, expires });
    format!(
        "{}/moderation/quick?comment={comment}&version={version}&action={action}&moderator={moderator}&expires={expires}&sig={signature}",
        public_url.trim_end_matches('/')
    )
}

/// What a new-comment notice tells moderators.
#[derive(Debug, Clone)]
pub(crate) struct NewCommentNotice {
    pub(crate) id: CommentId,
    /// The version the one-click links decide on (a new comment is at version 1).
    pub(crate) version: i64,
    pub(crate) language: Option<String>,
    pub(crate) author: String,
    pub(crate) body: String,
}

/// Tells the moderators who may decide a new pending comment (the language rule of
/// `ashyq_services::decisions`) about it.
pub(crate) fn new_comment<S: Store>(
    state: &AppState<S>,
    target: &CommentTarget,
    notice: NewCommentNotice,
) {
    let Some(mailer) = state.mail.clone() else { return };
    let state = state.clone();
    let slug = target.slug.clone();
    tokio::spawn(async move {
        let (people, team) = match (state.store.users().await, state.store.team_languages().await) {
            (Ok(people), Ok(team)) => (people, team),
            (Err(error), _) | (_, Err(error)) => {
                tracing::warn!(%error, "could not list moderators to notify");
                return;
            }
        };
        let l10n = state.catalog.localizer("en");
        for person in
            people.iter().filter(|person| person.roles.has(Role::Moderator) && !person.disabled)
        {
            let languages = match state.store.moderator_languages(person.id).await {
                Ok(languages) => languages,
                Err(error) => {
                    tracing::warn!(%error, "could not read a moderator's languages");
                    continue;
                }
            };
            if !may_decide_language(&languages, notice.language.as_deref(), &team) {
                continue;
            }
            let link = |action| {
                quick_link(
                    &state.auth.public_url,
                    &state.link_key,
                    notice.id.0,
                    notice.version,
                    action,
                    person.id.0,
                )
            };
            let text = format!(
                "{intro}\n\n{author}:\n{body}\n\n{article}: {public}/articles/{slug}\n\n{approve_label}: {approve}\n{reject_label}: {reject}\n\n{queue}: {public}/moderation\n",
                intro = l10n.msg("mail-new-comment-intro"),
                author = notice.author,
                body = notice.body,
                article = l10n.msg("mail-article"),
                public = state.auth.public_url,
                approve_label = l10n.msg("moderation-approve"),
                approve = link("approve"),
                reject_label = l10n.msg("moderation-reject"),
                reject = link("reject"),
                queue = l10n.msg("moderation-title"),
            );
            mailer.send_later(&person.email, &l10n.msg("mail-new-comment-subject"), text);
        }
    });
}

/// Mails the link that confirms a commenter's address for reply notices. The mail carries no text
/// the commenter wrote (not even their name), so typing a stranger's address sends them only this
/// fixed message.
pub(crate) fn confirm_address<S: Store>(state: &AppState<S>, email: &str, token: &str, lang: &str) {
    let Some(mailer) = state.mail.as_ref() else { return };
    let l10n = state.catalog.localizer(lang);
    let text = format!(
        "{intro}\n\n{public}/comments/confirm?token={token}\n\n{why}\n",
        intro = l10n.msg("mail-confirm-intro"),
        public = state.auth.public_url.trim_end_matches('/'),
        why = l10n.msg("mail-confirm-why"),
    );
    mailer.send_later(email, &l10n.msg("mail-confirm-subject"), text);
}

/// Tells the writers of the parents of newly approved replies, in the article's language, if they
/// asked for notices and confirmed their address.
pub(crate) fn approved_replies<S: Store>(state: &AppState<S>, ids: &[CommentId]) {
    let Some(mailer) = state.mail.clone() else { return };
    let state = state.clone();
    let ids = ids.to_vec();
    tokio::spawn(async move {
        for id in ids {
            let notice = match state.store.reply_notice(id).await {
                Ok(Some(notice)) => notice,
                Ok(None) => continue,
                Err(error) => {
                    tracing::warn!(%error, "could not look up a reply notice");
                    continue;
                }
            };
            let l10n = state.catalog.localizer(&notice.lang);
            let text = format!(
                "{intro}\n\n{title}\n{public}{link}\n\n{why}\n",
                intro = l10n.msg_with("mail-reply-intro", "name", &notice.reply_author),
                title = notice.article_title,
                public = state.auth.public_url.trim_end_matches('/'),
                link = ashyq_render::urls::comment(&notice.article_slug, notice.reply_id.0),
                why = l10n.msg("mail-reply-why"),
            );
            mailer.send_later(&notice.email, &l10n.msg("mail-reply-subject"), text);
        }
    });
}
