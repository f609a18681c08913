//! An article's revisions: the list, one revision's text, and restoring it (through the editor's
//! own save, so a restore passes every check a save does).

use super::*;

fn revision_item<S>(
    state: &AppState<S>,
    ui_lang: &str,
    slug: &str,
    info: &RevisionInfo,
) -> RevisionItem {
    let l10n = state.catalog.localizer(ui_lang);
    let note = match info.note.strip_prefix("restore:") {
        Some(number) => l10n.msg_with("revision-note-restore", "number", number),
        None => l10n.msg(&format!("revision-note-{}", info.note)),
    };
    RevisionItem {
        number: info.id.0,
        url: format!("/admin/articles/{slug}/revisions/{}", info.id.0),
        when: format_time(info.created_at),
        who: info.user_name.clone().unwrap_or_else(|| l10n.msg("revisions-nobody")),
        note,
    }
}

pub(crate) async fn revisions_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Path(slug): Path<String>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    let record = editable_record(&state, &user, &slug).await?;
    let revisions = state.store.revisions(record.id).await?;
    let items =
        revisions.iter().map(|info| revision_item(&state, user.ui_lang, &slug, info)).collect();
    let html = render_revisions_page(
        &state.site(),
        user.ui_lang,
        user.staff_nav(&csrf),
        &record.title,
        edit_url(&slug),
        items,
    )?;
    Ok(private_page(html))
}

pub(crate) async fn revision_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Path((slug, revision_id)): Path<(String, i64)>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    let record = editable_record(&state, &user, &slug).await?;
    let revision = state
        .store
        .revision(record.id, RevisionId(revision_id))
        .await?
        .ok_or(WebError::NotFound { ui_lang: user.ui_lang })?;
    let restore_action = may(&user.user.roles, Action::RestoreRevision)
        .then(|| format!("/admin/articles/{slug}/revisions/{revision_id}/restore"));
    let page = RevisionPage {
        article_title: record.title.clone(),
        list_url: format!("/admin/articles/{slug}/revisions"),
        edit_url: edit_url(&slug),
        revision: revision_item(&state, user.ui_lang, &slug, &revision.info),
        restore_action,
        source: revision.source,
    };
    Ok(private_page(render_revision_page(
        &state.site(),
        user.ui_lang,
        user.staff_nav(&csrf),
        page,
    )?))
}

pub(crate) async fn restore_revision<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Path((slug, revision_id)): Path<(String, i64)>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    user.require(Action::RestoreRevision)?;
    let record = editable_record(&state, &user, &slug).await?;
    let revision = state
        .store
        .revision(record.id, RevisionId(revision_id))
        .await?
        .ok_or(WebError::NotFound { ui_lang: user.ui_lang })?;
    let fields = EditorFields { source: revision.source, action: "save".to_owned() };
    submit(&state, &csrf, &user, Some(record), fields, Some(format!("restore:{revision_id}"))).await
}
