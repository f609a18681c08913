//! `ashyq import disqus` and `ashyq import isso`, and the one way every importer turns a foreign
//! comment into ours (`stored_comments`): screened for moderators' information, its state kept,
//! no address or e-mail kept (see `ashyq_services::comments::imported_comment`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use ashyq_import::foreign::{CommentState, ForeignComment, isso_state, order_threads};
use ashyq_import::plan::Report;
use ashyq_import::slugs::ascii_slug;
use ashyq_import::xml::Limits;
use ashyq_moderation::{CommentInput, Screen};
use ashyq_services::comments::{ImportedParts, imported_comment};
use ashyq_store::{ArchiveBatch, ArticleRef, CommentStatus, ImportStore, ImportedComment};
use sqlx::ConnectOptions as _;

use crate::cli::{GlobalArgs, ImportCommentsArgs};
use crate::import::progress_bar;
use crate::import_report::{Totals, print_details, print_summary};
use crate::settings::Settings;

/// Our state for an archive's.
pub(crate) fn status_of(state: CommentState) -> CommentStatus {
    match state {
        CommentState::Approved => CommentStatus::Approved,
        CommentState::Pending => CommentStatus::Pending,
        CommentState::Spam => CommentStatus::Spam,
        CommentState::Rejected => CommentStatus::Rejected,
    }
}

/// The screen the running site uses (its model setting and its moderators' word lists), so an
/// imported comment is screened as one posted through the form would be.
pub(crate) async fn site_screen<S: ashyq_store::Store>(
    settings: &Settings,
    store: &S,
) -> anyhow::Result<Screen> {
    let model =
        settings.moderation_model.as_deref().map(crate::moderation_cmd::load_model).transpose()?;
    Ok(ashyq_services::screening::site_screen(store, model).await?)
}

/// Every foreign comment as one to store, in the order given (parents first); `article` says
/// which article a comment's thread is.
pub(crate) fn stored_comments(
    comments: &[ForeignComment],
    screen: &Screen,
    article: &dyn Fn(&str) -> Option<ArticleRef>,
) -> Vec<ImportedComment> {
    let progress = progress_bar(comments.len(), "screening comments");
    let mut stored = Vec::with_capacity(comments.len());
    for foreign in comments {
        progress.inc(1);
        let Some(article) = article(&foreign.thread) else { continue };
        let verdict =
            screen.screen(&CommentInput { text: &foreign.body, lang_hint: None, recent: &[] });
        let comment = imported_comment(
            ImportedParts {
                author_name: foreign.author.clone(),
                body: foreign.body.clone(),
                created_at: foreign.created,
                status: status_of(foreign.state),
            },
            &verdict,
        );
        stored.push(ImportedComment {
            foreign_id: foreign.id.clone(),
            foreign_parent: foreign.parent.clone(),
            article,
            comment,
        });
    }
    progress.finish_and_clear();
    stored
}

/// The path of a page address, without host, query or fragment: `https://x.org/a/b/?p=1` → `/a/b/`.
fn address_path(address: &str) -> &str {
    let without = address.split(['?', '#']).next().unwrap_or("");
    match without.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |index| &rest[index..]),
        None => without,
    }
}

/// Old addresses (or their paths) → slugs, from a `--map` file.
fn read_map(path: &Path) -> anyhow::Result<HashMap<String, String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the map file {}", path.display()))?;
    let mut map = HashMap::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut words = line.split_whitespace();
        match (words.next(), words.next(), words.next()) {
            (Some(old), Some(slug), None) => {
                map.insert(old.to_owned(), slug.to_owned());
            }
            _ => anyhow::bail!(
                "{}:{}: expected `OLD-ADDRESS SLUG`, found `{line}`",
                path.display(),
                number + 1
            ),
        }
    }
    Ok(map)
}

/// The slug a thread's address points to: the map (by whole address, then by path), then the
/// address's last part as a slug (`/2020/05/river-bridge/` → `river-bridge`).
fn slug_for(address: &str, map: &HashMap<String, String>) -> Option<String> {
    let path = address_path(address);
    if let Some(slug) = map.get(address).or_else(|| map.get(path)) {
        return Some(slug.clone());
    }
    let last = path.split('/').rev().find(|part| !part.is_empty())?;
    ascii_slug(last)
}

/// Imports comments read from `source`: matches threads, skips what is here, writes the rest in
/// one transaction.
async fn import_foreign(
    global: &GlobalArgs,
    args: &ImportCommentsArgs,
    source: &str,
    mut comments: Vec<ForeignComment>,
    mut report: Report,
) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let settings = Settings::load(global, None)?;
    settings.prepare_data_dir()?;
    let map = match &args.map {
        Some(path) => read_map(path)?,
        None => HashMap::new(),
    };
    let store = crate::store::open_store(&settings).await?;
    let articles = store.article_ids().await?;
    let known = store.imported_comments(source).await?;
    let before = comments.len();
    comments.retain(|comment| !known.contains_key(&comment.id));
    report.comments_already = before - comments.len();
    let mut unmatched: BTreeMap<String, usize> = BTreeMap::new();
    let mut matched: HashMap<String, ashyq_store::ArticleId> = HashMap::new();
    for comment in &comments {
        if matched.contains_key(&comment.thread) {
            continue;
        }
        if let Some(count) = unmatched.get_mut(&comment.thread) {
            *count += 1;
            continue;
        }
        match slug_for(&comment.thread, &map).and_then(|slug| articles.get(&slug).copied()) {
            Some(id) => {
                matched.insert(comment.thread.clone(), id);
            }
            None => {
                unmatched.insert(comment.thread.clone(), 1);
            }
        }
    }
    for (thread, count) in &unmatched {
        report.skipped.push((
            format!("{count} comment(s) on {thread}"),
            "no article matches this address (add it to --map)".to_owned(),
        ));
    }
    comments.retain(|comment| matched.contains_key(&comment.thread));
    let orphans = order_threads(&mut comments, &|id| known.contains_key(id));
    for id in orphans {
        report.notes.push(format!(
            "comment {id}: its parent is not in the export; shown as a top-level comment"
        ));
    }
    let screen = site_screen(&settings, &store).await?;
    let stored = stored_comments(&comments, &screen, &|thread| {
        matched.get(thread).map(|id| ArticleRef::Id(*id))
    });
    print_details(&report);
    let totals = Totals { articles: 0, comments: stored.len(), images: 0 };
    if !args.dry_run && !stored.is_empty() {
        let batch =
            ArchiveBatch { source: source.to_owned(), articles: Vec::new(), comments: stored };
        store
            .import_archive(&batch)
            .await
            .context("storing the comments failed; nothing was imported")?;
    }
    store.close().await;
    let catalog = ashyq_i18n::Catalog::new()?;
    print_summary(&catalog, &report, &totals, args.dry_run, started.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}

fn read_text(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    String::from_utf8(bytes).map_err(|error| {
        anyhow::anyhow!(
            "{}: the file is not UTF-8 text (byte {}); nothing was imported",
            path.display(),
            error.utf8_error().valid_up_to()
        )
    })
}

pub(crate) async fn run_disqus(
    global: &GlobalArgs,
    args: ImportCommentsArgs,
) -> anyhow::Result<ExitCode> {
    let text = read_text(&args.file)?;
    let export = match ashyq_import::disqus::read_disqus(&text, Limits::default()) {
        Ok(export) => export,
        Err(error) => {
            eprintln!("{}:{}:{}: {}", args.file.display(), error.line, error.column, error.kind);
            eprintln!("nothing was imported");
            return Ok(ExitCode::FAILURE);
        }
    };
    let report = Report { skipped: export.skipped, ..Report::default() };
    import_foreign(global, &args, "disqus", export.comments, report).await
}

/// A comment row of Isso's database, with its thread's address.
#[derive(sqlx::FromRow)]
struct IssoRow {
    id: i64,
    parent: Option<i64>,
    created: f64,
    mode: i64,
    text: Option<String>,
    author: Option<String>,
    uri: String,
}

/// Isso's comments, read from its database opened read-only.
async fn read_isso(path: &Path) -> anyhow::Result<(Vec<ForeignComment>, Report)> {
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .create_if_missing(false);
    let mut connection = options
        .connect()
        .await
        .with_context(|| format!("cannot open the Isso database {}", path.display()))?;
    let rows: Vec<IssoRow> = sqlx::query_as(
        "SELECT c.id, c.parent, c.created, c.mode, c.text, c.author, t.uri \
             FROM comments c JOIN threads t ON t.id = c.tid ORDER BY c.id",
    )
    .fetch_all(&mut connection)
    .await
    .with_context(|| {
        format!(
            "{} is not an Isso database (tables `threads` and `comments` expected)",
            path.display()
        )
    })?;
    let mut report = Report::default();
    let mut comments = Vec::with_capacity(rows.len());
    for IssoRow { id, parent, created, mode, text, author, uri } in rows {
        let body = text.unwrap_or_default().trim().to_owned();
        if body.is_empty() {
            // Isso keeps a deleted comment that has replies as an empty row.
            report.skipped.push((format!("comment {id}"), "it has no text".to_owned()));
            continue;
        }
        comments.push(ForeignComment {
            id: id.to_string(),
            parent: parent.map(|parent| parent.to_string()),
            thread: uri,
            author: author.unwrap_or_default(),
            body: ashyq_import::html::plain_text(&body),
            created: created as i64,
            state: isso_state(mode),
        });
    }
    Ok((comments, report))
}

pub(crate) async fn run_isso(
    global: &GlobalArgs,
    args: ImportCommentsArgs,
) -> anyhow::Result<ExitCode> {
    let (comments, report) = read_isso(&args.file).await?;
    import_foreign(global, &args, "isso", comments, report).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_addresses_match_slugs_through_the_map_or_their_last_part() {
        let map: HashMap<String, String> =
            [("/old/path/".to_owned(), "new-slug".to_owned())].into_iter().collect();
        assert_eq!(slug_for("https://x.org/old/path/?utm=1", &map).as_deref(), Some("new-slug"));
        assert_eq!(
            slug_for("https://x.org/2020/05/river-bridge/", &map).as_deref(),
            Some("river-bridge")
        );
        assert_eq!(slug_for("/ru/%d0%bc%d0%be%d1%81%d1%82/", &map).as_deref(), Some("most"));
        assert_eq!(slug_for("https://x.org/", &map), None);
    }
}
