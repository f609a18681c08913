//! `ashyq export site`: the whole public site as files with relative links, rendered by the same
//! functions as the server (`ashyq-render`) and passed through its static URL mode; a signed
//! `manifest.txt` at the top. A second export into the same folder writes only the files whose
//! bytes changed and removes those the site no longer has.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::store::AnyStore;
use anyhow::Context as _;
use ashyq_i18n::{Catalog, UI_LANGUAGES};
use ashyq_render::comment_pages::{CommentsSection, conversation};
use ashyq_render::static_links::{StaticSite, relativize, static_file_for};
use ashyq_render::{FRONT_SECTION_SIZE, FeedLinks, LIST_SIZE, MirrorsView, TranslationNotes, urls};
use ashyq_store::{
    ArticleStore, CommentStatus, CommentStore, FeedScope, FeedSource, FeedStore, TranslationStore,
};
use indicatif::ProgressBar;

use super::files::{Counts, OutFolder, disk_path, remove_leftover_temporaries, write_atomically};
use super::keys::{SigningKey, key_id, public_key_text};
use super::lock::{ExportLock, LOCK_FILE};
use super::manifest::{MANIFEST, Manifest, SIGNATURE, manifest_text, parse_manifest, sha256_hex};
use crate::cli::{ExportSiteArgs, GlobalArgs};
use crate::import::progress_bar;
use crate::settings::Settings;

/// A file some other part of the site generates (a feed, the sitemap, the key), by the address the
/// live site serves it at.
#[derive(Debug, Clone)]
pub(crate) struct GeneratedFile {
    pub(crate) address: String,
    pub(crate) bytes: Vec<u8>,
}

/// How many articles are read and rendered at once (the pool has four connections; rendering
/// keeps both cores busy meanwhile).
const WORKERS: usize = 4;

/// Files besides the pages and feeds: the public key, rotation statements, the sitemap (with its
/// parts past the limit) and `robots.txt`, rendered by the same functions the server answers with.
/// The sitemap's addresses and `robots.txt`'s `Sitemap:` line stay the live site's
/// (`public_url`): they name the newsroom's canonical pages for crawlers, which index the live
/// site and not a copy; no page of the copy links them. Each further file is one `push` here.
async fn extra_generated_files(
    settings: &Settings,
    key: &SigningKey,
    store: &AnyStore,
) -> anyhow::Result<Vec<GeneratedFile>> {
    let mut files = vec![GeneratedFile {
        address: "/keys/public.key".to_owned(),
        bytes: public_key_text(&key.public)?.into_bytes(),
    }];
    for rotation in super::keys::rotations(&settings.data_dir)? {
        files.push(GeneratedFile {
            address: format!("/keys/rotations/{}", rotation.file_name),
            bytes: rotation.statement.into_bytes(),
        });
        files.push(GeneratedFile {
            address: format!("/keys/rotations/{}.minisig", rotation.file_name),
            bytes: rotation.signature.into_bytes(),
        });
    }
    let sitemap = store.sitemap().await.context("reading the sitemap")?;
    let limit = settings.reach.sitemap_limit;
    for address in ashyq_render::sitemap_paths(&sitemap, limit) {
        if let Some(xml) =
            ashyq_render::render_sitemap(&sitemap, &settings.public_url, limit, &address)
        {
            files.push(GeneratedFile { address, bytes: xml.into_bytes() });
        }
    }
    // The live site's policy, word for word.
    files.push(GeneratedFile {
        address: ashyq_render::urls::robots(),
        bytes: ashyq_render::render_robots(&settings.public_url).into_bytes(),
    });
    Ok(files)
}

/// What a feed is about, owned (a [`FeedScope`] borrows).
#[derive(Debug, Clone)]
enum FeedSubject {
    Site,
    Language(String),
    Tag(String),
    Author(String),
}

impl FeedSubject {
    fn scope(&self) -> FeedScope<'_> {
        match self {
            FeedSubject::Site => FeedScope::Site,
            FeedSubject::Language(lang) => FeedScope::Language(lang),
            FeedSubject::Tag(slug) => FeedScope::Tag(slug),
            FeedSubject::Author(slug) => FeedScope::Author(slug),
        }
    }
}

/// A feed of the copy, read before the pages (so the pages know which feeds the copy holds) and
/// rendered after, with links into the copy.
struct CopyFeed {
    address: String,
    subject: FeedSubject,
    source: FeedSource,
}

/// The feeds the copy holds: the site's, each offered language's (empty for a language with no
/// story yet, as its front page links it), each tag's and author's with a visible story.
async fn copy_feeds(store: &AnyStore, public: &PublicLists<'_>) -> anyhow::Result<Vec<CopyFeed>> {
    let subjects = std::iter::once(FeedSubject::Site)
        .chain(public.languages.iter().map(|lang| FeedSubject::Language(lang.clone())))
        .chain(public.tags.iter().map(|slug| FeedSubject::Tag(slug.clone())))
        .chain(public.authors.iter().map(|slug| FeedSubject::Author(slug.clone())));
    let mut feeds = Vec::new();
    for subject in subjects {
        let scope = subject.scope();
        let address = ashyq_render::feed_path(scope);
        let source = store
            .feed(scope, ashyq_render::FEED_ENTRIES)
            .await
            .with_context(|| format!("reading the feed {address}"))?;
        let source = match (source, &subject) {
            (Some(source), _) => source,
            (None, FeedSubject::Language(_)) => FeedSource { subject: None, entries: Vec::new() },
            (None, _) => continue,
        };
        feeds.push(CopyFeed { address, subject, source });
    }
    Ok(feeds)
}

/// What the copy lists feeds for.
struct PublicLists<'a> {
    languages: &'a [String],
    tags: &'a [String],
    authors: &'a [String],
}

/// Everything the workers share.
struct Exporter {
    store: AnyStore,
    /// The site's name, words and languages as the live site renders them.
    site: ashyq_render::Site,
    out: OutFolder,
    live_url: String,
    languages: Vec<String>,
    /// Files the copy holds, in link form.
    holds: HashSet<String>,
    manifest: Mutex<Manifest>,
    /// Media files the pages refer to, in link form.
    media: Mutex<BTreeSet<String>>,
    progress: ProgressBar,
}

impl Exporter {
    fn holds(&self, file: &str) -> bool {
        self.holds.contains(file)
    }

    /// Records a file of the copy and writes it if it changed.
    fn put_file(&self, link_path: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = disk_path(link_path)
            .with_context(|| format!("`{link_path}` is not a safe file name for a copy"))?;
        self.out.put(&path, bytes)?;
        let hash = sha256_hex(bytes);
        self.manifest.lock().map_err(|_| anyhow::anyhow!("a worker failed"))?.insert(path, hash);
        Ok(())
    }

    /// A rendered page, its site addresses made relative, at the file for `address`.
    fn put_page(&self, address: &str, html: &str) -> anyhow::Result<()> {
        let file = static_file_for(address)
            .with_context(|| format!("`{address}` has no place in a copy"))?;
        let holds = |file: &str| self.holds(file);
        let site = StaticSite { live_url: Some(&self.live_url), holds: &holds };
        let mut media = Vec::new();
        let page = relativize(html, &file, &site, &mut |found| {
            if found.starts_with("media/") {
                media.push(found.to_owned());
            }
        });
        if !media.is_empty() {
            self.media.lock().map_err(|_| anyhow::anyhow!("a worker failed"))?.extend(media);
        }
        self.put_file(&file, page.as_bytes())
    }

    async fn export_article(&self, slug: &str) -> anyhow::Result<()> {
        // An article unpublished since the list was read is simply left out.
        let Some(view) =
            self.store.article(slug).await.with_context(|| format!("reading `{slug}`"))?
        else {
            return Ok(());
        };
        let comments = match self.store.comment_target(slug).await? {
            Some(target) => self.store.public_comments(target.article_id, None).await?,
            None => Vec::new(),
        };
        // Only approved comments: `public_comments` without a reader's token gives no others, and
        // a copy must never carry anything a moderator has not let through.
        let approved: Vec<_> = comments
            .into_iter()
            .filter(|comment| comment.status == CommentStatus::Approved)
            .collect();
        let l10n = self.site.localizer(&view.summary.lang);
        // The whole conversation on one page: this version's language first, the others behind
        // their details, as on the live site.
        let conversation = conversation(&approved, &view.summary.lang, &l10n);
        let section = CommentsSection {
            approved_count: conversation.approved,
            elsewhere_count: i64::try_from(conversation.elsewhere_approved).unwrap_or(i64::MAX),
            items: conversation.here,
            elsewhere: conversation.elsewhere,
            read_only_at: Some(format!("{}{}", self.live_url, urls::article(slug))),
            ..CommentsSection::default()
        };
        // A translation credits its translators in the copy as on the live page.
        let notes = match view.translation_of {
            Some(_) => TranslationNotes {
                translators: self
                    .store
                    .translators(slug)
                    .await
                    .with_context(|| format!("reading the translators of `{slug}`"))?,
                stale: Vec::new(),
            },
            None => TranslationNotes::default(),
        };
        let html = ashyq_render::render_translated_article_page(
            &self.site,
            &view,
            &self.languages,
            Some(&section),
            &notes,
            None,
            &self.live_url,
        )?;
        self.put_page(&urls::article(slug), &html)
    }

    async fn export_list(&self, kind: ListKind, slug: &str) -> anyhow::Result<()> {
        let (address, html) = match kind {
            ListKind::Tag => match self.store.tag_page(slug, LIST_SIZE).await? {
                Some(page) => (
                    urls::tag(slug),
                    ashyq_render::render_tag_page(&self.site, &page, &self.languages)?,
                ),
                None => return Ok(()),
            },
            ListKind::Author => match self.store.author_page(slug, LIST_SIZE).await? {
                Some(page) => (
                    urls::author(slug),
                    ashyq_render::render_author_page(&self.site, &page, &self.languages)?,
                ),
                None => return Ok(()),
            },
        };
        self.put_page(&address, &html)
    }
}

#[derive(Debug, Clone, Copy)]
enum ListKind {
    Tag,
    Author,
}

/// Runs `work` over `items` on [`WORKERS`] tasks; the first error stops the export.
async fn in_parallel<T, F, Fut>(
    exporter: &Arc<Exporter>,
    items: Vec<T>,
    work: F,
) -> anyhow::Result<()>
where
    T: Send + Sync + 'static,
    F: Fn(Arc<Exporter>, Arc<Vec<T>>, usize) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = anyhow::Result<()>> + Send,
{
    let items = Arc::new(items);
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..WORKERS {
        let (exporter, items, next, work) =
            (Arc::clone(exporter), Arc::clone(&items), Arc::clone(&next), work.clone());
        tasks.spawn(async move {
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                if index >= items.len() {
                    return Ok::<(), anyhow::Error>(());
                }
                work(Arc::clone(&exporter), Arc::clone(&items), index).await?;
                exporter.progress.inc(1);
            }
        });
    }
    while let Some(result) = tasks.join_next().await {
        result.context("an export task failed")??;
    }
    Ok(())
}

/// The files of the media folder, in link form (`media/NAME`, percent-encoded like the pages).
fn media_files(media_dir: &Path) -> anyhow::Result<HashSet<String>> {
    let mut found = HashSet::new();
    let entries = match std::fs::read_dir(media_dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(error) => {
            return Err(error).with_context(|| format!("cannot list {}", media_dir.display()));
        }
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", media_dir.display()))?;
        if let Ok(name) = entry.file_name().into_string()
            && !name.starts_with('.')
            && let Some(file) = static_file_for(&urls::media(&name))
        {
            found.insert(file);
        }
    }
    Ok(found)
}

/// The manifest of an earlier export in `out`, if any. A folder that holds other things is refused:
/// the export would mix its files with them and a later one would remove them. The lock file does
/// not count; a folder an interrupted first export left (its lock file says so) is one of ours.
fn earlier_manifest(out: &Path, interrupted: bool) -> anyhow::Result<Option<Manifest>> {
    let manifest_path = out.join(MANIFEST);
    match std::fs::read_to_string(&manifest_path) {
        Ok(text) => Ok(Some(parse_manifest(&text).with_context(|| {
            format!(
                "{} is not a manifest written by ashyq; export into an empty folder",
                out.display()
            )
        })?)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let not_empty = std::fs::read_dir(out).is_ok_and(|mut entries| {
                entries.any(|entry| entry.is_ok_and(|entry| entry.file_name() != LOCK_FILE))
            });
            if not_empty && !interrupted {
                anyhow::bail!(
                    "{} is not empty and holds no {MANIFEST}: export into an empty folder \
                     or into an earlier export",
                    out.display()
                );
            }
            Ok(None)
        }
        Err(error) => {
            Err(error).with_context(|| format!("cannot read {}", manifest_path.display()))
        }
    }
}

pub(crate) async fn run(global: &GlobalArgs, args: ExportSiteArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let settings = Settings::load(global, None)?;
    if settings.public_url_is_default {
        anyhow::bail!(
            "set public_url (in ashyq.toml or ASHYQ_PUBLIC_URL) to the live site's address: \
             a copy sends readers there to search and to comment"
        );
    }
    if !args.out.join(MANIFEST).exists() && !args.out.join(LOCK_FILE).exists() {
        // Refused before the lock file is made: a folder that is not ours is left untouched.
        earlier_manifest(&args.out, false)?;
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    // Held until the manifest and its signature are written: a second export into the folder is
    // refused at once, and a reader or `verify` meanwhile is told an export is running.
    let lock = ExportLock::take(&args.out)?;
    if let Some(holder) = &lock.interrupted {
        let removed = remove_leftover_temporaries(&args.out, LOCK_FILE)?;
        eprintln!(
            "An earlier export into {} did not finish ({holder}); this one completes the copy \
             ({removed} half-written temporary files removed).",
            args.out.display()
        );
    }
    let earlier = earlier_manifest(&args.out, lock.interrupted.is_some())?;
    let store = crate::store::open_store(&settings).await?;
    let key = SigningKey::load_or_create(&settings.data_dir)?;
    let catalog = Catalog::new().context("loading the translations")?;
    let site_settings = crate::site_cmd::load(&store).await.context("reading the site settings")?;
    let site = ashyq_render::Site::new(Arc::new(catalog), Arc::new(site_settings));
    let published: Vec<String> =
        store.languages().await?.into_iter().map(|language| language.lang).collect();
    let languages = site.settings().offered_languages(&published);
    let public = store.public_slugs().await.context("listing the articles")?;
    let lists = PublicLists { languages: &languages, tags: &public.tags, authors: &public.authors };
    let extras = extra_generated_files(&settings, &key, &store).await?;
    let feeds = copy_feeds(&store, &lists).await?;
    let mirrors_view = super::mirrors_view(&settings, &key)?;

    let mut holds = media_files(&settings.media_dir())?;
    holds.insert("index.html".to_owned());
    for lang in &languages {
        holds.extend(static_file_for(&urls::language_front_page(lang)));
    }
    for slug in &public.articles {
        holds.extend(static_file_for(&urls::article(slug)));
    }
    for slug in &public.tags {
        holds.extend(static_file_for(&urls::tag(slug)));
    }
    for slug in &public.authors {
        holds.extend(static_file_for(&urls::author(slug)));
    }
    holds.extend(static_file_for(&urls::mirrors(None)));
    for lang in UI_LANGUAGES {
        holds.extend(static_file_for(&urls::mirrors(Some(lang))));
    }
    for address in [ashyq_render::stylesheet_path(), ashyq_render::icon_path()] {
        holds.extend(static_file_for(address));
    }
    for address in extras.iter().map(|file| &file.address).chain(feeds.iter().map(|f| &f.address)) {
        holds.extend(static_file_for(address));
    }
    let lists: Vec<(ListKind, String)> =
        (public.tags.iter().map(|slug| (ListKind::Tag, slug.clone())))
            .chain(public.authors.iter().map(|slug| (ListKind::Author, slug.clone())))
            .collect();
    let progress = progress_bar(public.articles.len() + lists.len(), "exporting");
    let exporter = Arc::new(Exporter {
        store: store.clone(),
        site,
        out: OutFolder::new(args.out.clone()),
        live_url: settings.public_url.clone(),
        languages,
        holds,
        manifest: Mutex::new(Manifest::new()),
        media: Mutex::new(BTreeSet::new()),
        progress,
    });

    let article_count = public.articles.len();
    in_parallel(&exporter, public.articles, |exporter, items, index| async move {
        exporter.progress.set_message(items[index].clone());
        exporter.export_article(&items[index]).await
    })
    .await?;
    in_parallel(&exporter, lists, |exporter, items, index| async move {
        let (kind, slug) = &items[index];
        exporter.export_list(*kind, slug).await
    })
    .await?;

    export_fixed_pages(&exporter, &mirrors_view, &extras).await?;
    export_feeds(&exporter, &feeds)?;
    copy_media(&exporter, &settings.media_dir())?;
    exporter.progress.finish_and_clear();
    store.close().await;

    let manifest = std::mem::take(
        &mut *exporter.manifest.lock().map_err(|_| anyhow::anyhow!("a worker failed"))?,
    );
    let mut removed = 0;
    for path in earlier.iter().flat_map(|earlier| earlier.keys()) {
        if !manifest.contains_key(path) && exporter.out.remove(path)? {
            removed += 1;
        }
    }
    let text = manifest_text(&manifest);
    let signature = key.sign(
        text.as_bytes(),
        &format!(
            "ashyq copy of {} with {} files, made {}",
            settings.public_url,
            manifest.len(),
            time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default()
        ),
    )?;
    write_atomically(&exporter.out.root().join(MANIFEST), text.as_bytes(), true)?;
    write_atomically(&exporter.out.root().join(SIGNATURE), signature.as_bytes(), true)?;
    lock.finish()?;

    let Counts { written, unchanged } = exporter.out.counts();
    println!(
        "Exported {article_count} articles ({} files) to {} in {:.1} s: {written} written, \
         {unchanged} unchanged, {removed} removed. Signed with key {}.",
        manifest.len(),
        args.out.display(),
        started.elapsed().as_secs_f64(),
        key_id(&key.public),
    );
    Ok(ExitCode::SUCCESS)
}

/// Front pages, the mirrors pages, the stylesheet and icon, and the generated files.
async fn export_fixed_pages(
    exporter: &Exporter,
    mirrors_view: &MirrorsView,
    extras: &[GeneratedFile],
) -> anyhow::Result<()> {
    let store = &exporter.store;
    let languages = &exporter.languages;
    let mut sections = Vec::with_capacity(languages.len());
    for lang in languages {
        sections.push((lang.clone(), store.latest_articles(Some(lang), FRONT_SECTION_SIZE).await?));
    }
    let front = ashyq_render::render_front_page(&exporter.site, None, &sections, languages)?;
    exporter.put_page(&urls::front_page(), &front)?;
    for lang in languages {
        let stories = store.latest_articles(Some(lang), FRONT_SECTION_SIZE * 3).await?;
        let page = ashyq_render::render_front_page(
            &exporter.site,
            Some(lang),
            &[(lang.clone(), stories)],
            languages,
        )?;
        exporter.put_page(&urls::language_front_page(lang), &page)?;
    }
    let english = ashyq_render::render_mirrors_page(&exporter.site, "en", mirrors_view, languages)?;
    exporter.put_page(&urls::mirrors(None), &english)?;
    for lang in UI_LANGUAGES {
        let page =
            ashyq_render::render_mirrors_page(&exporter.site, lang, mirrors_view, languages)?;
        exporter.put_page(&urls::mirrors(Some(lang)), &page)?;
    }
    for (address, content) in [
        (ashyq_render::stylesheet_path(), ashyq_render::STYLESHEET),
        (ashyq_render::icon_path(), ashyq_render::ICON_SVG),
    ] {
        let file = static_file_for(address).context("the stylesheet's address")?;
        exporter.put_file(&file, content.as_bytes())?;
    }
    for extra in extras {
        let file = static_file_for(&extra.address)
            .with_context(|| format!("`{}` has no place in a copy", extra.address))?;
        exporter.put_file(&file, &extra.bytes)?;
    }
    Ok(())
}

/// The feeds, their links leading into the copy (`FeedLinks::Copy`); their ids stay the live
/// site's permanent addresses.
fn export_feeds(exporter: &Exporter, feeds: &[CopyFeed]) -> anyhow::Result<()> {
    let holds = |file: &str| exporter.holds(file);
    let site = StaticSite { live_url: Some(&exporter.live_url), holds: &holds };
    for feed in feeds {
        let file = static_file_for(&feed.address)
            .with_context(|| format!("`{}` has no place in a copy", feed.address))?;
        let xml = ashyq_render::render_atom_feed_with(
            &exporter.site,
            feed.subject.scope(),
            &feed.source,
            &exporter.live_url,
            FeedLinks::Copy { file: &file, site: &site },
        )?;
        exporter.put_file(&file, xml.as_bytes())?;
    }
    Ok(())
}

/// Copies every media file a page refers to (each size a `srcset` offers).
fn copy_media(exporter: &Exporter, media_dir: &Path) -> anyhow::Result<()> {
    let media = std::mem::take(
        &mut *exporter.media.lock().map_err(|_| anyhow::anyhow!("a worker failed"))?,
    );
    for link in media {
        let path =
            disk_path(&link).with_context(|| format!("`{link}` is not a media file name"))?;
        let name = path.strip_prefix("media/").context("a media file outside media/")?;
        let source = media_dir.join(name);
        let bytes = std::fs::read(&source)
            .with_context(|| format!("cannot read the image {}", source.display()))?;
        exporter.put_file(&link, &bytes)?;
    }
    Ok(())
}
