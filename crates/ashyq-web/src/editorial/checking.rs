//! A submitted text parsed, checked and rendered without writing anything: the parser's and
//! checker's errors and ours, each at its line, and the images each figure uses.

use super::*;

/// The line of the front matter key `key` (`published = …`), for errors about its value.
fn key_location(source: &str, key: &str) -> Location {
    let line = source
        .lines()
        .enumerate()
        .skip(1)
        .take_while(|(_, line)| line.trim_end() != "+++")
        .find(|(_, line)| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |(index, _)| index + 1);
    Location::new(SOURCE_NAME, line, 1)
}

/// An error worded in the UI language, at a location.
pub(super) struct UiError {
    pub(super) location: Location,
    pub(super) message_id: &'static str,
}

/// Everything wrong with a submitted text: the parser's and checker's errors, and ours.
#[derive(Default)]
pub(super) struct Problems {
    pub(super) article: Vec<ArticleError>,
    pub(super) ui: Vec<UiError>,
}

impl Problems {
    pub(super) fn is_empty(&self) -> bool {
        self.article.is_empty() && self.ui.is_empty()
    }

    pub(super) fn views<S>(
        &self,
        state: &AppState<S>,
        ui_lang: &str,
        source: &str,
    ) -> Vec<SourceErrorView> {
        let l10n = state.catalog.localizer(ui_lang);
        let mut views: Vec<SourceErrorView> =
            self.article.iter().map(|error| SourceErrorView::new(error, source)).collect();
        for error in &self.ui {
            views.push(SourceErrorView::at(&error.location, l10n.msg(error.message_id), source));
        }
        views.sort_by_key(|view| (view.line, view.column));
        views
    }
}

/// Parses and checks a submitted text and renders its fragments, without writing anything.
pub(super) async fn prepare<S: Store>(
    state: &AppState<S>,
    source: &str,
    current: Option<&ArticleRecord>,
    action: EditAction,
) -> Result<Result<NewArticle, Problems>, WebError> {
    let article = match parse_article(SOURCE_NAME, source) {
        Ok(article) => article,
        Err(errors) => return Ok(Err(Problems { article: errors, ui: Vec::new() })),
    };
    let mut problems = Problems::default();
    let mut existing: HashMap<String, String> = state.store.article_slugs().await?;
    if let Some(current) = current {
        existing.remove(&current.slug);
    }
    problems.article.extend(check_batch(std::slice::from_ref(&article), &existing));

    // Images the stored article already shows keep their files, so an imported article that uses
    // paths relative to its file stays editable; any other image must be an upload.
    let stored_urls: HashMap<String, String> = current
        .and_then(|record| {
            let stored = parse_article(SOURCE_NAME, &record.source).ok()?;
            rendered_image_urls(&stored, record.lead_html.as_deref(), &record.body_html)
        })
        .unwrap_or_default()
        .into_iter()
        .collect();
    let mut images = Images::default();
    for figure in article.all_figures() {
        let url = match uploaded_media_name(&figure.src) {
            Some(name) => ashyq_render::urls::media(name),
            None => match stored_urls.get(&figure.src) {
                Some(url) => url.clone(),
                None => {
                    problems.article.push(ArticleError::new(
                        figure.src_location.clone(),
                        ArticleErrorKind::ImageNotUploaded { path: figure.src.clone() },
                    ));
                    continue;
                }
            },
        };
        let Some(name) = uploaded_media_name(&url) else {
            problems.article.push(ArticleError::new(
                figure.src_location.clone(),
                ArticleErrorKind::ImageNotUploaded { path: figure.src.clone() },
            ));
            continue;
        };
        let on_disk = tokio::fs::try_exists(state.media_dir.join(name)).await.unwrap_or(false);
        if !on_disk {
            problems.article.push(ArticleError::new(
                figure.src_location.clone(),
                ArticleErrorKind::MissingUpload { name: name.to_owned() },
            ));
            continue;
        }
        if let Some(item) = state.store.media_by_name(name).await? {
            images.sizes.insert(figure.src.clone(), crate::photos::image_sizes(&item.media));
        }
        images.urls.insert(figure.src.clone(), url);
    }

    let published_at = article.published.unix_timestamp();
    let at = now();
    match action {
        EditAction::Publish if published_at > at => problems.ui.push(UiError {
            location: key_location(source, "published"),
            message_id: "editor-date-in-future",
        }),
        EditAction::Schedule if published_at <= at => problems.ui.push(UiError {
            location: key_location(source, "published"),
            message_id: "editor-date-not-in-future",
        }),
        _ => {}
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    Ok(Ok(render_new_article(state, article, &images)))
}

/// Where each figure's image is served from, and its sizes when it is an upload; by `src`.
#[derive(Default)]
struct Images {
    urls: HashMap<String, String>,
    sizes: HashMap<String, ImageSizes>,
}

fn render_new_article<S>(state: &AppState<S>, article: Article, images: &Images) -> NewArticle {
    let image_url = |src: &str| images.urls.get(src).cloned().unwrap_or_default();
    let image_sizes = |src: &str| images.sizes.get(src).cloned();
    let (lead_html, body_html) = ashyq_render::render_article_fragments_with_sizes(
        &article,
        &state.catalog,
        &image_url,
        Some(&image_sizes),
    );
    NewArticle { article, lead_html, body_html }
}
