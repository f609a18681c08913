//! `ashyq export md`: every published article back as a file in the import format, with its images,
//! so that the folder imports on its own: `OUT/articles/SLUG.md`, images referenced by relative paths
//! at those paths (resolved from `OUT/articles/`), uploaded photos in `OUT/media/`.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use ashyq_content::{parse_article, rendered_image_urls, uploaded_media_name};
use ashyq_store::{ArticleStore, EditorialStore, ExportedArticle};

use crate::cli::{ExportMdArgs, GlobalArgs};
use crate::import::progress_bar;
use crate::settings::Settings;

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
    let Some(urls) =
        rendered_image_urls(&article, exported.lead_html.as_deref(), &exported.body_html)
    else {
        anyhow::bail!(
            "the stored page of `{}` does not match its text's figures; re-save it before exporting",
            exported.slug
        );
    };
    for (src, url) in urls {
        let Some(media_name) = uploaded_media_name(&url) else {
            anyhow::bail!(
                "`{}` shows an image from `{url}`, which is not a media file",
                exported.slug
            );
        };
        if let Some(name) = uploaded_media_name(&src) {
            plan.add(Path::new("media").join(name), name)?;
        } else {
            let target = inside_export(&src).with_context(|| {
                format!(
                    "`{}` uses the image `{src}`, which would lie outside the export folder",
                    exported.slug
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
    let store = crate::store::open_store(&settings).await?;
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
}
