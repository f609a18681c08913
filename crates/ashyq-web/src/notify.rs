//! Mail notices, when the site has a mail server: new pending comments to moderators (with signed,
//! expiring one-click links), and approved replies to the commenter who left an address.

use ashyq_accounts::Role;
use ashyq_store::{CommentId, CommentTarget, Store};

use crate::mail::sign_link;
use crate::state::{AppState, now};

/// How long a one-click moderation link works.
const LINK_DAYS: i64 = 7;

/// The signed address of a one-click decision.
pub(crate) fn quick_link(
    public_url: &str,
    key: &[u8; 32],
    comment: i64,
    action: &str,
    moderator: i64,
) -> String {
    let expires = now() + LINK_DAYS * 24 * 3600;
    let signature = sign_link(key, comment, action, moderator, expires);
    format!(
        "{}/moderation/quick?comment={comment}&action={action}&moderator={moderator}&expires={expires}&sig={signature}",
        public_url.trim_end_matches('/')
    )
}

/// Tells every moderator about a new pending comment.
pub(crate) fn new_comment<S: Store>(
    state: &AppState<S>,
    id: CommentId,
    target: &CommentTarget,
    author: &str,
    body: &str,
) {
    let Some(mailer) = state.mail.clone() else { return };
    let state = state.clone();
    let (slug, author, body) = (target.slug.clone(), author.to_owned(), body.to_owned());
    tokio::spawn(async move {
        let people = match state.store.users().await {
            Ok(people) => people,
            Err(error) => {
                tracing::warn!(%error, "could not list moderators to notify");
                return;
            }
        };
        for person in
            people.iter().filter(|person| person.roles.has(Role::Moderator) && !person.disabled)
        {
            let l10n = state.catalog.localizer("en");
            let approve =
                quick_link(&state.auth.public_url, &state.link_key, id.0, "approve", person.id.0);
            let reject =
                quick_link(&state.auth.public_url, &state.link_key, id.0, "reject", person.id.0);
            let text = format!(
                "{intro}\n\n{author}:\n{body}\n\n{article}: {public}/articles/{slug}\n\n{approve_label}: {approve}\n{reject_label}: {reject}\n\n{queue}: {public}/moderation\n",
                intro = l10n.msg("mail-new-comment-intro"),
                article = l10n.msg("mail-article"),
                public = state.auth.public_url,
                approve_label = l10n.msg("moderation-approve"),
                reject_label = l10n.msg("moderation-reject"),
                queue = l10n.msg("moderation-title"),
            );
            mailer.send_later(&person.email, &l10n.msg("mail-new-comment-subject"), text);
        }
    });
}

/// Tells the writers of the parents of newly approved replies, in the article's language.
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
                "{intro}\n\n{title}\n{public}/articles/{slug}#comment-{id}\n\n{why}\n",
                intro = l10n.msg_with("mail-reply-intro", "name", &notice.reply_author),
                title = notice.article_title,
                public = state.auth.public_url.trim_end_matches('/'),
                slug = notice.article_slug,
                id = notice.reply_id.0,
                why = l10n.msg("mail-reply-why"),
            );
            mailer.send_later(&notice.email, &l10n.msg("mail-reply-subject"), text);
        }
    });
}
