//! The index end to end on a small corpus we wrote: relevance per language, scripts, filters,
//! visibility, grouping, and a rebuilt index answering like the incrementally kept one.

use super::*;

fn article(id: i64, group: &str, lang: &str, title: &str, text: &str) -> SearchDocument {
    SearchDocument {
        id,
        group: group.to_owned(),
        slug: format!("{group}-{lang}"),
        lang: lang.to_owned(),
        title: title.to_owned(),
        text: text.to_owned(),
        tags: vec![("politics".to_owned(), "Politics".to_owned())],
        authors: vec![(format!("author-{}", id % 2), "A. Writer".to_owned())],
        published_at: 1_700_000_000 + id * 86_400,
        status: "published".to_owned(),
    }
}

/// A small trilingual corpus of our own: one story in three languages, and single stories.
fn corpus() -> Vec<SearchDocument> {
    let mut draft =
        article(7, "draft-story", "en", "Secret draft", "An unpublished plan about the dam.");
    draft.status = "draft".to_owned();
    let mut other_tag = article(8, "market", "en", "Market prices", "Prices at the bazaar rose.");
    other_tag.tags = vec![("economy".to_owned(), "Economy".to_owned())];
    vec![
        article(
            1,
            "rally",
            "en",
            "Rally in the square",
            "Protests gathered near the akimat in Almaty.",
        ),
        article(2, "rally", "ru", "Митинг на площади", "Протесты прошли у акимата в Алматы."),
        article(3, "rally", "kk", "Алаңдағы митинг", "Алматы қаласында наразылықтар өтті."),
        article(
            4,
            "river",
            "ru",
            "Река обмелела",
            "Жители протестов не устраивали, но ёлки вырубили.",
        ),
        article(5, "schools", "kk", "Мектептер жөнделді", "Ауылдағы мектептерде жөндеу аяқталды."),
        article(6, "road", "en", "A new road to Shymkent", "The road was reported finished."),
        draft,
        other_tag,
    ]
}

fn build(root: &std::path::Path, documents: &[SearchDocument], watermark: i64) -> SearchIndex {
    let mut builder = IndexBuilder::create(root, 1).unwrap();
    for document in documents {
        builder.add(document).unwrap();
    }
    builder.finish(watermark).unwrap();
    match SearchIndex::open(root) {
        Opened::Ready(index) => index,
        Opened::NeedsRebuild(reason) => panic!("{reason}"),
        Opened::Missing => panic!("missing"),
    }
}

fn query(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.to_owned(),
        lang: None,
        tag: None,
        author: None,
        from: None,
        to: None,
        scope: Scope::Readers { now: 2_000_000_000 },
        page: 1,
        per_page: 10,
    }
}

/// The slugs of every version found, story by story.
fn found(index: &SearchIndex, request: &SearchQuery) -> Vec<String> {
    let results = index.search(request).unwrap();
    results.hits.iter().map(|hit| hit.best.slug.clone()).collect()
}

fn check(index: &SearchIndex, text: &str, expected: &[&str]) {
    let mut slugs = found(index, &query(text));
    slugs.sort();
    let mut expected: Vec<String> = expected.iter().map(|slug| (*slug).to_owned()).collect();
    expected.sort();
    assert_eq!(slugs, expected, "results for {text:?}");
}

#[test]
fn morphological_variants_are_found_per_language() {
    let folder = tempfile::tempdir().unwrap();
    let index = build(folder.path(), &corpus(), 0);
    // «протестов» finds «протесты» (and the river story's own «протестов»).
    check(&index, "протестов", &["rally-ru", "river-ru"]);
    check(&index, "protest", &["rally-en"]);
    check(&index, "reporting", &["road-en"]);
    check(&index, "наразылық", &["rally-kk"]);
    check(&index, "мектеп", &["schools-kk"]);
    // ё and е find each other.
    check(&index, "елки", &["river-ru"]);
}

#[test]
fn stop_words_are_ignored() {
    let folder = tempfile::tempdir().unwrap();
    let index = build(folder.path(), &corpus(), 0);
    check(&index, "the protests", &["rally-en"]);
    check(&index, "и протесты", &["rally-ru", "river-ru"]);
    check(&index, "the and of", &[]);
    assert!(index.search(&query("the and of")).unwrap().words.is_empty());
}

#[test]
fn cross_script_queries_work_both_ways() {
    let folder = tempfile::tempdir().unwrap();
    let index = build(folder.path(), &corpus(), 0);
    // One story, three languages: one hit whichever script the query is in.
    let latin = index.search(&query("Almaty")).unwrap();
    let cyrillic = index.search(&query("Алматы")).unwrap();
    assert_eq!(latin.stories, 1);
    assert_eq!(cyrillic.stories, 1);
    let langs: Vec<&str> = latin.hits[0].versions.iter().map(|v| v.lang.as_str()).collect();
    assert_eq!(langs, ["en", "kk", "ru"]);
    // Within one language: a Latin query finds a Cyrillic-only article.
    let mut kazakh_only = query("mektepterde");
    kazakh_only.lang = Some("kk".to_owned());
    assert_eq!(found(&index, &kazakh_only), ["schools-kk"]);
    check(&index, "Шымкент", &["road-en"]);
    // The snippet marks the Cyrillic word found by the Latin query.
    let mut russian = query("Almaty");
    russian.lang = Some("ru".to_owned());
    let hit = &index.search(&russian).unwrap().hits[0];
    assert!(hit.snippet.iter().any(|part| part.highlighted && part.text == "Алматы"), "{hit:?}");
}

#[test]
fn filters_narrow_the_results() {
    let folder = tempfile::tempdir().unwrap();
    let index = build(folder.path(), &corpus(), 0);
    let mut by_lang = query("протесты protests");
    by_lang.text = "Almaty".to_owned();
    by_lang.lang = Some("kk".to_owned());
    assert_eq!(found(&index, &by_lang), ["rally-kk"]);
    let mut by_tag = query("prices");
    by_tag.tag = Some("politics".to_owned());
    assert!(found(&index, &by_tag).is_empty());
    by_tag.tag = Some("economy".to_owned());
    assert_eq!(found(&index, &by_tag), ["market-en"]);
    let mut by_author = query("road");
    by_author.author = Some("author-1".to_owned());
    assert!(found(&index, &by_author).is_empty());
    by_author.author = Some("author-0".to_owned());
    assert_eq!(found(&index, &by_author), ["road-en"]);
    // Dates: the rally's versions are days 1–3, the river story day 4.
    let mut by_date = query("протестов");
    by_date.from = Some(1_700_000_000 + 4 * 86_400);
    assert_eq!(found(&index, &by_date), ["river-ru"]);
    by_date.from = None;
    by_date.to = Some(1_700_000_000 + 3 * 86_400);
    assert_eq!(found(&index, &by_date), ["rally-ru"]);
}

#[test]
fn readers_never_find_drafts_or_future_articles_but_editors_do() {
    let folder = tempfile::tempdir().unwrap();
    let index = build(folder.path(), &corpus(), 0);
    check(&index, "dam", &[]);
    let mut newsroom = query("dam");
    newsroom.scope = Scope::Newsroom;
    assert_eq!(found(&index, &newsroom), ["draft-story-en"]);
    // Scheduled: published, but its time has not come.
    let mut early = query("Almaty");
    early.scope = Scope::Readers { now: 1_700_000_000 + 2 * 86_400 };
    let results = index.search(&early).unwrap();
    assert_eq!(results.stories, 1);
    let langs: Vec<&str> = results.hits[0].versions.iter().map(|v| v.lang.as_str()).collect();
    assert_eq!(langs, ["en", "ru"], "the Kazakh version is not out yet");
}

#[test]
fn pages_split_the_stories() {
    let folder = tempfile::tempdir().unwrap();
    let documents: Vec<SearchDocument> = (1..=25)
        .map(|id| {
            article(id, &format!("story{id}"), "en", "Budget hearing", "The budget was heard.")
        })
        .collect();
    let index = build(folder.path(), &documents, 0);
    let mut request = query("budget");
    request.page = 3;
    let results = index.search(&request).unwrap();
    assert_eq!((results.stories, results.pages, results.hits.len()), (25, 3, 5));
}

#[test]
fn incremental_changes_match_a_rebuild() {
    let folder = tempfile::tempdir().unwrap();
    let index = build(folder.path(), &corpus()[..3], 3);
    let TryIndexer::Acquired(mut indexer) = Indexer::acquire(&index).unwrap() else {
        panic!("the writer is free");
    };
    // A second writer in the same folder is refused: one indexer at a time.
    assert!(matches!(Indexer::acquire(&index).unwrap(), TryIndexer::Busy));
    for document in &corpus()[3..] {
        indexer.upsert(document).unwrap();
    }
    let mut edited = corpus()[0].clone();
    edited.text = "Nothing about crowds any more.".to_owned();
    indexer.upsert(&edited).unwrap();
    indexer.remove(5);
    indexer.commit(9).unwrap();
    index.refresh().unwrap();
    assert_eq!(index.watermark().unwrap(), 9);

    let mut expected: Vec<SearchDocument> =
        corpus().into_iter().filter(|doc| doc.id != 5).collect();
    expected[0] = edited;
    let rebuilt_folder = tempfile::tempdir().unwrap();
    let rebuilt = build(rebuilt_folder.path(), &expected, 9);
    for text in ["protests", "протестов", "Almaty", "мектеп", "crowds", "dam", "road"]
    {
        for scope in [Scope::Newsroom, Scope::Readers { now: 2_000_000_000 }] {
            let mut request = query(text);
            request.scope = scope;
            let incremental = index.search(&request).unwrap();
            assert_eq!(incremental, rebuilt.search(&request).unwrap(), "{text}");
        }
    }
    check(&index, "crowds", &["rally-en"]);
    check(&index, "мектеп", &[]);
}

#[test]
fn a_rebuild_replaces_the_index_other_processes_read() {
    let folder = tempfile::tempdir().unwrap();
    let index = build(folder.path(), &corpus()[..1], 1);
    let mut builder = IndexBuilder::create(folder.path(), 1).unwrap();
    for document in corpus() {
        builder.add(&document).unwrap();
    }
    builder.finish(20).unwrap();
    assert!(index.refresh().unwrap(), "switched to the new index");
    assert_eq!(index.watermark().unwrap(), 20);
    check(&index, "мектеп", &["schools-kk"]);
    // Only the new subfolder is left, and a build started later (another process) is left alone.
    let later = folder.path().join("v1-99999999999999999999999-1");
    std::fs::create_dir(&later).unwrap();
    let mut builder = IndexBuilder::create(folder.path(), 1).unwrap();
    builder.add(&corpus()[0]).unwrap();
    builder.finish(21).unwrap();
    assert!(later.exists());
    std::fs::remove_dir(&later).unwrap();
    let folders = std::fs::read_dir(folder.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(folders, 1);
}

#[test]
fn a_missing_or_damaged_index_asks_for_a_rebuild() {
    let folder = tempfile::tempdir().unwrap();
    assert!(matches!(SearchIndex::open(folder.path()), Opened::Missing));
    let index = build(folder.path(), &corpus(), 0);
    let name = index.current_name();
    drop(index);
    std::fs::remove_file(folder.path().join(&name).join("meta.json")).unwrap();
    assert!(matches!(SearchIndex::open(folder.path()), Opened::NeedsRebuild(_)));
    std::fs::write(folder.path().join("CURRENT"), "v0-old").unwrap();
    assert!(matches!(SearchIndex::open(folder.path()), Opened::NeedsRebuild(_)));
}

#[cfg(unix)]
#[test]
fn index_files_are_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let folder = tempfile::tempdir().unwrap();
    let root = folder.path().join("search");
    let index = build(&root, &corpus(), 0);
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&root), 0o700);
    let sub = root.join(index.current_name());
    assert_eq!(mode(&sub), 0o700);
    for entry in std::fs::read_dir(&sub).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            assert_eq!(mode(&path), 0o600, "{}", path.display());
        }
    }
    assert_eq!(mode(&root.join("CURRENT")), 0o600);
}

#[test]
fn html_fragments_become_text() {
    assert_eq!(text_from_html("<p>Tom &amp; Jerry &lt;b&gt;</p><p>two</p>"), "Tom & Jerry <b> two");
}
