//! `ashyq export epub`: one article, a tag's stories or a book file's list as an EPUB 3 e-book.
//! Everything is read and built in memory first; the file appears (by rename) only when the whole
//! book is ready, so an error leaves no partial file behind.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use ashyq_epub::{Book, build_epub, parse_book_file};
use ashyq_i18n::Catalog;
use ashyq_store::{FeedEntry, FeedScope, FeedStore};

use crate::cli::{ExportEpubArgs, GlobalArgs};
use crate::settings::Settings;
use crate::store::{AnyStore, open_store};

/// The stories and title the arguments ask for.
async fn gather(
    store: &AnyStore,
    catalog: &Catalog,
    args: &ExportEpubArgs,
) -> anyhow::Result<(String, Vec<FeedEntry>)> {
    if let Some(slug) = &args.article {
        let entry = store
            .feed_entry(slug)
            .await?
            .with_context(|| format!("there is no published article `{slug}`"))?;
        return Ok((entry.view.summary.title.clone(), vec![entry]));
    }
    if let Some(slug) = &args.tag {
        let source = store
            .feed(FeedScope::Tag(slug), u32::MAX)
            .await?
            .with_context(|| format!("there is no tag `{slug}` with published articles"))?;
        let mut stories = source.entries;
        stories.reverse();
        let name = source.subject.map_or_else(|| slug.clone(), |tag| tag.name);
        let lang = stories.first().map_or("en", |story| story.view.summary.lang.as_str());
        let title = catalog.localizer(lang).msg_with("tag-title", "tag", &name);
        return Ok((title, stories));
    }
    let Some(path) = &args.book else {
        anyhow::bail!("name the stories with --article, --tag or --book");
    };
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the book file {}", path.display()))?;
    let file = path.display().to_string();
    let book = parse_book_file(&file, &text)?;
    let mut stories = Vec::with_capacity(book.articles.len());
    for named in &book.articles {
        let entry = store.feed_entry(&named.slug).await?.with_context(|| {
            format!(
                "{file}:{}:{}: there is no published article `{}`",
                named.line, named.column, named.slug
            )
        })?;
        stories.push(entry);
    }
    Ok((book.title, stories))
}

/// Writes `bytes` to `out` through a temporary file beside it, renamed into place.
fn write_whole(out: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let parent = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => std::path::PathBuf::from("."),
    };
    let file_name = out.file_name().map(|name| name.to_string_lossy().into_owned());
    let temporary =
        parent.join(format!(".{}.partial", file_name.as_deref().unwrap_or("book.epub")));
    let written = std::fs::write(&temporary, bytes)
        .and_then(|()| std::fs::File::open(&temporary)?.sync_all())
        .and_then(|()| std::fs::rename(&temporary, out));
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(error).with_context(|| format!("cannot write {}", out.display()));
    }
    Ok(())
}

/// The site's name: its stored setting, else the `[site] name` of `ashyq.toml` not yet seeded
/// (the server seeds it on start), else the default.
fn site_name(stored: &ashyq_content::SiteSettings, settings: &Settings) -> String {
    let default = ashyq_content::SiteSettings::default();
    if stored.name != default.name {
        return stored.name.clone();
    }
    settings
        .site
        .iter()
        .find(|(key, _)| key == "name")
        .map_or_else(|| stored.name.clone(), |(_, value)| value.trim().to_owned())
}

pub(crate) async fn run(global: &GlobalArgs, args: ExportEpubArgs) -> anyhow::Result<ExitCode> {
    let settings = Settings::load(global, None)?;
    let store = open_store(&settings).await?;
    let catalog = Catalog::new()?;
    let gathered = gather(&store, &catalog, &args).await;
    let site = crate::site_cmd::load(&store).await;
    store.close().await;
    let (title, stories) = gathered?;
    let site_name = site_name(&site?, &settings);

    let media_dir = settings.media_dir();
    let mut read_image = |name: &str| -> Option<Vec<u8>> {
        // Only plain media file names: the page's HTML can never lead outside the media folder.
        let src = format!("/media/{name}");
        let name = ashyq_content::uploaded_media_name(&src)?;
        std::fs::read(media_dir.join(name)).ok()
    };
    let book = Book {
        title,
        site_name,
        site_url: settings.public_url.clone(),
        made: time::OffsetDateTime::now_utc(),
        stories,
    };
    let bytes = build_epub(&catalog, &book, &mut read_image)?;
    write_whole(&args.out, &bytes)?;
    println!(
        "Wrote {} ({} stories, {} KiB).",
        args.out.display(),
        book.stories.len(),
        bytes.len().div_ceil(1024)
    );
    Ok(ExitCode::SUCCESS)
}
