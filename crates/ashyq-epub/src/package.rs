//! The EPUB 3 container: `mimetype` first and stored, `META-INF/container.xml`, the package
//! document (`OEBPS/content.opf`, Dublin Core metadata), `nav.xhtml`, a cover, one XHTML document
//! per story, its images and a licence page, zipped in memory.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use ashyq_content::LanguageTag;
use ashyq_i18n::Catalog;
use ashyq_render::figures::{FigureFacts, figures_in_html, licence_url};
use ashyq_render::urls;
use ashyq_store::FeedEntry;
use sha2::{Digest as _, Sha256};
use time::OffsetDateTime;
use time::macros::format_description;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::cover::{cover_svg, xml};
use crate::xhtml::{LinkMap, XhtmlError, to_xhtml};

/// What goes into a book.
#[derive(Debug, Clone)]
pub struct Book {
    pub title: String,
    /// The site's name (its setting), the book's publisher.
    pub site_name: String,
    /// The site's public address (no trailing slash): for links to pages not in the book.
    pub site_url: String,
    /// When the book is made (`dcterms:modified`).
    pub made: OffsetDateTime,
    /// The stories, in reading order.
    pub stories: Vec<FeedEntry>,
}

/// Why a book could not be made.
#[derive(Debug, thiserror::Error)]
pub enum EpubError {
    #[error("the book has no stories")]
    Empty,
    #[error("`{slug}` shows the image `{src}`, which is not a media file")]
    ForeignImage { slug: String, src: String },
    #[error("`{slug}` shows the image `{name}`, which is missing from the media folder")]
    MissingImage { slug: String, name: String },
    #[error("`{slug}`: {source}")]
    Markup {
        slug: String,
        #[source]
        source: XhtmlError,
    },
    #[error("writing the e-book failed: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("writing the e-book failed: {0}")]
    Io(#[from] std::io::Error),
}

/// A core EPUB media type for an image file name, or `None` for a type readers need not support.
fn image_media_type(name: &str) -> Option<&'static str> {
    let extension = name.rsplit('.').next()?.to_ascii_lowercase();
    match extension.as_str() {
        "jpg" | "jpeg" => Some("image/jpeg"),
        "png" => Some("image/png"),
        "gif" => Some("image/gif"),
        "svg" => Some("image/svg+xml"),
        "webp" => Some("image/webp"),
        _ => None,
    }
}

/// A stable identifier for the same book (site, title and stories): `urn:uuid:` from a hash.
fn identifier(book: &Book) -> String {
    let mut hash = Sha256::new();
    hash.update(book.site_url.as_bytes());
    hash.update([0]);
    hash.update(book.title.as_bytes());
    for story in &book.stories {
        hash.update([0]);
        hash.update(story.view.summary.slug.as_bytes());
    }
    let mut bytes: [u8; 16] = [0; 16];
    bytes.copy_from_slice(&hash.finalize()[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5 (name-based, SHA)
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    let hex = hex::encode(bytes);
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn chapter_file(index: usize) -> String {
    format!("story-{:03}.xhtml", index + 1)
}

fn direction(lang: &str) -> &'static str {
    LanguageTag::parse(lang).map_or("ltr", |tag| tag.direction().as_str())
}

/// An XHTML document around `body`.
fn xhtml_document(lang: &str, title: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n\
         <html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" \
         lang=\"{lang}\" xml:lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<title>{title}</title>\n\
         <link rel=\"stylesheet\" type=\"text/css\" href=\"book.css\"/>\n</head>\n<body>\n{body}</body>\n</html>\n",
        lang = xml(lang),
        dir = direction(lang),
        title = xml(title),
    )
}

const STYLESHEET: &str = "body { font-family: serif; line-height: 1.5; margin: 0 5%; }\n\
h1 { font-size: 1.6em; line-height: 1.2; }\n\
.byline, figcaption, .licence, .credit { font-size: 0.85em; }\n\
figure { margin: 1.5em 0; } figure img { max-width: 100%; height: auto; }\n\
.interview .turn { margin: 1em 0; } .interview .version-label { font-size: 0.8em; font-style: italic; }\n\
.cover { text-align: center; margin: 0; } .cover img { max-width: 100%; max-height: 100%; }\n";

/// One image the book carries: its name inside `OEBPS/images/` and its media type.
struct BookImage {
    name: String,
    media_type: &'static str,
    bytes: Vec<u8>,
}

/// Builds the e-book. `image` reads a media file by name (`None` when it is missing).
pub fn build_epub(
    catalog: &Catalog,
    book: &Book,
    image: &mut dyn FnMut(&str) -> Option<Vec<u8>>,
) -> Result<Vec<u8>, EpubError> {
    let first = book.stories.first().ok_or(EpubError::Empty)?;
    let book_lang = first.view.summary.lang.clone();
    let l10n = catalog.localizer(&book_lang);
    let site_name = book.site_name.clone();
    let site_url = book.site_url.trim_end_matches('/').to_owned();

    // Which story lives in which file, so that links between stories of the book stay inside it.
    let chapters: BTreeMap<String, String> = book
        .stories
        .iter()
        .enumerate()
        .map(|(index, story)| (urls::article(&story.view.summary.slug), chapter_file(index)))
        .collect();
    let link = |path: &str| -> String {
        chapters.get(path).cloned().unwrap_or_else(|| format!("{site_url}{path}"))
    };
    let image_path =
        |src: &str| -> String { format!("images/{}", src.strip_prefix("/media/").unwrap_or(src)) };

    let mut images: BTreeMap<String, BookImage> = BTreeMap::new();
    let mut pictures: Vec<(String, FigureFacts)> = Vec::new();
    let mut documents: Vec<(String, String)> = Vec::new();
    let mut languages: Vec<String> = vec![book_lang.clone()];
    let mut creators: Vec<String> = Vec::new();
    for (index, story) in book.stories.iter().enumerate() {
        let view = &story.view;
        let summary = &view.summary;
        if !languages.contains(&summary.lang) {
            languages.push(summary.lang.clone());
        }
        for author in &summary.authors {
            if !creators.contains(&author.name) {
                creators.push(author.name.clone());
            }
        }
        let mut html = view.lead_html.clone().unwrap_or_default();
        // Interviews as the static copy shows them: paired.
        html.push_str(&ashyq_content::select_versions(
            &view.body_html,
            ashyq_content::InterviewMode::Paired,
            &summary.lang,
            view.translation_of.is_some(),
        ));
        for figure in figures_in_html(&html) {
            let Some(name) = figure.src.strip_prefix("/media/") else {
                return Err(EpubError::ForeignImage {
                    slug: summary.slug.clone(),
                    src: figure.src.clone(),
                });
            };
            let media_type = image_media_type(name).ok_or_else(|| EpubError::ForeignImage {
                slug: summary.slug.clone(),
                src: figure.src.clone(),
            })?;
            if !images.contains_key(name) {
                let bytes = image(name).ok_or_else(|| EpubError::MissingImage {
                    slug: summary.slug.clone(),
                    name: name.to_owned(),
                })?;
                images.insert(
                    name.to_owned(),
                    BookImage { name: name.to_owned(), media_type, bytes },
                );
            }
            pictures.push((summary.title.clone(), figure));
        }
        let links = LinkMap { image: &image_path, link: &link };
        let body = to_xhtml(&html, &links)
            .map_err(|source| EpubError::Markup { slug: summary.slug.clone(), source })?;
        let story_l10n = catalog.localizer(&summary.lang);
        let authors = summary.authors.iter().map(|a| xml(&a.name)).collect::<Vec<_>>().join(", ");
        let byline = format!(
            "<p class=\"byline\">{label}: {authors} · {published} <time datetime=\"{iso}\">{date}</time></p>\n",
            label =
                xml(&story_l10n.msg_count("byline-authors", "count", summary.authors.len() as i64)),
            published = xml(&story_l10n.msg("byline-published")),
            iso = summary.published.date(),
            date = xml(&story_l10n.date(&summary.published)),
        );
        // Its translations: a chapter of this book when the book holds them, else the site.
        let mut also_in = String::new();
        if !view.translations.is_empty() {
            let items: Vec<String> = view
                .translations
                .iter()
                .map(|translation| {
                    let language = LanguageTag::parse(&translation.lang)
                        .map_or_else(|_| translation.lang.clone(), |tag| tag.native_name());
                    format!(
                        "<a href=\"{href}\" hreflang=\"{lang}\" lang=\"{lang}\" title=\"{title}\">{language}</a>",
                        href = xml(&link(&urls::article(&translation.slug))),
                        lang = xml(&translation.lang),
                        title = xml(&translation.title),
                        language = xml(&language),
                    )
                })
                .collect();
            also_in = format!(
                "<p class=\"translations\">{label}: {items}</p>\n",
                label = xml(&story_l10n.msg("article-also-in")),
                items = items.join(", "),
            );
        }
        let content = format!(
            "<article>\n<h1>{title}</h1>\n{byline}{also_in}<p class=\"lead\">{lead}</p>\n{body}\n\
             <p class=\"source\"><a href=\"{url}\">{url}</a></p>\n</article>\n",
            title = xml(&summary.title),
            lead = xml(&summary.summary),
            url = xml(&format!("{site_url}{}", urls::article(&summary.slug))),
        );
        documents
            .push((chapter_file(index), xhtml_document(&summary.lang, &summary.title, &content)));
    }

    // The licence page: who made the book, what may be done with it, and every picture's terms.
    let made_date = l10n.date(&book.made);
    let mut licence = format!(
        "<section epub:type=\"copyright-page\">\n<h1>{title}</h1>\n<p>{made}</p>\n<p>{texts}</p>\n<p>{pictures}</p>\n",
        title = xml(&l10n.msg("epub-licence-title")),
        made = xml(&l10n.msg_args(
            "epub-licence-made",
            &[("site", &site_name), ("url", &site_url), ("date", &made_date)]
        )),
        texts = xml(&l10n.msg_with("epub-licence-texts", "site", &site_name)),
        pictures = xml(&l10n.msg("epub-licence-pictures")),
    );
    if !pictures.is_empty() {
        let _ = writeln!(licence, "<h2>{}</h2>\n<ul>", xml(&l10n.msg("epub-picture-list")));
        for (story_title, figure) in &pictures {
            let licence_name = figure
                .licence
                .map(|code| l10n.msg(&format!("licence-{}", code.code())))
                .unwrap_or_default();
            let url = figure.licence.and_then(licence_url);
            let _ = write!(licence, "<li>{} — ", xml(story_title));
            if !figure.caption.is_empty() {
                let _ = write!(licence, "{}. ", xml(&figure.caption));
            }
            if !figure.credit.is_empty() {
                let _ = write!(
                    licence,
                    "{}: {}. ",
                    xml(&l10n.msg("figure-credit")),
                    xml(&figure.credit)
                );
            }
            let _ = write!(licence, "{}: {}", xml(&l10n.msg("figure-licence")), xml(&licence_name));
            if let Some(url) = url {
                let _ = write!(licence, " (<a href=\"{url}\">{url}</a>)");
            }
            licence.push_str("</li>\n");
        }
        licence.push_str("</ul>\n");
    }
    licence.push_str("</section>\n");
    let licence_title = l10n.msg("epub-licence-title");

    let cover_title = l10n.msg("epub-cover");
    let cover = xhtml_document(
        &book_lang,
        &cover_title,
        &format!(
            "<section epub:type=\"cover\" class=\"cover\"><img src=\"images/cover.svg\" alt=\"{}\"/></section>\n",
            xml(&format!("{} — {site_name}", book.title))
        ),
    );

    let contents = l10n.msg("epub-contents");
    let mut nav_list = String::new();
    for (index, story) in book.stories.iter().enumerate() {
        let summary = &story.view.summary;
        let _ = writeln!(
            nav_list,
            "<li><a href=\"{}\" lang=\"{}\">{}</a></li>",
            chapter_file(index),
            xml(&summary.lang),
            xml(&summary.title)
        );
    }
    let _ = writeln!(nav_list, "<li><a href=\"licence.xhtml\">{}</a></li>", xml(&licence_title));
    let nav = xhtml_document(
        &book_lang,
        &contents,
        &format!(
            "<nav epub:type=\"toc\" id=\"toc\">\n<h1>{}</h1>\n<ol>\n{nav_list}</ol>\n</nav>\n\
             <nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<ol>\n\
             <li><a epub:type=\"cover\" href=\"cover.xhtml\">{}</a></li>\n\
             <li><a epub:type=\"bodymatter\" href=\"{}\">{}</a></li>\n</ol>\n</nav>\n",
            xml(&contents),
            xml(&cover_title),
            chapter_file(0),
            xml(&book.title),
        ),
    );

    let modified = book
        .made
        .to_offset(time::UtcOffset::UTC)
        .format(format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z"))
        .unwrap_or_default();
    let mut metadata = format!(
        "<dc:identifier id=\"book-id\">{}</dc:identifier>\n<dc:title>{}</dc:title>\n",
        identifier(book),
        xml(&book.title)
    );
    for lang in &languages {
        let _ = writeln!(metadata, "<dc:language>{}</dc:language>", xml(lang));
    }
    for creator in &creators {
        let _ = writeln!(metadata, "<dc:creator>{}</dc:creator>", xml(creator));
    }
    let _ = writeln!(metadata, "<dc:publisher>{}</dc:publisher>", xml(&site_name));
    let _ = writeln!(metadata, "<dc:date>{}</dc:date>", book.made.date());
    let _ = writeln!(metadata, "<dc:source>{}</dc:source>", xml(&site_url));
    let _ = writeln!(
        metadata,
        "<dc:rights>{}</dc:rights>",
        xml(&l10n.msg_with("epub-licence-texts", "site", &site_name))
    );
    let _ = writeln!(metadata, "<meta property=\"dcterms:modified\">{modified}</meta>");
    metadata.push_str("<meta name=\"cover\" content=\"cover-image\"/>\n");

    let mut manifest = String::from(
        "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n\
         <item id=\"css\" href=\"book.css\" media-type=\"text/css\"/>\n\
         <item id=\"cover\" href=\"cover.xhtml\" media-type=\"application/xhtml+xml\"/>\n\
         <item id=\"cover-image\" href=\"images/cover.svg\" media-type=\"image/svg+xml\" properties=\"cover-image\"/>\n\
         <item id=\"licence\" href=\"licence.xhtml\" media-type=\"application/xhtml+xml\"/>\n",
    );
    let mut spine =
        String::from("<itemref idref=\"cover\" linear=\"no\"/>\n<itemref idref=\"nav\"/>\n");
    for (index, _) in book.stories.iter().enumerate() {
        let _ = writeln!(
            manifest,
            "<item id=\"story-{n}\" href=\"{file}\" media-type=\"application/xhtml+xml\"/>",
            n = index + 1,
            file = chapter_file(index)
        );
        let _ = writeln!(spine, "<itemref idref=\"story-{}\"/>", index + 1);
    }
    spine.push_str("<itemref idref=\"licence\"/>\n");
    for (index, picture) in images.values().enumerate() {
        let _ = writeln!(
            manifest,
            "<item id=\"image-{}\" href=\"images/{}\" media-type=\"{}\"/>",
            index + 1,
            xml(&picture.name),
            picture.media_type
        );
    }
    let opf = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" \
         unique-identifier=\"book-id\" xml:lang=\"{lang}\" dir=\"{dir}\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n\
         {metadata}</metadata>\n<manifest>\n{manifest}</manifest>\n<spine>\n{spine}</spine>\n</package>\n",
        lang = xml(&book_lang),
        dir = direction(&book_lang),
    );

    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("mimetype", stored)?;
    zip.write_all(b"application/epub+zip")?;
    zip.start_file("META-INF/container.xml", deflated)?;
    zip.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n\
<rootfiles>\n<rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n",
    )?;
    let mut add = |path: &str, bytes: &[u8]| -> Result<(), EpubError> {
        zip.start_file(format!("OEBPS/{path}"), deflated)?;
        zip.write_all(bytes)?;
        Ok(())
    };
    add("content.opf", opf.as_bytes())?;
    add("nav.xhtml", nav.as_bytes())?;
    add("book.css", STYLESHEET.as_bytes())?;
    add("cover.xhtml", cover.as_bytes())?;
    add("images/cover.svg", cover_svg(&book.title, &site_name, &book_lang).as_bytes())?;
    for (file, document) in &documents {
        add(file, document.as_bytes())?;
    }
    add("licence.xhtml", xhtml_document(&book_lang, &licence_title, &licence).as_bytes())?;
    for picture in images.values() {
        add(&format!("images/{}", picture.name), &picture.bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}
