//! The demo content, embedded in the binary so that `ashyq serve --demo` works from any folder. The
//! files live in `crates/ashyq/demo/` and are imported through the same path as `ashyq import md`.

use std::collections::HashMap;
use std::path::Path;

use crate::store::AnyStore;
use anyhow::Context as _;
use ashyq_i18n::Catalog;
use indicatif::ProgressBar;

use crate::import::{
    Approval, ImageSource, SourceFile, prepare_batch, report_errors, resolve_relative, write_batch,
};

/// Article files, named as in the repository so that errors point at the right file.
const ARTICLES: &[(&str, &str)] = &[
    (
        "demo/articles/printers-who-said-no.md",
        include_str!("../demo/articles/printers-who-said-no.md"),
    ),
    (
        "demo/articles/tipografii-kotorye-otkazali.md",
        include_str!("../demo/articles/tipografii-kotorye-otkazali.md"),
    ),
    ("demo/articles/auyl-radiosy.md", include_str!("../demo/articles/auyl-radiosy.md")),
    (
        "demo/articles/reading-us-when-blocked.md",
        include_str!("../demo/articles/reading-us-when-blocked.md"),
    ),
    ("demo/articles/kto-perevodit-nas.md", include_str!("../demo/articles/kto-perevodit-nas.md")),
    ("demo/articles/matabi-rafadat.md", include_str!("../demo/articles/matabi-rafadat.md")),
];

const IMAGES: &[(&str, &[u8])] = &[
    ("demo/images/advert-post.svg", include_bytes!("../demo/images/advert-post.svg")),
    ("demo/images/paper-stack.svg", include_bytes!("../demo/images/paper-stack.svg")),
    ("demo/images/phone-lock.svg", include_bytes!("../demo/images/phone-lock.svg")),
    ("demo/images/printing-press.svg", include_bytes!("../demo/images/printing-press.svg")),
    ("demo/images/radio-mast.svg", include_bytes!("../demo/images/radio-mast.svg")),
    ("demo/images/tv-frame.svg", include_bytes!("../demo/images/tv-frame.svg")),
];

/// Images from the embedded table.
struct EmbeddedImages;

impl ImageSource for EmbeddedImages {
    fn load(&self, article_name: &str, src: &str) -> Option<Vec<u8>> {
        let path = resolve_relative(article_name, src);
        IMAGES.iter().find(|(name, _)| *name == path).map(|(_, bytes)| bytes.to_vec())
    }
}

/// The demo articles as source files.
pub(crate) fn demo_files() -> Vec<SourceFile> {
    ARTICLES
        .iter()
        .map(|(name, text)| SourceFile { name: (*name).to_owned(), text: (*text).to_owned() })
        .collect()
}

/// Imports the demo content; returns how many articles were stored.
pub(crate) async fn load_demo(
    store: &AnyStore,
    media_dir: &Path,
    catalog: &Catalog,
) -> anyhow::Result<usize> {
    let files = demo_files();
    let batch = match prepare_batch(
        &files,
        &EmbeddedImages,
        catalog,
        &HashMap::new(),
        &HashMap::new(),
        &ProgressBar::hidden(),
    ) {
        Ok(batch) => batch,
        Err(errors) => {
            report_errors(&errors);
            anyhow::bail!("the built-in demo content is invalid (a bug in this build)");
        }
    };
    let outcome = write_batch(store, media_dir, &batch, false, Approval::ByOperator)
        .await
        .context("loading the demo content")?;
    add_demo_comments(store).await.context("adding the demo comments")?;
    Ok(outcome.inserted)
}

/// Approved comments for two demo articles; the others keep their empty state ("Start the
/// conversation"). (slug, name, body, reply to the comment at this index)
const DEMO_COMMENTS: &[(&str, &str, &str, Option<usize>)] = &[
    (
        "printers-who-said-no",
        "Saule",
        "I work in a print shop in Shymkent. Nobody here gets a written rule either; we get phone calls. Thank you for writing down how it actually happens.",
        None,
    ),
    (
        "printers-who-said-no",
        "Timur K.",
        "Is the e-book version available as EPUB? My old reader does not open PDF files well.",
        None,
    ),
    (
        "printers-who-said-no",
        "Aruzhan Alibekova",
        "Yes, the almanac is available as EPUB too. The link is at the end of the mirror page.",
        Some(1),
    ),
    (
        "tipografii-kotorye-otkazali",
        "Марат",
        "Очень узнаваемо. В прошлом году нам тоже отказали без объяснений, и мы тоже ушли в интернет.",
        None,
    ),
];

async fn add_demo_comments(store: &AnyStore) -> anyhow::Result<()> {
    use ashyq_store::{CommentId, CommentStatus, CommentStore, NewComment, StoredFingerprint};
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let mut ids: Vec<CommentId> = Vec::new();
    for (index, (slug, name, body, reply_to)) in DEMO_COMMENTS.iter().enumerate() {
        let Some(target) = store.comment_target(slug).await? else { continue };
        let fingerprint = ashyq_moderation::fingerprint(body);
        let comment = NewComment {
            article_id: target.article_id,
            parent_id: reply_to.and_then(|parent| ids.get(parent).copied()),
            author_name: (*name).to_owned(),
            email: None,
            email_hash: None,
            email_confirm: None,
            user_id: None,
            is_article_author: target.author_names.iter().any(|author| author == name),
            body: (*body).to_owned(),
            body_html: ashyq_content::render_comment_html(body),
            status: CommentStatus::Approved,
            language: Some(target.lang.clone()),
            screen_score: 0.0,
            screen_flagged: false,
            screen_findings: Vec::new(),
            screen_label: None,
            fingerprint: StoredFingerprint::from_unsigned(
                fingerprint.exact,
                fingerprint.simhash,
                fingerprint.tokens,
            ),
            address_hash: None,
            commenter_token_hash: format!("demo-{index}"),
            flags: ashyq_store::CommentFlags::new(),
            // Spaced a few minutes apart, so the thread reads in order.
            created_at: now - 3600 + (index as i64) * 300,
            limit: None,
        };
        // No limit is carried, so none is reached.
        for stored in store.insert_comments(&[comment]).await? {
            ids.push(stored?);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_content_is_valid() {
        let catalog = Catalog::new().unwrap();
        let batch = prepare_batch(
            &demo_files(),
            &EmbeddedImages,
            &catalog,
            &HashMap::new(),
            &HashMap::new(),
            &ProgressBar::hidden(),
        )
        .unwrap_or_else(|errors| {
            let messages: Vec<String> = errors.errors.iter().map(ToString::to_string).collect();
            panic!("demo content has errors:\n{}", messages.join("\n"))
        });
        assert!(batch.articles.len() >= 3);
        assert!(batch.articles.iter().any(|new| new.article.has_interview()));
        assert!(batch.articles.iter().any(|new| new.article.translation_of.is_some()));
        assert!(batch.articles.iter().any(|new| new.article.lang.as_str() == "kk"));
        // Issue 11: an Arabic translation of the interview, so that a page pairs right-to-left
        // and left-to-right versions.
        assert!(batch.articles.iter().any(|new| new.article.lang.as_str() == "ar"
            && new.article.translation_of.is_some()
            && new.article.has_interview()));
    }

    #[test]
    fn every_demo_image_file_is_embedded() {
        let on_disk =
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/demo/images")).unwrap().count();
        assert_eq!(on_disk, IMAGES.len());
        let on_disk = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/demo/articles"))
            .unwrap()
            .count();
        assert_eq!(on_disk, ARTICLES.len());
    }
}
