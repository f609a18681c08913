//! `/admin`: what this person may start, and the articles waiting for them.

use super::*;

pub(crate) async fn dashboard<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    user.require(Action::UseDashboard)?;
    let roles = &user.user.roles;
    let l10n = state.catalog.localizer(user.ui_lang);
    let at = now();
    let mut actions = Vec::new();
    let button = |url: &str, id| DashboardAction { url: url.to_owned(), id, count: None };
    if may_start(&user) {
        actions.push(button("/admin/articles/new", "action-write"));
    }
    if may(roles, Action::UploadImage) {
        actions.push(button("/admin/media", "action-photos"));
    }
    if may(roles, Action::ManagePeople) {
        actions.push(button("/admin/people", "action-people"));
    }
    if may(roles, Action::ManageSite) {
        actions.push(button(&ashyq_render::urls::admin_site(), "action-site"));
    }
    if may(roles, Action::ModerateComments) {
        let counts = state.store.queue_counts().await?;
        let waiting = counts
            .iter()
            .find(|counted| counted.status == CommentStatus::Pending)
            .map_or(0, |counted| counted.count);
        actions.push(DashboardAction {
            count: Some(waiting),
            ..button("/moderation", "action-moderate")
        });
    }
    let item = |record: &ArticleRecord| {
        let status = l10n.msg(&status_message_id(record.status.code(), is_scheduled(record, at)));
        let url = if may_edit(&user, record) {
            edit_url(&record.slug)
        } else {
            ashyq_render::urls::article(&record.slug)
        };
        DashboardLink {
            url,
            text: record.title.clone(),
            lang: Some(record.lang.clone()),
            note: status,
        }
    };
    let mut sections = Vec::new();
    if may_start(&user) {
        let mine = ArticleFilter {
            created_by: Some(user.user.id),
            unpublished_only: true,
            ..ArticleFilter::default()
        };
        let records = state.store.article_records(mine, 50).await?;
        sections.push(("dashboard-my-drafts", records.iter().map(item).collect()));
    }
    if may(roles, Action::Publish) {
        let review =
            ArticleFilter { status: Some(ArticleStatus::Review), ..ArticleFilter::default() };
        let records = state.store.article_records(review, 50).await?;
        sections.push(("dashboard-review", records.iter().map(item).collect()));
    }
    let published =
        ArticleFilter { status: Some(ArticleStatus::Published), ..ArticleFilter::default() };
    let records = state.store.article_records(published, 20).await?;
    let visible: Vec<DashboardLink> = records
        .iter()
        // Scheduled articles are the editors' business until their time comes.
        .filter(|record| !is_scheduled(record, at) || may(roles, Action::Publish))
        .map(item)
        .collect();
    sections.push(("dashboard-published", visible));
    let html =
        render_dashboard(&state.site(), user.ui_lang, user.staff_nav(&csrf), actions, sections)?;
    Ok(private_page(html))
}
