//! The search index's life in the binary: opened (or rebuilt, when missing or damaged) at start,
//! kept up to date by an indexer thread that follows the store's change counter, and rebuilt on
//! demand by `ashyq search reindex` — into a new folder, swapped in atomically, so a running server
//! keeps answering and then follows.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use ashyq_search::{IndexBuilder, Indexer, Opened, SearchDocument, SearchIndex, TryIndexer};
use ashyq_store::{ArticleId, SearchFeed, SearchSource};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::GlobalArgs;
use crate::settings::Settings;

/// How often the indexer looks for changes (the issue asks for "within a few seconds").
const POLL_EVERY: Duration = Duration::from_secs(1);
/// Articles read from the store at a time.
const BATCH: u32 = 500;

/// `DATA/search`.
pub(crate) fn search_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("search")
}

/// The index as the store's article becomes it.
pub(crate) fn document(source: SearchSource) -> SearchDocument {
    let mut text = source.summary;
    for html in source.lead_html.iter().chain([&source.body_html]) {
        text.push('\n');
        text.push_str(&ashyq_search::text_from_html(html));
    }
    SearchDocument {
        id: source.id.0,
        group: source.group,
        slug: source.slug,
        lang: source.lang,
        title: source.title,
        text,
        tags: source.tags,
        authors: source.authors,
        published_at: source.published_at,
        status: source.status.code().to_owned(),
    }
}

/// Builds a whole new index from the store and makes it current. The watermark is read before
/// the first article, so a change made during the build is caught up by the indexer afterwards.
pub(crate) async fn rebuild<S: SearchFeed>(
    store: &S,
    root: &Path,
    progress: &ProgressBar,
) -> anyhow::Result<u64> {
    let watermark = store.search_change_counter().await?;
    let root_owned = root.to_owned();
    let mut builder =
        tokio::task::spawn_blocking(move || IndexBuilder::create(&root_owned, 2)).await??;
    let mut after = ArticleId(0);
    loop {
        let sources = store.search_sources_after(after, BATCH).await?;
        let Some(last) = sources.last() else { break };
        after = last.id;
        let count = sources.len() as u64;
        let documents: Vec<SearchDocument> = sources.into_iter().map(document).collect();
        builder = tokio::task::spawn_blocking(move || -> anyhow::Result<IndexBuilder> {
            for document in &documents {
                builder.add(document)?;
            }
            Ok(builder)
        })
        .await??;
        progress.inc(count);
    }
    let added = builder.added();
    progress.set_message("committing");
    tokio::task::spawn_blocking(move || builder.finish(watermark)).await??;
    Ok(added)
}

/// Opens the index, rebuilding it first when it is missing, of another version or damaged.
pub(crate) async fn open_or_rebuild<S: SearchFeed>(
    store: &S,
    data_dir: &Path,
) -> anyhow::Result<Arc<SearchIndex>> {
    let root = search_dir(data_dir);
    let opened = {
        let root = root.clone();
        tokio::task::spawn_blocking(move || SearchIndex::open(&root)).await?
    };
    if let Opened::Ready(index) = opened {
        return Ok(Arc::new(index));
    }
    match opened {
        Opened::NeedsRebuild(reason) => tracing::warn!(%reason, "rebuilding the search index"),
        _ => tracing::info!("building the search index"),
    }
    let started = std::time::Instant::now();
    let added = rebuild(store, &root, &ProgressBar::hidden())
        .await
        .with_context(|| format!("cannot build the search index in {}", root.display()))?;
    tracing::info!(
        articles = added,
        ms = started.elapsed().as_millis() as u64,
        "search index built"
    );
    match SearchIndex::open(&root) {
        Opened::Ready(index) => Ok(Arc::new(index)),
        Opened::Missing => {
            anyhow::bail!("the search index just built in {} is missing", root.display())
        }
        Opened::NeedsRebuild(reason) => {
            anyhow::bail!(
                "the search index just built in {} cannot be opened: {reason}",
                root.display()
            )
        }
    }
}

/// Starts the indexer: a thread that, every second, follows a rebuilt index, takes the writer if
/// no other process holds it, and indexes the articles changed since the index's watermark.
pub(crate) fn spawn_indexer<S: SearchFeed + Clone + 'static>(store: S, index: Arc<SearchIndex>) {
    let runtime = tokio::runtime::Handle::current();
    let spawned = std::thread::Builder::new().name("search-indexer".to_owned()).spawn(move || {
        let mut indexer: Option<(Box<Indexer>, i64)> = None;
        loop {
            if let Err(error) = catch_up(&runtime, &store, &index, &mut indexer) {
                tracing::warn!(error = %format!("{error:#}"), "search indexing failed; retrying");
                indexer = None;
            }
            std::thread::sleep(POLL_EVERY);
        }
    });
    if let Err(error) = spawned {
        tracing::error!(%error, "cannot start the search indexer; search will not follow changes");
    }
}

/// One round of the indexer. `indexer` holds the writer and the watermark it has committed.
fn catch_up<S: SearchFeed>(
    runtime: &tokio::runtime::Handle,
    store: &S,
    index: &SearchIndex,
    indexer: &mut Option<(Box<Indexer>, i64)>,
) -> anyhow::Result<()> {
    if index.refresh()? {
        tracing::info!(index = %index.current_name(), "switched to a rebuilt search index");
    }
    if indexer.as_ref().is_some_and(|(writer, _)| !writer.writes(index)) {
        *indexer = None;
    }
    if indexer.is_none() {
        match Indexer::acquire(index)? {
            TryIndexer::Acquired(writer) => *indexer = Some((writer, index.watermark()?)),
            // Another process indexes; this one only reads (refresh above picks its commits up).
            TryIndexer::Busy => return Ok(()),
        }
    }
    let Some((writer, watermark)) = indexer.as_mut() else { return Ok(()) };
    loop {
        let changes = runtime.block_on(store.search_changes(*watermark, BATCH))?;
        let Some(last) = changes.last() else { return Ok(()) };
        let last_seq = last.seq;
        let ids: Vec<ArticleId> = changes.iter().map(|change| change.article).collect();
        let sources = runtime.block_on(store.search_sources(&ids))?;
        let mut present = std::collections::HashSet::new();
        for source in sources {
            present.insert(source.id);
            writer.upsert(&document(source))?;
        }
        for id in ids.iter().filter(|id| !present.contains(id)) {
            writer.remove(id.0);
        }
        writer.commit(last_seq)?;
        *watermark = last_seq;
        index.refresh()?;
        tracing::debug!(articles = ids.len(), watermark = last_seq, "search index updated");
    }
}

/// `ashyq search reindex`: rebuilds the index from the database with a progress bar. Safe while a
/// server runs: the new index is built beside the old one and swapped in when complete.
pub(crate) async fn reindex(global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    use ashyq_store::ArticleStore as _;
    let settings = Settings::load(global, None)?;
    settings.prepare_data_dir()?;
    let store = crate::store::open_store(&settings).await?;
    let total = u64::try_from(store.count_articles().await?).unwrap_or_default();
    let bar = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} indexing [{bar:30}] {pos}/{len} {per_sec} eta {eta} {wide_msg}",
    ) {
        bar.set_style(style);
    }
    let started = std::time::Instant::now();
    let root = search_dir(&settings.data_dir);
    let added = rebuild(&store, &root, &bar)
        .await
        .with_context(|| format!("cannot build the search index in {}", root.display()))?;
    bar.finish_and_clear();
    store.close().await;
    // This line is an interface: the benchmark reads it.
    println!(
        "ashyq: indexed {added} articles in {:.1} s into {}",
        started.elapsed().as_secs_f64(),
        root.display()
    );
    Ok(ExitCode::SUCCESS)
}
