//! Tests of the one path by which images enter the site, against a real SQLite store in a
//! temporary folder: metadata never reaches a file, names come from contents and typed slugs,
//! files are private, refusals write nothing, and a burst of the same upload stores it once.

use std::path::Path;

use ashyq_images::test_support::{PLANTED_SERIAL, plain_jpeg, revealing_jpeg};
use ashyq_store::EditorialStore as _;
use ashyq_store_sqlite::SqliteStore;

use super::*;

async fn store() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("media")).unwrap();
    let store = SqliteStore::open(dir.path()).await.unwrap();
    (dir, store)
}

fn meta(slug: Option<&str>) -> ImageMeta {
    ImageMeta {
        alt: "A queue outside the printing house".to_owned(),
        caption: String::new(),
        credit: "Aigerim S.".to_owned(),
        licence: "cc-by".to_owned(),
        slug: slug.map(str::to_owned),
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

#[tokio::test]
async fn a_revealing_photo_is_published_clean_under_hashed_names() {
    let (dir, store) = store().await;
    let media_dir = dir.path().join("media");
    let ingested = ingest_image(
        &store,
        &media_dir,
        revealing_jpeg(1200, 800),
        meta(Some("Queue at dawn!")),
        None,
        10,
    )
    .await
    .unwrap();
    assert!(!ingested.already_there);
    assert!(ingested.stripped_metadata.iter().any(|item| item.contains("GPS")));
    let names = files_in(&media_dir);
    assert_eq!(names.len(), 3, "480, 960 and 1200: {names:?}");
    for name in &names {
        let (hash, rest) = name.split_once('-').unwrap();
        assert_eq!(hash.len(), 16);
        assert!(rest.starts_with("queue-at-dawn-") && rest.ends_with(".jpg"), "{name}");
        let bytes = std::fs::read(media_dir.join(name)).unwrap();
        assert_eq!(media_name(&bytes, Some("queue-at-dawn"), None, "x").get(..16), Some(hash));
        assert!(!contains(&bytes, PLANTED_SERIAL.as_bytes()) && !contains(&bytes, b"Exif"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(media_dir.join(name)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{name}");
        }
    }
    let stored = store.media_by_name(&ingested.media.name).await.unwrap().unwrap();
    assert_eq!(stored.media.variants.len(), 3);
    assert_eq!((stored.media.width, stored.media.height), (1200, 800));
    assert_eq!(stored.uploaded_by, None);
}

#[tokio::test]
async fn the_same_image_twice_is_stored_once() {
    let (dir, store) = store().await;
    let media_dir = dir.path().join("media");
    let bytes = plain_jpeg(600, 400);
    let first = ingest_image(&store, &media_dir, bytes.clone(), meta(None), None, 1).await.unwrap();
    let mut other_words = meta(None);
    other_words.credit = "Someone else".to_owned();
    let second = ingest_image(&store, &media_dir, bytes, other_words, None, 2).await.unwrap();
    assert!(second.already_there);
    assert_eq!(second.media, first.media, "the first record stands");
    assert_eq!(files_in(&media_dir).len(), 2);
    assert_eq!(store.recent_media(10).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_burst_of_the_same_upload_stores_one_complete_record() {
    let (dir, store) = store().await;
    let media_dir = dir.path().join("media");
    let bytes = plain_jpeg(1000, 700);
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (store, media_dir, bytes) = (store.clone(), media_dir.clone(), bytes.clone());
        tasks.push(tokio::spawn(async move {
            ingest_image(&store, &media_dir, bytes, meta(Some("burst")), None, 3).await
        }));
    }
    let mut fresh = 0;
    for task in tasks {
        let ingested = task.await.unwrap().unwrap();
        fresh += usize::from(!ingested.already_there);
    }
    assert_eq!(fresh, 1, "exactly one upload created the record");
    let names = files_in(&media_dir);
    assert_eq!(names.len(), 3, "no temporary files left: {names:?}");
    let record = store.recent_media(10).await.unwrap();
    assert_eq!(record.len(), 1);
    for variant in &record[0].media.variants {
        let bytes = std::fs::read(media_dir.join(&variant.file_name)).unwrap();
        assert!(image_decodes(&bytes), "{} is complete", variant.file_name);
    }
}

fn image_decodes(bytes: &[u8]) -> bool {
    ashyq_images::process_upload(bytes, &UploadLimits::default()).is_ok()
}

#[tokio::test]
async fn an_svg_is_sanitised_and_sized() {
    let (dir, store) = store().await;
    let media_dir = dir.path().join("media");
    let svg = b"<?xml version=\"1.0\"?><!-- by Aigerim --><svg xmlns=\"http://www.w3.org/2000/svg\" \
        viewBox=\"0 0 640 400\" onload=\"alert(1)\"><script>alert(2)</script><rect width=\"9\" height=\"9\"/></svg>";
    let ingested =
        ingest_image(&store, &media_dir, svg.to_vec(), meta(None), None, 4).await.unwrap();
    assert_eq!((ingested.media.width, ingested.media.height), (640, 400));
    assert!(ingested.media.name.ends_with(".svg") && !ingested.media.name.contains("-"));
    let written = std::fs::read_to_string(media_dir.join(&ingested.media.name)).unwrap();
    assert!(!written.contains("alert") && !written.contains("Aigerim"), "{written}");
    assert_eq!(ingested.media.variants.len(), 1);
}

#[tokio::test]
async fn a_refused_image_writes_nothing() {
    let (dir, store) = store().await;
    let media_dir = dir.path().join("media");
    for bytes in [b"%PDF-1.7 not an image".to_vec(), b"<html/>".to_vec(), Vec::new()] {
        let error = ingest_image(&store, &media_dir, bytes, meta(None), None, 5).await.unwrap_err();
        assert!(matches!(error, MediaError::Refused(_)), "{error}");
    }
    assert!(files_in(&media_dir).is_empty());
    assert!(store.recent_media(10).await.unwrap().is_empty());
}

#[test]
fn slugs_are_typed_words_reduced_to_plain_ascii() {
    assert_eq!(media_slug("IMG_0001 (GPS)").as_deref(), Some("img-0001-gps"));
    assert_eq!(media_slug("  Очередь  ").as_deref(), None);
    assert_eq!(media_slug("../../etc/passwd").as_deref(), Some("etc-passwd"));
    assert_eq!(media_slug(&"a".repeat(100)).map(|slug| slug.len()), Some(MAX_SLUG_CHARS));
    assert_eq!(
        slug_of_media_name("0123456789abcdef-queue-2024-1200.jpg").as_deref(),
        Some("queue-2024")
    );
    assert_eq!(slug_of_media_name("0123456789abcdef-1200.jpg"), None);
    assert_eq!(slug_of_media_name("0123456789abcdef-press.svg").as_deref(), Some("press"));
    assert_eq!(slug_of_media_name("0123456789abcdef.svg"), None);
}
