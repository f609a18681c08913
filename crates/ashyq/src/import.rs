//! `ashyq import md`: read article files, check them all, then write images and articles. Nothing is
//! written unless every file is valid, and the articles go in one transaction.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::store::AnyStore;
use anyhow::Context as _;
use ashyq_content::{
    Article, ArticleError, ArticleErrorKind, Figure, ImageSizes, Location, SiteSettings,
    check_batch, parse_article, uploaded_media_name,
};
use ashyq_i18n::Catalog;
use ashyq_services::media::{
    ImageMeta, PreparedImage, prepare_image, slug_of_media_name, store_image,
};
use ashyq_services::translations::approval::{
    ApprovedImportError, PublicationError, check_publication, import_approved,
};
use ashyq_services::translations::workbench::record_approval;
use ashyq_services::translations::{TranslationSync, record_units};
use ashyq_store::{ArticleStore, EditorialStore, ImportOutcome, NewArticle, StoreError};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{GlobalArgs, ImportMdArgs};
use crate::media::image_extension;
use crate::settings::Settings;

/// An article file's text and the name used for it in messages.
pub(crate) struct SourceFile {
    pub(crate) name: String,
    pub(crate) text: String,
}

/// Where images referenced by articles come from: the disk, or the demo content in the binary.
pub(crate) trait ImageSource {
    /// The bytes of image `src` as written in article `article_name`; `None` if there is none.
    fn load(&self, article_name: &str, src: &str) -> Option<Vec<u8>>;

    /// Where the uploaded photo `/media/NAME` used by article `article_name` is; `None` if nowhere.
    fn uploaded(&self, _article_name: &str, _name: &str) -> Option<Uploaded> {
        None
    }
}

/// An uploaded photo an article references as `/media/NAME`.
pub(crate) enum Uploaded {
    /// Already in the data folder's media directory.
    InDataFolder,
    /// Found in a `media/` folder beside the articles (an export), to be copied in under its name.
    Beside(Vec<u8>),
}

/// Images next to article files on disk, and uploaded photos in the data folder.
struct DiskImages {
    media_dir: PathBuf,
}

impl ImageSource for DiskImages {
    fn load(&self, article_name: &str, src: &str) -> Option<Vec<u8>> {
        if Path::new(src).is_absolute() {
            return None;
        }
        let base = Path::new(article_name).parent().unwrap_or(Path::new(""));
        std::fs::read(base.join(src)).ok()
    }

    fn uploaded(&self, article_name: &str, name: &str) -> Option<Uploaded> {
        if self.media_dir.join(name).is_file() {
            return Some(Uploaded::InDataFolder);
        }
        // `ashyq export md` puts uploaded photos in `OUT/media/` and articles in `OUT/articles/`:
        // look in a `media/` folder beside the article's folder or any folder above it.
        Path::new(article_name)
            .ancestors()
            .skip(1)
            .find_map(|folder| std::fs::read(folder.join("media").join(name)).ok())
            .map(Uploaded::Beside)
    }
}

/// A recorded image's sizes with their addresses.
fn sizes_of(media: &ashyq_store::NewMedia) -> ImageSizes {
    ashyq_services::media::image_sizes(media, &ashyq_render::urls::media)
}

/// `dir/../x` → `x`: joins an image path to its article's folder without touching the disk.
pub(crate) fn resolve_relative(article_name: &str, src: &str) -> String {
    let base = Path::new(article_name).parent().unwrap_or(Path::new(""));
    let mut parts: Vec<String> = Vec::new();
    for component in base.join(src).components() {
        match component {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

/// A batch that passed every check, ready to write.
pub(crate) struct PreparedBatch {
    pub(crate) articles: Vec<NewArticle>,
    /// Every image the articles bring, checked, cleaned and named; each once.
    pub(crate) media: Vec<PreparedImage>,
}

/// What went wrong with a batch: every error, and how many files had one.
pub(crate) struct BatchErrors {
    pub(crate) errors: Vec<ArticleError>,
    pub(crate) failed_files: usize,
    pub(crate) total_files: usize,
}

/// The words an article gives its figure, for the image's record.
fn figure_meta(figure: &Figure, slug: Option<String>) -> ImageMeta {
    ImageMeta {
        alt: figure.alt.clone(),
        caption: figure.caption.clone(),
        credit: figure.credit.clone(),
        licence: figure.licence.code().to_owned(),
        slug,
    }
}

/// Adds `image` to the batch unless an image of the same name is in it already.
fn add_image(media: &mut Vec<PreparedImage>, image: PreparedImage) {
    if !media.iter().any(|known| known.media.name == image.media.name) {
        media.push(image);
    }
}

/// Parses and checks every file, loads the images and prepares them through the one image path
/// (metadata stripped, variants made, SVGs sanitised, names from contents), and renders the
/// fragments with each image's `srcset`, `width` and `height`. Writes nothing.
pub(crate) fn prepare_batch(
    files: &[SourceFile],
    images: &dyn ImageSource,
    catalog: &Catalog,
    existing: &HashMap<String, String>,
    uploaded_sizes: &HashMap<String, ImageSizes>,
    progress: &ProgressBar,
) -> Result<PreparedBatch, BatchErrors> {
    let mut errors = Vec::new();
    let mut articles: Vec<Article> = Vec::new();
    for file in files {
        progress.set_message(file.name.clone());
        match parse_article(&file.name, &file.text) {
            Ok(article) => articles.push(article),
            Err(file_errors) => errors.extend(file_errors),
        }
        progress.inc(1);
    }
    errors.extend(check_batch(&articles, existing));

    let mut media: Vec<PreparedImage> = Vec::new();
    let mut urls_by_article: Vec<HashMap<String, String>> = Vec::with_capacity(articles.len());
    let mut sizes_by_article: Vec<HashMap<String, ImageSizes>> = Vec::with_capacity(articles.len());
    for article in &articles {
        let mut urls = HashMap::new();
        let mut sizes = HashMap::new();
        for figure in article.all_figures() {
            let file = &figure.src_location.file;
            let refused = |reason: String| {
                ArticleError::new(
                    figure.src_location.clone(),
                    ArticleErrorKind::ImageRefused { path: figure.src.clone(), reason },
                )
            };
            if let Some(name) = uploaded_media_name(&figure.src) {
                match images.uploaded(file, name) {
                    Some(Uploaded::InDataFolder) => {
                        if let Some(known) = uploaded_sizes.get(name) {
                            sizes.insert(figure.src.clone(), known.clone());
                        }
                        urls.insert(figure.src.clone(), ashyq_render::urls::media(name));
                    }
                    Some(Uploaded::Beside(bytes)) => {
                        // A photo exported under its name is published again through the same
                        // path, and must come out under the same name.
                        let meta = figure_meta(figure, slug_of_media_name(name));
                        match prepare_image(&bytes, &meta) {
                            Ok(image) if image.media.name == name => {
                                sizes.insert(figure.src.clone(), sizes_of(&image.media));
                                urls.insert(figure.src.clone(), ashyq_render::urls::media(name));
                                add_image(&mut media, image);
                            }
                            Ok(image) => errors.push(refused(format!(
                                "the file in `media/` is not the one published under this name (it would be published as `{}`)",
                                image.media.name
                            ))),
                            Err(error) => errors.push(refused(error.to_string())),
                        }
                    }
                    None => errors.push(ArticleError::new(
                        figure.src_location.clone(),
                        ArticleErrorKind::MissingUpload { name: name.to_owned() },
                    )),
                }
                continue;
            }
            if image_extension(&figure.src).is_none() {
                errors.push(ArticleError::new(
                    figure.src_location.clone(),
                    ArticleErrorKind::UnsupportedImage { path: figure.src.clone() },
                ));
                continue;
            }
            let Some(bytes) = images.load(file, &figure.src) else {
                errors.push(ArticleError::new(
                    figure.src_location.clone(),
                    ArticleErrorKind::MissingImage { path: figure.src.clone() },
                ));
                continue;
            };
            match prepare_image(&bytes, &figure_meta(figure, None)) {
                Ok(image) => {
                    let url = ashyq_render::urls::media(&image.media.name);
                    urls.insert(figure.src.clone(), url);
                    sizes.insert(figure.src.clone(), sizes_of(&image.media));
                    add_image(&mut media, image);
                }
                Err(error) => errors.push(refused(error.to_string())),
            }
        }
        urls_by_article.push(urls);
        sizes_by_article.push(sizes);
    }

    if !errors.is_empty() {
        errors.sort_by(|a, b| {
            (&a.location.file, a.location.line, a.location.column).cmp(&(
                &b.location.file,
                b.location.line,
                b.location.column,
            ))
        });
        let mut failed: Vec<&str> =
            errors.iter().map(|error| error.location.file.as_str()).collect();
        failed.dedup();
        return Err(BatchErrors { failed_files: failed.len(), total_files: files.len(), errors });
    }

    let articles = articles
        .into_iter()
        .zip(urls_by_article.into_iter().zip(sizes_by_article))
        .map(|(article, (urls, sizes))| {
            let image_url = |src: &str| urls.get(src).cloned().unwrap_or_default();
            let image_sizes = |src: &str| sizes.get(src).cloned();
            let (lead_html, body_html) = ashyq_render::render_article_fragments_with_sizes(
                &article,
                catalog,
                &image_url,
                Some(&image_sizes),
            );
            NewArticle { article, lead_html, body_html }
        })
        .collect();
    Ok(PreparedBatch { articles, media })
}

/// Who vouches for the translations a batch publishes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Approval<'a> {
    /// The operator (or the demo's own content): the translations are recorded approved by them.
    ByOperator,
    /// A language editor on the site (`import md --require-approval`): every translation that
    /// needs approval by these settings must be approved as it is, checked in the write itself.
    Required(&'a SiteSettings),
}

/// One line per translation refused for want of approval, naming its file.
fn approval_refusals(batch: &PreparedBatch, refused: &[(usize, PublicationError)]) -> Vec<String> {
    refused
        .iter()
        .map(|(index, error)| {
            let file = batch
                .articles
                .get(*index)
                .map(|new| new.article.slug_location.file.as_str())
                .unwrap_or_default();
            format!(
                "{file}: {error}. Review it in the side-by-side editor, or import without \
                 --require-approval to record that you approved it"
            )
        })
        .collect()
}

/// Writes the images (files, then their records), then the articles in one transaction. With
/// [`Approval::ByOperator`] the translations in the batch are then recorded as approved; with
/// [`Approval::Required`] the articles are written only if every translation is approved as it is
/// at the moment of the write (`import_approved`: the check is re-read inside the transaction).
pub(crate) async fn write_batch(
    store: &AnyStore,
    media_dir: &Path,
    batch: &PreparedBatch,
    replace: bool,
    approval: Approval<'_>,
) -> anyhow::Result<ImportOutcome> {
    // Images first: they are content-addressed, so an image written for a batch that then fails is
    // harmless (its files and record stay, unused), while an article stored before its image would
    // show a broken picture. An image already on the site keeps its first record.
    store_images(store, media_dir, &batch.media).await?;
    let stored = match approval {
        Approval::ByOperator => store.import_articles(&batch.articles, replace).await,
        Approval::Required(settings) => {
            match import_approved(store, settings, &batch.articles, replace).await {
                Ok(outcome) => Ok(outcome),
                Err(ApprovedImportError::Store(error)) => Err(error),
                Err(ApprovedImportError::NotApproved(refused)) => anyhow::bail!(
                    "{}\nthe site changed while importing; nothing was imported",
                    approval_refusals(batch, &refused).join("\n")
                ),
                Err(error) => {
                    return Err(anyhow::Error::new(error).context("checking approvals"));
                }
            }
        }
    };
    let outcome = stored.map_err(|error| match error {
        StoreError::Conflict { constraint: ashyq_store::Constraint::ArticleSlug } => anyhow::anyhow!(
            "an article with one of these slugs was stored meanwhile; nothing was imported (run again, or use --replace)"
        ),
        other => anyhow::Error::new(other).context("storing the articles failed; nothing was imported"),
    })?;
    // A file imported is taken as in step with its original; a changed original marks the changed
    // units of its translations.
    let written: Vec<&Article> = batch.articles.iter().map(|new| &new.article).collect();
    record_units(store, &written, TranslationSync::InStep).await.context(
        "the articles were imported, but their translation units could not be recorded; import them again with --replace",
    )?;
    if matches!(approval, Approval::ByOperator) {
        for article in written.iter().filter(|article| article.translation_of.is_some()) {
            record_approval(store, article.slug.as_str()).await.with_context(|| {
                format!(
                    "the articles were imported, but the approval of {} could not be recorded",
                    article.slug.as_str()
                )
            })?;
        }
    }
    Ok(outcome)
}

/// Writes a batch's images (files, then their records) through the one image path.
pub(crate) async fn store_images(
    store: &AnyStore,
    media_dir: &Path,
    media: &[PreparedImage],
) -> anyhow::Result<()> {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    for image in media {
        store_image(store, media_dir, image, None, now).await.with_context(|| {
            format!("storing the image {}; no article was imported", image.media.name)
        })?;
    }
    Ok(())
}

/// Finds `*.md` files: each path is a file or a folder searched recursively, in name order.
fn collect_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for path in paths {
        let metadata =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if metadata.is_dir() {
            let mut stack = vec![path.clone()];
            while let Some(dir) = stack.pop() {
                let entries = std::fs::read_dir(&dir)
                    .with_context(|| format!("cannot list {}", dir.display()))?;
                for entry in entries {
                    let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
                    let entry_path = entry.path();
                    if entry_path.is_dir() {
                        stack.push(entry_path);
                    } else if entry_path.extension().is_some_and(|extension| extension == "md") {
                        found.push(entry_path);
                    }
                }
            }
        } else {
            found.push(path.clone());
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

/// The sizes of every photo uploaded in the browser, by the name articles use, for `srcset`.
pub(crate) async fn uploaded_sizes(
    store: &AnyStore,
) -> anyhow::Result<HashMap<String, ImageSizes>> {
    let items = store.recent_media(u32::MAX).await.context("reading the uploaded photos")?;
    Ok(items.into_iter().map(|item| (item.media.name.clone(), sizes_of(&item.media))).collect())
}

pub(crate) fn progress_bar(total: usize, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(total as u64);
    if let Ok(style) = ProgressStyle::with_template(&format!(
        "{{spinner}} {what} [{{bar:30}}] {{pos}}/{{len}} {{wide_msg}}"
    )) {
        bar.set_style(style);
    }
    bar
}

/// Prints a batch's errors and the summary line.
pub(crate) fn report_errors(errors: &BatchErrors) {
    for error in &errors.errors {
        eprintln!("{error}");
    }
    let counts = [
        ("failed", count(errors.failed_files)),
        ("total", count(errors.total_files)),
        ("problems", count(errors.errors.len())),
    ];
    match Catalog::new() {
        Ok(catalog) => eprintln!(
            "{}",
            catalog.localizer(CLI_LANGUAGE).msg_numbers("import-failed", &counts, &[])
        ),
        Err(_) => eprintln!(
            "{} of {} files have errors ({} problems); nothing was imported.",
            errors.failed_files,
            errors.total_files,
            errors.errors.len()
        ),
    }
}

/// The language of the command line's summary lines.
const CLI_LANGUAGE: &str = "en";

fn count(number: usize) -> i64 {
    i64::try_from(number).unwrap_or(i64::MAX)
}

pub(crate) async fn run(global: &GlobalArgs, args: ImportMdArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let settings = Settings::load(global, None)?;
    let paths = collect_files(&args.paths)?;
    if paths.is_empty() {
        anyhow::bail!("no .md files found in the given paths");
    }
    let mut files = Vec::with_capacity(paths.len());
    let mut unreadable = Vec::new();
    for path in &paths {
        let name = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => files.push(SourceFile { name, text }),
            Err(error) => unreadable.push(ArticleError::new(
                Location::new(&name, 1, 1),
                ArticleErrorKind::Unreadable(error.to_string()),
            )),
        }
    }
    if !unreadable.is_empty() {
        report_errors(&BatchErrors {
            failed_files: unreadable.len(),
            total_files: paths.len(),
            errors: unreadable,
        });
        return Ok(ExitCode::FAILURE);
    }

    settings.prepare_data_dir()?;
    let store = crate::store::open_store(&settings).await?;
    let catalog = Catalog::new()?;
    let mut existing = store.article_slugs().await?;
    if args.replace {
        // The files replace their stored namesakes, which are then no duplicates; the other stored
        // articles stay, so a translation imported alone still finds its original.
        for file in &files {
            if let Ok(article) = parse_article(&file.name, &file.text) {
                existing.remove(article.slug.as_str());
            }
        }
    }
    let uploaded_sizes = uploaded_sizes(&store).await?;
    let progress = progress_bar(files.len(), "checking");
    let images = DiskImages { media_dir: settings.media_dir() };
    let prepared = prepare_batch(&files, &images, &catalog, &existing, &uploaded_sizes, &progress);
    progress.finish_and_clear();
    let batch = match prepared {
        Ok(batch) => batch,
        Err(errors) => {
            report_errors(&errors);
            return Ok(ExitCode::FAILURE);
        }
    };
    let site =
        if args.require_approval { Some(crate::site_cmd::load(&store).await?) } else { None };
    let approval = site.as_ref().map_or(Approval::ByOperator, Approval::Required);
    if let Some(site) = &site {
        // Refused before anything is written, images included; the write checks again.
        let mut refused = Vec::new();
        for (index, new) in batch.articles.iter().enumerate() {
            match check_publication(&store, site, &new.article).await {
                Ok(()) => {}
                Err(PublicationError::Translation(inner)) => {
                    return Err(anyhow::Error::new(inner).context("checking approvals"));
                }
                Err(error) => refused.push((index, error)),
            }
        }
        if !refused.is_empty() {
            for message in approval_refusals(&batch, &refused) {
                eprintln!("{message}");
            }
            eprintln!("nothing was imported");
            return Ok(ExitCode::FAILURE);
        }
    }
    let outcome =
        write_batch(&store, &settings.media_dir(), &batch, args.replace, approval).await?;
    store.close().await;
    let seconds = format!("{:.2}", started.elapsed().as_secs_f64());
    println!(
        "{}",
        catalog.localizer(CLI_LANGUAGE).msg_numbers(
            "import-done",
            &[
                ("articles", count(outcome.inserted + outcome.replaced)),
                ("new", count(outcome.inserted)),
                ("replaced", count(outcome.replaced)),
                ("images", count(batch.media.len())),
            ],
            &[("seconds", &seconds)],
        )
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_image_paths_relative_to_the_article() {
        assert_eq!(resolve_relative("articles/a.md", "../images/x.svg"), "images/x.svg");
        assert_eq!(resolve_relative("a.md", "x.svg"), "x.svg");
        assert_eq!(resolve_relative("a/b/c.md", "./d/../e.png"), "a/b/e.png");
    }
}
