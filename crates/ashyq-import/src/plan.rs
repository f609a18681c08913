//! What a WordPress export becomes here: article files with their states, comments in our shape,
//! and a report of everything adapted or skipped. Pure: what is already imported, which slugs are
//! taken and which images exist are handed in.

use std::collections::{BTreeMap, HashMap, HashSet};

use time::OffsetDateTime;

use crate::article_file::{ArticleDraft, FileFigure, FilePiece, article_file};
use crate::foreign::{CommentState, ForeignComment, order_threads, wordpress_state};
use crate::html::{self, FigureRef, Piece};
use crate::shortcodes;
use crate::slugs::{ascii_slug, unique_slug};
use crate::wxr::{Item, Wxr};

/// The state an imported article starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostState {
    /// `publish`, and `future` (published with a date to come: scheduled).
    Published,
    /// `draft`.
    Draft,
    /// `pending` (waiting for review).
    Review,
    /// `private`, and any password-protected post.
    Unpublished,
}

/// An article to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedArticle {
    /// The WordPress post id.
    pub foreign_id: String,
    pub slug: String,
    pub state: PostState,
    /// The article file, as `import md` would read it.
    pub file: String,
    /// Every image path the file uses (relative to the media folder).
    pub images: Vec<String>,
}

/// What the import found and did, besides the articles and comments themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub people: usize,
    /// (what, why)
    pub skipped: Vec<(String, String)>,
    /// What was adapted, one line each.
    pub notes: Vec<String>,
    /// (address in the post, the file it should be under `--media`)
    pub missing_images: Vec<(String, String)>,
    /// Shortcode name → how many posts use it.
    pub unknown_shortcodes: BTreeMap<String, usize>,
    pub pingbacks: usize,
    /// Posts and comments imported by an earlier run.
    pub posts_already: usize,
    pub comments_already: usize,
}

/// The whole plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub articles: Vec<PlannedArticle>,
    pub comments: Vec<ForeignComment>,
    pub report: Report,
}

/// What the site already holds.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// WordPress post id → our slug, for posts imported before.
    pub posts: HashMap<String, String>,
    pub comments: HashSet<String>,
    /// Every slug on the site.
    pub slugs: HashSet<String>,
    /// Author login → name, for authors matched to accounts by e-mail.
    pub names: HashMap<String, String>,
}

/// Where an image address's file is under `--media`: the path after `wp-content/uploads/` (or
/// the address's path), without `..` or leading slashes.
pub fn uploads_path(url: &str) -> String {
    let without_query = url.split(['?', '#']).next().unwrap_or("");
    let path = match without_query.find("/wp-content/uploads/") {
        Some(index) => &without_query[index + "/wp-content/uploads/".len()..],
        None => without_query
            .split_once("://")
            .map_or(without_query, |(_, rest)| rest.split_once('/').map_or("", |(_, path)| path)),
    };
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    decoded
        .split('/')
        .filter(|part| !part.is_empty() && *part != "." && *part != "..")
        .collect::<Vec<_>>()
        .join("/")
}

/// A post's language: its Polylang `language` term; else, when the export's `<language>` is one the
/// detector knows (en, ru, kk), the language its text is written in, since most WordPress sites
/// publishing in several languages without a plugin never change that setting from `en-US`; else
/// the export's `<language>`.
fn language(wxr: &Wxr, item: &Item, notes: &mut Vec<String>) -> String {
    if let Some(term) = item.term("language") {
        let code = if term.nicename.is_empty() { &term.name } else { &term.nicename };
        if let Ok(tag) = ashyq_content::LanguageTag::parse(code) {
            return tag.primary().to_owned();
        }
    }
    let site = match ashyq_content::LanguageTag::parse(&wxr.language) {
        Ok(tag) => Some(tag.primary().to_owned()),
        Err(_) => None,
    };
    // Only between languages the detector tells apart: a Kyrgyz site's posts share letters with
    // Kazakh, and a German one's would read as English.
    let detectable =
        |code: &str| ashyq_moderation::Lang::ALL.iter().any(|lang| lang.code() == code);
    if site.as_deref().is_none_or(detectable) {
        let text = format!("{}\n{}\n{}", item.title, item.excerpt, item.content);
        if let Some(found) = ashyq_moderation::detect_language(&plain_words(&text)) {
            let found = found.code();
            if site.as_deref() != Some(found) {
                notes.push(format!(
                    "post {}: written in {found} (read from its text), not the export's `{}`",
                    item.id, wxr.language
                ));
            }
            return found.to_owned();
        }
    }
    site.unwrap_or_else(|| {
        notes.push(format!(
            "post {}: no language known (the export's <language> is `{}`); imported as English",
            item.id, wxr.language
        ));
        "en".to_owned()
    })
}

/// The words of a post's HTML for the language detector: tags, block comments, shortcodes,
/// entities and addresses dropped (their Latin letters would make every post look English), about
/// the first 4,000 bytes kept. Hand-written rather than parsed: only letters are counted, so a
/// stray `<` or `[` costs at most the rest of one post's count, never a wrong article.
fn plain_words(html: &str) -> String {
    let mut out = String::with_capacity(html.len().min(4_096));
    let mut closing: Option<char> = None;
    for word in html.split_whitespace() {
        if word.contains("://") || word.starts_with("www.") {
            continue;
        }
        let mut chars = word.char_indices();
        while let Some((at, c)) = chars.next() {
            match closing {
                Some(end) if c == end => closing = None,
                Some(_) => {}
                None if c == '<' => closing = Some('>'),
                None if c == '[' => closing = Some(']'),
                // `&amp;`, `&#1082;`: an entity is short and ends in `;` within the word.
                None if c == '&' => match word[at..].find(';').filter(|end| *end <= 10) {
                    Some(end) => {
                        let rest = at + end;
                        while chars.next().is_some_and(|(next, _)| next < rest) {}
                    }
                    None => out.push(c),
                },
                None => out.push(c),
            }
        }
        out.push(' ');
        if out.len() > 4_000 {
            break;
        }
    }
    out
}

fn state(item: &Item) -> Result<PostState, String> {
    if !item.password.is_empty() {
        return Ok(PostState::Unpublished);
    }
    match item.status.as_str() {
        "publish" | "future" => Ok(PostState::Published),
        "draft" => Ok(PostState::Draft),
        "pending" => Ok(PostState::Review),
        "private" => Ok(PostState::Unpublished),
        "trash" => Err("in WordPress's trash".to_owned()),
        "auto-draft" => Err("an automatic draft WordPress made, never written".to_owned()),
        other => Err(format!("its status `{other}` is not one we know")),
    }
}

/// The plan for `wxr`; `find_image` says where an image address's file is, if it exists.
pub fn plan_wxr(
    wxr: &Wxr,
    known: &Known,
    find_image: &dyn Fn(&str) -> Option<String>,
    now: OffsetDateTime,
) -> Plan {
    let mut plan = Plan::default();
    let report = &mut plan.report;
    report.people = wxr.authors.len();
    let attachments: HashMap<i64, &Item> =
        wxr.items.iter().filter(|item| item.post_type == "attachment").map(|i| (i.id, i)).collect();
    let authors: HashMap<&str, (String, String)> = wxr
        .authors
        .iter()
        .map(|author| {
            let name = known.names.get(&author.login).cloned().unwrap_or_else(|| {
                if author.display_name.is_empty() {
                    author.login.clone()
                } else {
                    author.display_name.clone()
                }
            });
            let slug = ascii_slug(&author.login)
                .or_else(|| ascii_slug(&name))
                .unwrap_or_else(|| "author".to_owned());
            (author.login.as_str(), (name, slug))
        })
        .collect();
    let mut taken = known.slugs.clone();
    // Slugs of posts in this file, by WordPress id, for translation links.
    let mut slugs_by_id: HashMap<i64, String> = HashMap::new();
    let mut imported_posts: HashSet<i64> = HashSet::new();
    let mut drafts: Vec<(i64, ArticleDraft, PostState, Vec<String>)> = Vec::new();
    let mut group_members: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();

    for item in &wxr.items {
        if !matches!(item.post_type.as_str(), "post" | "page") {
            if item.post_type != "attachment" {
                report.skipped.push((
                    format!("item {} ({})", item.id, item.post_type),
                    format!("`{}` items are not articles", item.post_type),
                ));
            }
            continue;
        }
        let foreign_id = item.id.to_string();
        if let Some(slug) = known.posts.get(&foreign_id) {
            report.posts_already += 1;
            slugs_by_id.insert(item.id, slug.clone());
            imported_posts.insert(item.id);
            continue;
        }
        let state = match state(item) {
            Ok(state) => state,
            Err(reason) => {
                report.skipped.push((format!("post {} “{}”", item.id, item.title), reason));
                continue;
            }
        };
        let notes = &mut report.notes;
        if !item.password.is_empty() {
            notes.push(format!("post {}: password-protected, imported unpublished", item.id));
        }
        let title = if item.title.trim().is_empty() {
            notes.push(format!("post {}: no title, imported as “(untitled)”", item.id));
            "(untitled)".to_owned()
        } else {
            item.title.trim().to_owned()
        };
        let base = ascii_slug(&item.name)
            .or_else(|| ascii_slug(&title).filter(|_| title != "(untitled)"))
            .unwrap_or_else(|| format!("post-{}", item.id));
        let slug = unique_slug(&base, &mut taken);
        if slug != item.name {
            notes.push(format!(
                "post {}: slug `{}` became `{slug}`",
                item.id,
                if item.name.is_empty() { "(none)" } else { &item.name }
            ));
        }
        let lang = language(wxr, item, notes);
        let published = item.date.unwrap_or_else(|| {
            notes.push(format!("post {}: no date, dated at the import", item.id));
            now
        });
        let author = authors.get(item.creator.as_str()).cloned().unwrap_or_else(|| {
            let name =
                if item.creator.is_empty() { wxr.title.clone() } else { item.creator.clone() };
            let name = if name.trim().is_empty() { "Archive".to_owned() } else { name };
            let slug = ascii_slug(&name).unwrap_or_else(|| "archive".to_owned());
            (name, slug)
        });
        let tags: Vec<String> = item
            .terms
            .iter()
            .filter(|term| matches!(term.domain.as_str(), "category" | "post_tag"))
            .filter(|term| term.name != "Uncategorized")
            .filter_map(|term| {
                // A term our article format could not name (empty, or only control characters
                // or punctuation, so it has no slug) is left out and said, not written into a
                // file the parser would refuse.
                let name: String = term.name.chars().filter(|c| !c.is_control()).collect();
                let name = name.trim().to_owned();
                if ashyq_content::slug::slugify(&name).is_none() {
                    if !term.name.is_empty() {
                        notes.push(format!(
                            "post {}: the term {:?} has no letters or digits, left out",
                            item.id, term.name
                        ));
                    }
                    return None;
                }
                Some(name)
            })
            .fold(Vec::new(), |mut tags, name| {
                if !tags.contains(&name) {
                    tags.push(name);
                }
                tags
            });

        let expanded = shortcodes::expand(&item.content);
        for name in &expanded.unknown {
            *report.unknown_shortcodes.entry(name.clone()).or_default() += 1;
        }
        let converted = html::convert(&expanded.html);
        for link in &converted.refused_links {
            report.notes.push(format!("post {}: the link `{link}` is kept as text", item.id));
        }
        for dropped in &converted.dropped {
            report.notes.push(format!("post {}: `<{dropped}>` left out", item.id));
        }
        let mut images = Vec::new();
        let mut resolve = |figure: &FigureRef, report: &mut Report| -> Option<FileFigure> {
            match find_image(&figure.src) {
                Some(src) => {
                    images.push(src.clone());
                    Some(FileFigure {
                        src,
                        alt: figure.alt.clone(),
                        caption: figure.caption.clone(),
                        credit: figure.credit.clone(),
                    })
                }
                None => {
                    report.missing_images.push((figure.src.clone(), uploads_path(&figure.src)));
                    None
                }
            }
        };
        let mut body = Vec::new();
        for piece in converted.pieces {
            match piece {
                Piece::Markdown(text) => body.push(FilePiece::Markdown(text)),
                Piece::Figure(figure) => {
                    if let Some(figure) = resolve(&figure, report) {
                        body.push(FilePiece::Figure(figure));
                    }
                }
            }
        }
        let lead_figure = item
            .meta("_thumbnail_id")
            .and_then(|id| id.trim().parse::<i64>().ok())
            .and_then(|id| attachments.get(&id))
            .and_then(|attachment| {
                let figure = FigureRef {
                    src: attachment.attachment_url.clone(),
                    alt: item_meta_alt(attachment),
                    caption: html::plain_text(&attachment.excerpt),
                    credit: String::new(),
                };
                resolve(&figure, report)
            });
        let summary = Some(html::plain_text(&item.excerpt)).filter(|text| !text.is_empty());
        if let Some(group) = item.term("post_translations") {
            group_members.entry(group.nicename.clone()).or_default().push((item.id, lang.clone()));
        }
        slugs_by_id.insert(item.id, slug.clone());
        imported_posts.insert(item.id);
        drafts.push((
            item.id,
            ArticleDraft {
                title,
                slug,
                lang,
                published,
                summary,
                authors: vec![author],
                tags,
                translation_of: None,
                lead_figure,
                body,
            },
            state,
            images,
        ));
    }

    // Polylang groups: the earliest post of a group is the original, the others its translations.
    // A group member imported by an earlier run counts too.
    for item in &wxr.items {
        if let Some(group) = item.term("post_translations")
            && known.posts.contains_key(&item.id.to_string())
        {
            group_members.entry(group.nicename.clone()).or_default().push((item.id, String::new()));
        }
    }
    let mut original_of: HashMap<i64, String> = HashMap::new();
    for members in group_members.values() {
        let Some(original) = members.iter().map(|(id, _)| *id).min() else { continue };
        let Some(original_slug) = slugs_by_id.get(&original) else { continue };
        for (id, _) in members {
            if *id != original {
                original_of.insert(*id, original_slug.clone());
            }
        }
    }
    for (id, mut draft, state, images) in drafts {
        draft.translation_of = original_of.get(&id).cloned();
        plan.articles.push(PlannedArticle {
            foreign_id: id.to_string(),
            slug: draft.slug.clone(),
            state,
            file: article_file(&draft),
            images,
        });
    }

    for item in &wxr.items {
        for comment in &item.comments {
            let what = format!("comment {} on post {}", comment.id, item.id);
            if matches!(comment.kind.as_str(), "pingback" | "trackback") {
                plan.report.pingbacks += 1;
                continue;
            }
            if known.comments.contains(&comment.id.to_string()) {
                plan.report.comments_already += 1;
                continue;
            }
            if !imported_posts.contains(&item.id) {
                plan.report.skipped.push((what, "its post is not imported".to_owned()));
                continue;
            }
            let body = html::plain_text(&comment.content);
            if body.is_empty() {
                plan.report.skipped.push((what, "it has no text".to_owned()));
                continue;
            }
            let Some(date) = comment.date else {
                plan.report.skipped.push((what, "it has no date".to_owned()));
                continue;
            };
            plan.comments.push(ForeignComment {
                id: comment.id.to_string(),
                parent: (comment.parent != 0).then(|| comment.parent.to_string()),
                thread: item.id.to_string(),
                author: comment.author.clone(),
                body,
                created: date.unix_timestamp(),
                state: wordpress_state(&comment.approved),
            });
        }
    }
    let orphans = order_threads(&mut plan.comments, &|id| known.comments.contains(id));
    for id in orphans {
        plan.report.notes.push(format!(
            "comment {id}: its parent is not in the export; shown as a top-level comment"
        ));
    }
    plan
}

fn item_meta_alt(attachment: &Item) -> String {
    attachment
        .meta("_wp_attachment_image_alt")
        .map(str::trim)
        .filter(|alt| !alt.is_empty())
        .map_or_else(|| attachment.title.clone(), str::to_owned)
}

/// How many comments of each state a plan brings.
pub fn count_states(comments: &[ForeignComment]) -> HashMap<CommentState, usize> {
    let mut counts = HashMap::new();
    for comment in comments {
        *counts.entry(comment.state).or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests;
