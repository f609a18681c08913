//! `ashyq import wxr`: a WordPress export read and checked whole (`ashyq_import`), its posts turned
//! into article files that go through `import md`'s pipeline (parse, check, images through
//! `ashyq_services::media`, render), its comments through `import_comments::stored_comments`,
//! then everything written in one transaction. A second run finds every foreign id recorded and
//! writes nothing; a later export adds only what is new.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use ashyq_i18n::Catalog;
use ashyq_import::plan::{Known, PostState, plan_wxr, uploads_path};
use ashyq_import::xml::Limits;
use ashyq_services::translations::approval::{approve_archive, import_archive_approved};
use ashyq_services::translations::workbench::record_approval;
use ashyq_services::translations::{TranslationSync, record_units};
use ashyq_store::{
    AccountStore, ArchiveBatch, ArticleRef, ArticleStatus, ArticleStore, ImportStore,
    ImportedArticle,
};

use crate::cli::{GlobalArgs, ImportWxrArgs};
use crate::import::{
    ImageSource, SourceFile, prepare_batch, progress_bar, report_errors, store_images,
    uploaded_sizes,
};
use crate::import_comments::stored_comments;
use crate::import_report::{Totals, print_details, print_summary};
use crate::settings::Settings;

/// Images in a copy of `wp-content/uploads`, by their path inside it (never outside it).
struct UploadsFolder {
    root: Option<PathBuf>,
}

impl UploadsFolder {
    /// The path of `address`'s file inside the folder, when the file is there.
    fn find(&self, address: &str) -> Option<String> {
        let root = self.root.as_ref()?;
        let path = uploads_path(address);
        if path.is_empty() || crate::media::image_extension(&path).is_none() {
            return None;
        }
        root.join(&path).is_file().then_some(path)
    }
}

impl ImageSource for UploadsFolder {
    fn load(&self, _article_name: &str, src: &str) -> Option<Vec<u8>> {
        let root = self.root.as_ref()?;
        // `src` came from `find`: relative, without `..`; checked again all the same.
        if Path::new(src).components().any(|part| !matches!(part, std::path::Component::Normal(_)))
        {
            return None;
        }
        std::fs::read(root.join(src)).ok()
    }
}

fn status_of(state: PostState) -> ArticleStatus {
    match state {
        PostState::Published => ArticleStatus::Published,
        PostState::Draft => ArticleStatus::Draft,
        PostState::Review => ArticleStatus::Review,
        PostState::Unpublished => ArticleStatus::Unpublished,
    }
}

pub(crate) async fn run(global: &GlobalArgs, args: ImportWxrArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {name}"))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            eprintln!(
                "{name}: the file is not UTF-8 text (byte {}), as WordPress exports are",
                error.utf8_error().valid_up_to()
            );
            eprintln!("nothing was imported");
            return Ok(ExitCode::FAILURE);
        }
    };
    let wxr = match ashyq_import::wxr::read_wxr(&text, Limits::default()) {
        Ok(wxr) => wxr,
        Err(error) => {
            eprintln!("{name}:{}:{}: {}", error.line, error.column, error.kind);
            if matches!(error.kind, ashyq_import::error::ReadErrorKind::TooManyElements(_)) {
                eprintln!(
                    "a site this large can move in parts: export it by date range (WordPress: Tools → \
                     Export, Start date and End date) and import the files one after another; each run \
                     adds only what the earlier ones did not"
                );
            }
            eprintln!("nothing was imported");
            return Ok(ExitCode::FAILURE);
        }
    };
    if let Some(media) = &args.media
        && !media.is_dir()
    {
        anyhow::bail!("--media {}: not a folder", media.display());
    }

    let settings = Settings::load(global, None)?;
    settings.prepare_data_dir()?;
    let store = crate::store::open_store(&settings).await?;
    let source = format!("wordpress:{}", wxr.base_site_url);
    let imported = store.imported_articles(&source).await?;
    let existing = store.article_slugs().await?;
    let mut names = HashMap::new();
    for author in &wxr.authors {
        if author.email.is_empty() {
            continue;
        }
        if let Some(user) = store.user_by_email(&author.email).await? {
            names.insert(author.login.clone(), user.name);
        }
    }
    let known = Known {
        posts: imported.iter().map(|(id, row)| (id.clone(), row.slug.clone())).collect(),
        comments: store.imported_comments(&source).await?.into_keys().collect(),
        slugs: existing.keys().cloned().collect::<HashSet<_>>(),
        names,
    };
    let uploads = UploadsFolder { root: args.media.clone() };
    let now = time::OffsetDateTime::now_utc();
    let plan = plan_wxr(&wxr, &known, &|address| uploads.find(address), now);

    let files: Vec<SourceFile> = plan
        .articles
        .iter()
        .map(|article| SourceFile {
            name: format!("{name} (post {})", article.foreign_id),
            text: article.file.clone(),
        })
        .collect();
    let catalog = Catalog::new()?;
    let sizes = uploaded_sizes(&store).await?;
    let progress = progress_bar(files.len(), "converting");
    let prepared = prepare_batch(&files, &uploads, &catalog, &existing, &sizes, &progress);
    progress.finish_and_clear();
    let batch = match prepared {
        Ok(batch) => batch,
        Err(errors) => {
            report_errors(&errors);
            return Ok(ExitCode::FAILURE);
        }
    };

    let in_batch: HashSet<&str> = plan.articles.iter().map(|a| a.foreign_id.as_str()).collect();
    let screen = crate::import_comments::site_screen(&settings, &store).await?;
    let comments = stored_comments(&plan.comments, &screen, &|thread| {
        (in_batch.contains(thread) || imported.contains_key(thread))
            .then(|| ArticleRef::Foreign(thread.to_owned()))
    });
    print_details(&plan.report);
    let totals = Totals {
        articles: batch.articles.len(),
        comments: comments.len(),
        images: batch.media.len(),
    };
    let written: Vec<ashyq_content::Article> =
        batch.articles.iter().map(|new| new.article.clone()).collect();
    let articles = batch
        .articles
        .into_iter()
        .zip(&plan.articles)
        .map(|(article, planned)| ImportedArticle {
            foreign_id: planned.foreign_id.clone(),
            article,
            status: status_of(planned.state),
        })
        .collect();
    let mut archive = ArchiveBatch { source, articles, comments };
    // The one approval rule: a published translation the operator does not vouch for waits for
    // a language editor instead of being published, decided and written in one step.
    let site = crate::site_cmd::load(&store).await?;
    let write = !args.dry_run && (totals.articles > 0 || totals.comments > 0);
    if write {
        store_images(&store, &settings.media_dir(), &batch.media).await?;
    }
    let held = match (write, args.require_approval) {
        (false, false) => Vec::new(),
        (false, true) => {
            let planned: Vec<ArticleStatus> = archive.articles.iter().map(|a| a.status).collect();
            approve_archive(&store, &site, &mut archive, &planned)
                .await
                .context("checking approvals")?
                .held
        }
        (true, false) => {
            store.import_archive(&archive).await.map_err(|error| {
                anyhow::Error::new(error)
                    .context("storing the archive failed; nothing was imported")
            })?;
            Vec::new()
        }
        (true, true) => {
            import_archive_approved(&store, &site, &mut archive)
                .await
                .map_err(|error| {
                    anyhow::Error::new(error)
                        .context("storing the archive failed; nothing was imported")
                })?
                .1
        }
    };
    if !held.is_empty() {
        eprintln!(
            "{} translations wait for review instead of being published: a language editor must \
             approve them (import without --require-approval to publish them as approved by you): {}",
            held.len(),
            held.join(", ")
        );
    }
    if write {
        // Every write of articles records their translation units, as `import md` does.
        let written: Vec<&ashyq_content::Article> = written.iter().collect();
        record_units(&store, &written, TranslationSync::InStep)
            .await
            .context("the archive was imported, but its translation units could not be recorded")?;
        if !args.require_approval {
            for article in written.iter().filter(|article| article.translation_of.is_some()) {
                record_approval(&store, article.slug.as_str()).await.with_context(|| {
                    format!("recording the approval of {}", article.slug.as_str())
                })?;
            }
        }
    }
    store.close().await;
    print_summary(&catalog, &plan.report, &totals, args.dry_run, started.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}
