//! Who may do what to an article in the editor: every button offered and every action taken asks
//! these, which ask `ashyq_accounts::may`.

use super::*;

fn is_own(user: &CurrentUser, record: &ArticleRecord) -> bool {
    record.created_by == Some(user.user.id)
}

pub(super) fn may_edit(user: &CurrentUser, record: &ArticleRecord) -> bool {
    may(
        &user.user.roles,
        Action::EditArticle {
            own: is_own(user, record),
            published: record.status == ArticleStatus::Published,
        },
    )
}

/// May this person start an article (or, for translators, a translation)?
pub(super) fn may_start(user: &CurrentUser) -> bool {
    may(&user.user.roles, Action::CreateArticle) || may(&user.user.roles, Action::CreateTranslation)
}

/// Whether `user` may hold a text of this kind at all: authors and editors write originals,
/// translators only translations. Asked on every save, not only when an article is started, so a
/// translator cannot turn their translation into an original by deleting `translation_of`.
fn may_write_kind(user: &CurrentUser, translation: bool) -> bool {
    let roles = &user.user.roles;
    may(roles, Action::CreateArticle) || (translation && may(roles, Action::CreateTranslation))
}

/// Whether `user` may do `action` to `record` (or to a new article when `None`); `translation` says
/// whether the submitted text is a translation (translators may write those only).
pub(super) fn may_do(
    user: &CurrentUser,
    action: EditAction,
    record: Option<&ArticleRecord>,
    translation: bool,
) -> bool {
    let roles = &user.user.roles;
    let (edit, own) = match record {
        None => (may_write_kind(user, translation), true),
        Some(record) => {
            (may_edit(user, record) && may_write_kind(user, translation), is_own(user, record))
        }
    };
    edit && match action {
        EditAction::Preview | EditAction::Save => true,
        EditAction::Review => may(roles, Action::SubmitForReview { own }),
        EditAction::Publish | EditAction::Schedule => may(roles, Action::Publish),
        EditAction::Unpublish => record.is_some() && may(roles, Action::Publish),
    }
}

/// The buttons to offer: only actions this person may take.
pub(super) fn buttons_for(user: &CurrentUser, record: Option<&ArticleRecord>) -> Vec<EditorButton> {
    let mut buttons = Vec::new();
    let check = |action| may_do(user, action, record, true);
    if check(EditAction::Save) {
        buttons.push(EditorButton::Save);
    }
    let published = record.is_some_and(|record| record.status == ArticleStatus::Published);
    if !published && check(EditAction::Review) {
        buttons.push(EditorButton::Review);
    }
    if check(EditAction::Publish) {
        buttons.push(EditorButton::Publish);
        buttons.push(EditorButton::Schedule);
    }
    if record.is_some_and(|record| record.status != ArticleStatus::Unpublished)
        && check(EditAction::Unpublish)
    {
        buttons.push(EditorButton::Unpublish);
    }
    buttons
}
