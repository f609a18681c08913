//! Readers' comments for the generated corpus: most articles get a few, many none (their pages
//! invite the first one), a few get long threads; most are approved, some wait for a moderator,
//! some were sent to spam or rejected; about one in five answers an earlier comment. Each goes
//! through the real screen, so the stored score, findings and fingerprint are what a post would
//! have produced. Like the articles, everything follows from the seed.

use crate::store::AnyStore;
use ashyq_moderation::{CommentInput, Screen};
use ashyq_services::comments::{CommentParts, screened_comment};
use ashyq_store::{CommentStatus, CommentStore, NewComment};

use super::{Lang, Rng, paragraph, person_name};

/// An article of the batch just imported, as comments need it.
pub(super) struct Commented {
    pub(super) slug: String,
    pub(super) lang: Lang,
    pub(super) published: i64,
}

/// How many comments an article gets: none for two in five, a handful for most of the rest, a
/// long thread for one in twenty.
fn thread_length(rng: &mut Rng) -> usize {
    match rng.below(100) {
        0..40 => 0,
        40..80 => rng.between(1, 5),
        80..95 => rng.between(6, 20),
        _ => rng.between(21, 80),
    }
}

fn status(rng: &mut Rng) -> CommentStatus {
    match rng.below(100) {
        0..85 => CommentStatus::Approved,
        85..93 => CommentStatus::Pending,
        93..97 => CommentStatus::Spam,
        _ => CommentStatus::Rejected,
    }
}

/// Generates and stores the comments of `articles`; returns how many were stored.
pub(super) async fn add(
    store: &AnyStore,
    screen: &Screen,
    seed: u64,
    articles: &[Commented],
) -> anyhow::Result<usize> {
    // Top-level comments first, so that replies can name their parents' ids.
    let mut top = Vec::new();
    let mut replies: Vec<(usize, NewComment)> = Vec::new();
    for article in articles {
        let Some(target) = store.comment_target(&article.slug).await? else { continue };
        let mut rng = Rng::derive(seed, &[0xC0, slug_hash(&article.slug)]);
        let count = thread_length(&mut rng);
        let first_top = top.len();
        for number in 0..count {
            let comment = comment(&mut rng, screen, target.article_id, article, number);
            let approved_before = top.len() > first_top
                && top[first_top..]
                    .iter()
                    .any(|c: &NewComment| c.status == CommentStatus::Approved);
            if approved_before && rng.chance(20) {
                // A reply to one of this article's earlier approved comments.
                let candidates: Vec<usize> = (first_top..top.len())
                    .filter(|&index| top[index].status == CommentStatus::Approved)
                    .collect();
                replies.push((*rng.pick(&candidates), comment));
            } else {
                top.push(comment);
            }
        }
    }
    // No limit is carried, so none is reached.
    let ids = store.insert_comments(&top).await?.into_iter().collect::<Result<Vec<_>, _>>()?;
    let replies: Vec<NewComment> = replies
        .into_iter()
        .map(|(parent, mut reply)| {
            reply.parent_id = Some(ids[parent]);
            reply.created_at = reply.created_at.max(top[parent].created_at + 60);
            reply
        })
        .collect();
    for stored in store.insert_comments(&replies).await? {
        stored?;
    }
    Ok(top.len() + replies.len())
}

fn comment(
    rng: &mut Rng,
    screen: &Screen,
    article_id: ashyq_store::ArticleId,
    article: &Commented,
    number: usize,
) -> NewComment {
    // Mostly in the article's language; some readers write in another of the three.
    let lang = if rng.chance(85) { article.lang } else { *rng.pick(&Lang::ALL) };
    let sentences = rng.between(1, 4);
    let body = paragraph(rng, lang.words(), sentences, None);
    let verdict =
        screen.screen(&CommentInput { text: &body, lang_hint: Some(lang.code()), recent: &[] });
    let status = status(rng);
    let created_at = article.published + 600 * (number as i64 + 1) + rng.below(3600) as i64;
    let parts = CommentParts {
        article_id,
        author_name: person_name(rng.below(10_000), lang),
        body,
        language: Some(lang.code().to_owned()),
        commenter_token_hash: format!("generated-{}", rng.next_u64()),
        created_at,
        ..CommentParts::default()
    };
    // Built like a posted comment; only the status is the generator's (most were decided).
    NewComment { status, ..screened_comment(parts, &verdict) }
}

/// A stable number for a slug (FNV-1a), to derive each article's comments from the seed alone.
fn slug_hash(slug: &str) -> u64 {
    slug.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_are_mostly_short_often_empty_and_sometimes_long() {
        let mut rng = Rng::derive(1, &[2]);
        let lengths: Vec<usize> = (0..10_000).map(|_| thread_length(&mut rng)).collect();
        let empty = lengths.iter().filter(|&&n| n == 0).count();
        let long = lengths.iter().filter(|&&n| n > 20).count();
        assert!((3_500..4_500).contains(&empty), "{empty}");
        assert!((300..700).contains(&long), "{long}");
        let mean = lengths.iter().sum::<usize>() as f64 / lengths.len() as f64;
        assert!((4.0..8.0).contains(&mean), "{mean}");
    }

    #[test]
    fn a_generated_comment_is_screened_and_in_a_corpus_language() {
        let screen = Screen::default();
        let article = Commented { slug: "s".to_owned(), lang: Lang::Ru, published: 1_000 };
        let mut rng = Rng::derive(3, &[4]);
        let comment = comment(&mut rng, &screen, ashyq_store::ArticleId(7), &article, 2);
        assert!(!comment.body.is_empty());
        assert!(comment.created_at > article.published);
        assert!(["en", "ru", "kk"].contains(&comment.language.as_deref().unwrap_or("")));
        assert_eq!(
            comment.fingerprint.exact,
            ashyq_moderation::fingerprint(&comment.body).exact as i64,
            "the stored fingerprint is the screen's"
        );
    }
}
