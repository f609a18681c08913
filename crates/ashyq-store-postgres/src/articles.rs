//! `ArticleStore` for PostgreSQL: importing batches in one transaction and the joined reads pages need.
//! Every public read shows only articles that are published and whose time has come (`VISIBLE`).

use std::collections::HashMap;

use ashyq_content::list_image;
use ashyq_store::{
    ApprovalBasis, ArticleSource, ArticleStore, ArticleSummary, ArticleView, AuthorPage,
    ImportOutcome, LanguageCount, NamedLink, NewArticle, PublicSlugs, StoreError, StoreResult,
    TagPage, TranslationLink,
};
use sqlx::{PgConnection, Row};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::PostgresStore;
use crate::errors::map_error;

const SUMMARY_COLUMNS: &str =
    "a.article_id, a.slug, a.lang, a.title, a.summary, a.published_text, a.lead_html";

type SummaryRow = (i64, String, String, String, String, String, Option<String>);

/// The condition every public read adds, for articles aliased `a`: published, and not scheduled
/// for later. Binds one value, the current Unix time.
pub(crate) const VISIBLE: &str = "a.status = 'published' AND a.published_at <= ?";

/// Now, in Unix seconds, for `VISIBLE`.
pub(crate) fn unix_now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

fn parse_time(text: &str) -> StoreResult<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339).map_err(|error| StoreError::Backend(Box::new(error)))
}

/// What differs between a tag's page and an author's page: where the name lives and how articles
/// join to it.
struct Listing {
    /// `SELECT id, slug, name … WHERE slug = ?`
    lookup: &'static str,
    /// The join from `articles a` to the listing's link table, whose key column is `key`.
    join: &'static str,
    key: &'static str,
}

const LISTINGS: [Listing; 2] = [
    Listing {
        lookup: "SELECT tag_id, slug, name FROM tags WHERE slug = ?",
        join: "JOIN article_tags l ON l.article_id = a.article_id",
        key: "l.tag_id",
    },
    Listing {
        lookup: "SELECT author_id, slug, name FROM authors WHERE slug = ?",
        join: "JOIN article_authors l ON l.article_id = a.article_id",
        key: "l.author_id",
    },
];

impl PostgresStore {
    /// A page of a tag's or author's visible articles, newest first, with how many there are in
    /// all. A name used only by drafts or scheduled articles does not exist for readers yet.
    async fn listing(
        &self,
        listing: &Listing,
        slug: &str,
        offset: u32,
        limit: u32,
    ) -> StoreResult<Option<(NamedLink, Vec<ArticleSummary>, i64)>> {
        let found: Option<(i64, String, String)> = crate::sql::query_as(listing.lookup)
            .bind(slug)
            .fetch_optional(&self.pool)
            .await
            .map_err(map_error)?;
        let Some((id, slug, name)) = found else { return Ok(None) };
        let now = unix_now();
        let total: i64 = crate::sql::query_scalar(&format!(
            "SELECT COUNT(*) FROM articles a {join} WHERE {key} = ? AND {VISIBLE}",
            join = listing.join,
            key = listing.key,
        ))
        .bind(id)
        .bind(now)
        .fetch_one(&self.pool)
        .await
        .map_err(map_error)?;
        if total == 0 {
            return Ok(None);
        }
        let rows: Vec<SummaryRow> = crate::sql::query_as(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles a {join} WHERE {key} = ? AND {VISIBLE} \
             ORDER BY a.published_at DESC, a.article_id DESC LIMIT ? OFFSET ?",
            join = listing.join,
            key = listing.key,
        ))
        .bind(id)
        .bind(now)
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(Some((NamedLink { slug, name }, self.summaries(rows, true).await?, total)))
    }

    /// For each listed article, the approved comments of its story's one conversation: every
    /// version readers can see (as `public_comments` reads it), one statement for the list.
    async fn conversation_sizes(
        &self,
        rows: &[SummaryRow],
        placeholders: &str,
    ) -> StoreResult<HashMap<i64, i64>> {
        let sql = format!(
            "SELECT s.article_id, COUNT(*) FROM articles s \
             JOIN articles a ON a.translation_group = s.translation_group \
             JOIN comments c ON c.article_id = a.article_id \
             WHERE s.article_id IN ({placeholders}) AND {VISIBLE} AND c.status = 'approved' \
             GROUP BY s.article_id"
        );
        let mut query = crate::sql::query_as::<(i64, i64)>(&sql);
        for row in rows {
            query = query.bind(row.0);
        }
        let counts = query.bind(unix_now()).fetch_all(&self.pool).await.map_err(map_error)?;
        Ok(counts.into_iter().collect())
    }

    /// Turns article rows into summaries, fetching all their authors in one query, and with
    /// `counted` their stories' approved comments in one more.
    async fn summaries(
        &self,
        rows: Vec<SummaryRow>,
        counted: bool,
    ) -> StoreResult<Vec<ArticleSummary>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = vec!["?"; rows.len()].join(",");
        let sql = format!(
            "SELECT aa.article_id, au.slug, aa.name FROM article_authors aa \
             JOIN authors au ON au.author_id = aa.author_id \
             WHERE aa.article_id IN ({placeholders}) ORDER BY aa.article_id, aa.position"
        );
        let mut query = crate::sql::query_as::<(i64, String, String)>(&sql);
        for row in &rows {
            query = query.bind(row.0);
        }
        let mut authors: HashMap<i64, Vec<NamedLink>> = HashMap::new();
        for (article_id, slug, name) in query.fetch_all(&self.pool).await.map_err(map_error)? {
            authors.entry(article_id).or_default().push(NamedLink { slug, name });
        }
        let comments = if counted {
            self.conversation_sizes(&rows, &placeholders).await?
        } else {
            HashMap::new()
        };
        rows.into_iter()
            .map(|(article_id, slug, lang, title, summary, published_text, lead_html)| {
                Ok(ArticleSummary {
                    slug,
                    lang,
                    title,
                    summary,
                    published: parse_time(&published_text)?,
                    authors: authors.remove(&article_id).unwrap_or_default(),
                    picture: lead_html.as_deref().and_then(list_image),
                    comments: counted.then(|| comments.get(&article_id).copied().unwrap_or(0)),
                })
            })
            .collect()
    }
}

pub(crate) async fn insert_article(
    tx: &mut PgConnection,
    new: &NewArticle,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let article = &new.article;
    let published_text = article.published.format(&Rfc3339).unwrap_or_default();
    let group = article.translation_of.as_ref().unwrap_or(&article.slug).as_str();
    let article_id: i64 = crate::sql::query_scalar(
        "INSERT INTO articles (slug, lang, title, summary, published_at, published_text, translation_of, \
         translation_group, source, lead_html, body_html, imported_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING article_id",
    )
    .bind(article.slug.as_str())
    .bind(article.lang.as_str())
    .bind(&article.title)
    .bind(&article.summary)
    .bind(article.published.unix_timestamp())
    .bind(published_text)
    .bind(article.translation_of.as_ref().map(|slug| slug.as_str()))
    .bind(group)
    .bind(&article.source)
    .bind(new.lead_html.as_deref())
    .bind(&new.body_html)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    insert_relations(tx, article_id, article).await?;
    Ok(article_id)
}

/// Links an article to its authors and tags (creating those not yet stored).
pub(crate) async fn insert_relations(
    tx: &mut PgConnection,
    article_id: i64,
    article: &ashyq_content::Article,
) -> Result<(), sqlx::Error> {
    for (position, author) in article.authors.iter().enumerate() {
        let author_id: i64 = crate::sql::query_scalar(
            "INSERT INTO authors (slug, name) VALUES (?, ?) \
             ON CONFLICT (slug) DO UPDATE SET name = excluded.name RETURNING author_id",
        )
        .bind(author.slug.as_str())
        .bind(&author.name)
        .fetch_one(&mut *tx)
        .await?;
        crate::sql::query("INSERT INTO article_authors (article_id, author_id, position, name) VALUES (?, ?, ?, ?)")
            .bind(article_id)
            .bind(author_id)
            .bind(position as i64)
            .bind(&author.name)
            .execute(&mut *tx)
            .await?;
    }
    for (position, tag) in article.tags.iter().enumerate() {
        let tag_id: i64 = crate::sql::query_scalar(
            "INSERT INTO tags (slug, name) VALUES (?, ?) \
             ON CONFLICT (slug) DO UPDATE SET name = tags.name RETURNING tag_id",
        )
        .bind(tag.slug.as_str())
        .bind(&tag.name)
        .fetch_one(&mut *tx)
        .await?;
        crate::sql::query(
            "INSERT INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)",
        )
        .bind(article_id)
        .bind(tag_id)
        .bind(position as i64)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Stores `batch` inside the write `tx` (see [`ArticleStore::import_articles`]).
async fn write_imported(
    tx: &mut PgConnection,
    batch: &[NewArticle],
    replace: bool,
) -> StoreResult<ImportOutcome> {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let mut outcome = ImportOutcome::default();
    for new in batch {
        if replace {
            let deleted = crate::sql::query("DELETE FROM articles WHERE slug = ?")
                .bind(new.article.slug.as_str())
                .execute(&mut *tx)
                .await
                .map_err(map_error)?;
            if deleted.rows_affected() > 0 {
                outcome.replaced += 1;
            } else {
                outcome.inserted += 1;
            }
        } else {
            outcome.inserted += 1;
        }
        insert_article(&mut *tx, new, now).await.map_err(map_error)?;
    }
    Ok(outcome)
}

impl ArticleStore for PostgresStore {
    async fn import_articles(
        &self,
        batch: &[NewArticle],
        replace: bool,
    ) -> StoreResult<ImportOutcome> {
        let mut tx = self.begin_write().await?;
        let outcome = write_imported(&mut tx, batch, replace).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    async fn import_articles_if_unchanged(
        &self,
        batch: &[NewArticle],
        replace: bool,
        bases: &[ApprovalBasis],
    ) -> StoreResult<Option<ImportOutcome>> {
        let mut tx = self.begin_write().await?;
        // Writes are serialised, so what is read here stays until the commit.
        if !crate::translations::bases_hold(&mut tx, bases).await? {
            return crate::finish_write(tx, Ok(None)).await;
        }
        let outcome = write_imported(&mut tx, batch, replace).await?;
        tx.commit().await?;
        Ok(Some(outcome))
    }

    async fn article_slugs(&self) -> StoreResult<HashMap<String, String>> {
        let rows: Vec<(String, String)> = crate::sql::query_as("SELECT slug, title FROM articles")
            .fetch_all(&self.pool)
            .await
            .map_err(map_error)?;
        Ok(rows
            .into_iter()
            .map(|(slug, title)| (slug, format!("the stored article “{title}”")))
            .collect())
    }

    async fn count_articles(&self) -> StoreResult<i64> {
        crate::sql::query_scalar("SELECT COUNT(*) FROM articles")
            .fetch_one(&self.pool)
            .await
            .map_err(map_error)
    }

    async fn latest_articles(
        &self,
        lang: Option<&str>,
        limit: u32,
    ) -> StoreResult<Vec<ArticleSummary>> {
        self.latest_articles_from(lang, 0, limit).await
    }

    async fn latest_articles_from(
        &self,
        lang: Option<&str>,
        offset: u32,
        limit: u32,
    ) -> StoreResult<Vec<ArticleSummary>> {
        let rows: Vec<SummaryRow> = match lang {
            Some(lang) => {
                crate::sql::query_as(&format!(
                    "SELECT {SUMMARY_COLUMNS} FROM articles a WHERE a.lang = ? AND {VISIBLE} \
                     ORDER BY a.published_at DESC, a.article_id DESC LIMIT ? OFFSET ?"
                ))
                .bind(lang)
                .bind(unix_now())
                .bind(i64::from(limit))
                .bind(i64::from(offset))
                .fetch_all(&self.pool)
                .await
            }
            None => {
                crate::sql::query_as(&format!(
                    "SELECT {SUMMARY_COLUMNS} FROM articles a WHERE {VISIBLE} \
                     ORDER BY a.published_at DESC, a.article_id DESC LIMIT ? OFFSET ?"
                ))
                .bind(unix_now())
                .bind(i64::from(limit))
                .bind(i64::from(offset))
                .fetch_all(&self.pool)
                .await
            }
        }
        .map_err(map_error)?;
        self.summaries(rows, true).await
    }

    async fn article(&self, slug: &str) -> StoreResult<Option<ArticleView>> {
        let row = crate::sql::query(&format!(
            "SELECT {SUMMARY_COLUMNS}, a.body_html, a.translation_of, a.translation_group \
             FROM articles a WHERE a.slug = ? AND {VISIBLE}"
        ))
        .bind(slug)
        .bind(unix_now())
        .fetch_optional(&self.pool)
        .await
        .map_err(map_error)?;
        let Some(row) = row else { return Ok(None) };
        let article_id: i64 = row.get(0);
        let lead_html: Option<String> = row.get(6);
        let summary_row: SummaryRow = (
            article_id,
            row.get(1),
            row.get(2),
            row.get(3),
            row.get(4),
            row.get(5),
            lead_html.clone(),
        );
        let body_html: String = row.get(7);
        let translation_of: Option<String> = row.get(8);
        let group: String = row.get(9);

        let tags = crate::sql::query_as::<(String, String)>(
            "SELECT t.slug, t.name FROM article_tags at JOIN tags t ON t.tag_id = at.tag_id \
             WHERE at.article_id = ? ORDER BY at.position",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?
        .into_iter()
        .map(|(slug, name)| NamedLink { slug, name })
        .collect();

        let translations =
            crate::sql::query_as::<(String, String, String, Option<String>)>(&format!(
                "SELECT a.slug, a.lang, a.title, a.translation_of FROM articles a \
                 WHERE a.translation_group = ? AND a.article_id <> ? AND {VISIBLE} ORDER BY a.lang"
            ))
            .bind(&group)
            .bind(article_id)
            .bind(unix_now())
            .fetch_all(&self.pool)
            .await
            .map_err(map_error)?
            .into_iter()
            .map(|(slug, lang, title, their_original)| TranslationLink {
                slug,
                lang,
                title,
                is_original: their_original.is_none(),
            })
            .collect();

        let summary = self.summaries(vec![summary_row], false).await?.pop();
        Ok(summary.map(|summary| ArticleView {
            summary,
            lead_html,
            body_html,
            tags,
            translations,
            translation_of,
        }))
    }

    async fn tag_page(&self, slug: &str, limit: u32) -> StoreResult<Option<TagPage>> {
        self.tag_page_from(slug, 0, limit).await
    }

    async fn author_page(&self, slug: &str, limit: u32) -> StoreResult<Option<AuthorPage>> {
        self.author_page_from(slug, 0, limit).await
    }

    async fn tag_page_from(
        &self,
        slug: &str,
        offset: u32,
        limit: u32,
    ) -> StoreResult<Option<TagPage>> {
        let page = self.listing(&LISTINGS[0], slug, offset, limit).await?;
        Ok(page.map(|(tag, articles, total)| TagPage { tag, articles, total }))
    }

    async fn author_page_from(
        &self,
        slug: &str,
        offset: u32,
        limit: u32,
    ) -> StoreResult<Option<AuthorPage>> {
        let page = self.listing(&LISTINGS[1], slug, offset, limit).await?;
        Ok(page.map(|(author, articles, total)| AuthorPage { author, articles, total }))
    }

    async fn top_tags(&self, lang: Option<&str>, limit: u32) -> StoreResult<Vec<NamedLink>> {
        // "Every language" is a NULL language; PostgreSQL must be told the parameter's type.
        let rows: Vec<(String, String)> = crate::sql::query_as(&format!(
            "SELECT t.slug, t.name FROM tags t JOIN article_tags l ON l.tag_id = t.tag_id \
             JOIN articles a ON a.article_id = l.article_id \
             WHERE {VISIBLE} AND (CAST(? AS TEXT) IS NULL OR a.lang = ?) \
             GROUP BY t.tag_id ORDER BY COUNT(*) DESC, MAX(a.published_at) DESC, t.slug LIMIT ?"
        ))
        .bind(unix_now())
        .bind(lang)
        .bind(lang)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(rows.into_iter().map(|(slug, name)| NamedLink { slug, name }).collect())
    }

    async fn languages(&self) -> StoreResult<Vec<LanguageCount>> {
        let rows: Vec<(String, i64)> = crate::sql::query_as(&format!(
            "SELECT a.lang, COUNT(*) FROM articles a WHERE {VISIBLE} \
             GROUP BY a.lang ORDER BY COUNT(*) DESC, a.lang"
        ))
        .bind(unix_now())
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(rows.into_iter().map(|(lang, articles)| LanguageCount { lang, articles }).collect())
    }

    async fn public_slugs(&self) -> StoreResult<PublicSlugs> {
        let now = unix_now();
        let articles: Vec<String> = crate::sql::query_scalar(&format!(
            "SELECT a.slug FROM articles a WHERE {VISIBLE} ORDER BY a.published_at DESC, a.slug"
        ))
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        let tags: Vec<String> = crate::sql::query_scalar(&format!(
            "SELECT DISTINCT t.slug FROM tags t JOIN article_tags at ON at.tag_id = t.tag_id \
             JOIN articles a ON a.article_id = at.article_id WHERE {VISIBLE} ORDER BY t.slug"
        ))
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        let authors: Vec<String> = crate::sql::query_scalar(&format!(
            "SELECT DISTINCT au.slug FROM authors au \
             JOIN article_authors aa ON aa.author_id = au.author_id \
             JOIN articles a ON a.article_id = aa.article_id WHERE {VISIBLE} ORDER BY au.slug"
        ))
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(map_error)?;
        Ok(PublicSlugs { articles, tags, authors })
    }

    async fn article_sources(&self) -> StoreResult<Vec<ArticleSource>> {
        let rows: Vec<(String, String)> =
            crate::sql::query_as("SELECT slug, source FROM articles ORDER BY slug")
                .fetch_all(&self.pool)
                .await
                .map_err(map_error)?;
        Ok(rows.into_iter().map(|(slug, source)| ArticleSource { slug, source }).collect())
    }
}
