//! `ashyq export md`: every published article back as a file in the import format, with its images,
//! so that the folder imports on its own: `OUT/articles/SLUG.md`, images referenced by relative paths
//! at those paths (resolved from `OUT/articles/`), uploaded photos in `OUT/media/`.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use ashyq_content::{Article, Block, Figure, parse_article, uploaded_media_name};
use ashyq_store::{ArticleStore, EditorialStore, ExportedArticle};
use ashyq_store_sqlite::SqliteStore;

use crate::cli::{ExportMdArgs, GlobalArgs};
use crate::import::progress_bar;
use crate::settings::Settings;

/// The figures of an article in the order their `<img>` tags appear in the stored HTML: the lead
/// figure, then each `::: figure` placement in the body.
fn figures_in_page_order(article: &Article) -> Vec<&Figure> {
    let mut figures: Vec<&Figure> = article.lead_figure.iter().collect();
    for block in &article.body {
        if let Block::Figure { id, .. } = block
            && let Some(figure) = article.figure(id)
        {
            figures.push(figure);
        }
    }
    figures
}

/// The `src` of every `<img>` in stored HTML, in order.
fn image_sources(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<img src=\"") {
        rest = &rest[start + "<img src=\"".len()..];
        if let Some(end) = rest.find('"') {
            found.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    found
}

/// `src` resolved from `articles/`, as a path inside the export folder; `None` if it leaves it.
fn inside_export(src: &str) -> Option<PathBuf> {
    let mut parts: Vec<String> = vec!["articles".to_owned()];
    for component in Path::new(src).components() {
        match component {
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.iter().collect())
}

/// Which file of the data folder's media directory goes where in the export folder.
#[derive(Debug, Default)]
struct ImagePlan {
    /// Export path → media file name.
    copies: HashMap<PathBuf, String>,
}

impl ImagePlan {
    fn add(&mut self, target: PathBuf, media_name: &str) -> anyhow::Result<()> {
        match self.copies.get(&target) {
            Some(known) if known != media_name => anyhow::bail!(
                "two articles use `{}` for different images; rename one of them before exporting",
                target.display()
            ),
            Some(_) => Ok(()),
            None => {
                self.copies.insert(target, media_name.to_owned());
                Ok(())
            }
        }
    }
}

/// Works out where each image of `exported` goes.
fn plan_images(exported: &ExportedArticle, plan: &mut ImagePlan) -> anyhow::Result<()> {
    let file_name = format!("articles/{}.md", exported.slug);
    let article = parse_article(&file_name, &exported.source).map_err(|errors| {
        anyhow::anyhow!(
            "the stored article `{}` no longer parses ({}); fix it in the editor first",
            exported.slug,
            errors.first().map(ToString::to_string).unwrap_or_default()
        )
    })?;
    let figures = figures_in_page_order(&article);
    let html = format!("{}{}", exported.lead_html.as_deref().unwrap_or(""), exported.body_html);
    let urls = image_sources(&html);
    if figures.len() != urls.len() {
        anyhow::bail!(
            "the stored page of `{}` has {} images but its text {} figures; re-save it before exporting",
            exported.slug,
            urls.len(),
            figures.len()
        );
    }
    for (figure, url) in figures.into_iter().zip(urls) {
        let Some(media_name) = uploaded_media_name(url) else {
            anyhow::bail!(
                "`{}` shows an image from `{url}`, which is not a media file",
                exported.slug
            );
        };
        if let Some(name) = uploaded_media_name(&figure.src) {
            plan.add(Path::new("media").join(name), name)?;
        } else {
            let target = inside_export(&figure.src).with_context(|| {
                format!(
                    "`{}` uses the image `{}`, which would lie outside the export folder",
                    exported.slug, figure.src
                )
            })?;
            plan.add(target, media_name)?;
        }
    }
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

pub(crate) async fn run(global: &GlobalArgs, args: ExportMdArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let settings = Settings::load(global, None)?;
    let store = SqliteStore::open(&settings.data_dir)
        .await
        .with_context(|| format!("cannot open the database in {}", settings.data_dir.display()))?;
    let articles = store.published_sources().await.context("reading the articles")?;
    let total = store.count_articles().await.context("counting the articles")?;
    store.close().await;

    let mut plan = ImagePlan::default();
    for exported in &articles {
        plan_images(exported, &mut plan)?;
    }
    if args.out.join("articles").exists()
        && std::fs::read_dir(args.out.join("articles"))
            .with_context(|| format!("cannot list {}", args.out.display()))?
            .next()
            .is_some()
    {
        anyhow::bail!(
            "{} already holds articles; export into an empty folder",
            args.out.join("articles").display()
        );
    }

    let progress = progress_bar(articles.len() + plan.copies.len(), "exporting");
    let media_dir = settings.media_dir();
    for exported in &articles {
        progress.set_message(exported.slug.clone());
        let path = args.out.join("articles").join(format!("{}.md", exported.slug));
        write_file(&path, exported.source.as_bytes())?;
        progress.inc(1);
    }
    let mut copies: Vec<(&PathBuf, &String)> = plan.copies.iter().collect();
    copies.sort();
    for (target, media_name) in copies {
        progress.set_message(target.display().to_string());
        let source = media_dir.join(media_name);
        let bytes = std::fs::read(&source)
            .with_context(|| format!("cannot read the image {}", source.display()))?;
        write_file(&args.out.join(target), &bytes)?;
        progress.inc(1);
    }
    progress.finish_and_clear();
    let skipped = usize::try_from(total).unwrap_or(0).saturating_sub(articles.len());
    println!(
        "Exported {} articles and {} images to {} in {:.2} s{}.",
        articles.len(),
        plan.copies.len(),
        args.out.display(),
        started.elapsed().as_secs_f64(),
        if skipped > 0 {
            format!(" ({skipped} drafts and unpublished articles were left out)")
        } else {
            String::new()
        }
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_images_stay_inside_the_export_folder() {
        assert_eq!(inside_export("../images/a.svg"), Some(PathBuf::from("images/a.svg")));
        assert_eq!(inside_export("a.svg"), Some(PathBuf::from("articles/a.svg")));
        assert_eq!(inside_export("./x/../b.png"), Some(PathBuf::from("articles/b.png")));
        assert_eq!(inside_export("../../a.svg"), None);
        assert_eq!(inside_export("/etc/a.svg"), None);
    }

    #[test]
    fn finds_image_sources_in_order() {
        let html = "<figure><img src=\"/media/a.svg\" alt=\"\"></figure><p>x</p><img src=\"/media/b.png\" srcset=\"y\">";
        assert_eq!(image_sources(html), ["/media/a.svg", "/media/b.png"]);
    }
}
