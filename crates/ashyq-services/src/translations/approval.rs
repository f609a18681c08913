//! The one rule every door asks before a translation is published (the browser editor, the
//! side-by-side editor's Publish, `import md`, `import wxr`, the demo): in a language whose translations need
//! approval (`SiteSettings::translation_needs_approval`), every unit of the text to be published
//! must be one a language editor approved, with the same words, made from the original as it is
//! now. Approval is found in the side-by-side editor's reviewed units, or in the published
//! translation's own records (an approved unit republished unchanged stays approved).

use ashyq_content::{
    Article, DraftState, SiteSettings, UnitState, article_units, identify_units,
    pair_translation_with, parse_article, unit_hash,
};
use ashyq_store::{
    ApprovalBasis, ArchiveBatch, ArchiveOutcome, ArticleId, ArticleStatus, ArticleStore,
    EditorialStore, ImportOutcome, ImportStore, NewArticle, SaveNote, StoreError, TranslationStore,
};

use super::TranslationError;

/// Why a translation may not be published.
#[derive(Debug, thiserror::Error)]
pub enum PublicationError {
    #[error(transparent)]
    Translation(#[from] TranslationError),
    #[error(
        "the translation `{slug}` into `{lang}` needs a language editor's approval before it is \
         published; {} of its units are not approved as they are now ({})",
        units.len(),
        units.join(", ")
    )]
    NotApproved { slug: String, lang: String, units: Vec<String> },
}

/// Reads everything the approval of `translation` depends on (`None` for an original): the
/// stored original, its unit ids, the side-by-side editor's units and the translation's records.
pub async fn approval_basis<S: EditorialStore + TranslationStore>(
    store: &S,
    translation: &Article,
) -> Result<Option<ApprovalBasis>, TranslationError> {
    let Some(original_slug) = &translation.translation_of else { return Ok(None) };
    let original_slug = original_slug.as_str();
    let lang = translation.lang.as_str();
    let original_source = store.article_record(original_slug).await?.map(|record| record.source);
    Ok(Some(ApprovalBasis {
        original_slug: original_slug.to_owned(),
        lang: lang.to_owned(),
        translation_slug: translation.slug.as_str().to_owned(),
        original_source,
        original_units: store.article_units(original_slug).await?,
        drafts: store.draft_units(original_slug, lang).await?,
        records: store.translated_units(translation.slug.as_str()).await?,
    }))
}

/// The ids of the original's units that `translation` does not carry as an approved text, in the
/// original's order, decided from `basis` alone (what [`approval_basis`] read).
pub fn unapproved_in(
    basis: &ApprovalBasis,
    translation: &Article,
) -> Result<Vec<String>, TranslationError> {
    let units = article_units(translation);
    let Some(source) = &basis.original_source else {
        // The original is not stored yet (it comes in the same batch): nothing of it was reviewed.
        return Ok(units.iter().map(|unit| unit.slot.code()).collect());
    };
    let parsed = parse_article(&basis.original_slug, source)
        .map_err(|_| TranslationError::Unparsable { slug: basis.original_slug.clone() })?;
    let original = identify_units(&basis.original_units, article_units(&parsed));
    let records = &basis.records;
    let known: Vec<(String, String)> =
        records.iter().map(|record| (record.unit_id.clone(), record.target_hash.clone())).collect();
    if original.is_empty() {
        return Ok(units.iter().map(|unit| unit.slot.code()).collect());
    }
    let pairs = pair_translation_with(&original, &units, &known);
    Ok(original
        .iter()
        .enumerate()
        .filter(|(index, unit)| {
            let Some((_, text)) = pairs.iter().find(|(paired, _)| paired == index) else {
                return true;
            };
            let reviewed = basis.drafts.iter().any(|draft| {
                draft.unit_id == unit.id
                    && draft.state == DraftState::Approved
                    && draft.source_hash == unit.hash
                    && unit_hash(&draft.text) == text.hash
            });
            let published = records.iter().any(|record| {
                record.unit_id == unit.id
                    && record.state == UnitState::Approved
                    && record.source_hash == unit.hash
                    && record.target_hash == text.hash
            });
            !(reviewed || published)
        })
        .map(|(_, unit)| unit.id.clone())
        .collect())
}

/// The ids of the original's units that `translation` does not carry as an approved text, in the
/// original's order (empty: every unit approved, or `translation` is no translation).
pub async fn unapproved_units<S: EditorialStore + TranslationStore>(
    store: &S,
    translation: &Article,
) -> Result<Vec<String>, TranslationError> {
    match approval_basis(store, translation).await? {
        Some(basis) => unapproved_in(&basis, translation),
        None => Ok(Vec::new()),
    }
}

/// Whether `article` needs approval before it is published, by `settings`.
fn needs_approval(settings: &SiteSettings, article: &Article) -> bool {
    article.translation_of.is_some() && settings.translation_needs_approval(article.lang.as_str())
}

/// Refuses to publish `article` when it is a translation into a language whose translations need
/// approval (`settings`) and any of its units is not approved as it is now. Originals pass.
pub async fn check_publication<S: EditorialStore + TranslationStore>(
    store: &S,
    settings: &SiteSettings,
    article: &Article,
) -> Result<(), PublicationError> {
    checked_basis(store, settings, article).await.map(|_| ())
}

/// [`check_publication`], returning what the check read (`None`: nothing needed checking).
async fn checked_basis<S: EditorialStore + TranslationStore>(
    store: &S,
    settings: &SiteSettings,
    article: &Article,
) -> Result<Option<ApprovalBasis>, PublicationError> {
    if !needs_approval(settings, article) {
        return Ok(None);
    }
    let Some(basis) = approval_basis(store, article).await? else { return Ok(None) };
    let units = unapproved_in(&basis, article)?;
    if units.is_empty() {
        return Ok(Some(basis));
    }
    Err(PublicationError::NotApproved {
        slug: article.slug.as_str().to_owned(),
        lang: article.lang.as_str().to_owned(),
        units,
    })
}

/// How often [`import_approved`] checks and writes again when what it checked changed before its
/// write (a reviewer or translator saving at that moment); more means the story is being worked on
/// without pause, and the operator is told to try again.
pub const APPROVED_IMPORT_ATTEMPTS: usize = 8;

/// Why [`import_approved`] wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ApprovedImportError {
    /// A translation is not approved as it is now: `(the article's index in the batch, why)`.
    #[error("{}", .0.iter().map(|(_, error)| error.to_string()).collect::<Vec<_>>().join("; "))]
    NotApproved(Vec<(usize, PublicationError)>),
    #[error(
        "the translations' units kept changing on the site while importing ({APPROVED_IMPORT_ATTEMPTS} \
         attempts); nothing was imported: run the import again"
    )]
    KeptChanging,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Translation(#[from] TranslationError),
}

/// Stores `batch` (as [`ArticleStore::import_articles`]) only if every translation in it that
/// needs approval by `settings` is approved as it is, with the check and the write one step: the
/// store writes only if everything the check read is still stored as read, inside its serialised
/// write ([`ArticleStore::import_articles_if_unchanged`]); otherwise it checks again. A review
/// returned, a unit saved or the original edited between the check and the write therefore either
/// lands before the check (and is judged) or after the write; it never goes unseen.
pub async fn import_approved<S: ArticleStore + EditorialStore + TranslationStore>(
    store: &S,
    settings: &SiteSettings,
    batch: &[NewArticle],
    replace: bool,
) -> Result<ImportOutcome, ApprovedImportError> {
    for _ in 0..APPROVED_IMPORT_ATTEMPTS {
        let mut bases = Vec::new();
        let mut refused = Vec::new();
        for (index, new) in batch.iter().enumerate() {
            match checked_basis(store, settings, &new.article).await {
                Ok(Some(basis)) => bases.push(basis),
                Ok(None) => {}
                Err(PublicationError::Translation(error)) => return Err(error.into()),
                Err(error) => refused.push((index, error)),
            }
        }
        if !refused.is_empty() {
            return Err(ApprovedImportError::NotApproved(refused));
        }
        if let Some(outcome) = store.import_articles_if_unchanged(batch, replace, &bases).await? {
            return Ok(outcome);
        }
    }
    Err(ApprovedImportError::KeptChanging)
}

/// Why [`save_approved`] wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ApprovedSaveError {
    /// The translation is not approved as it is now (always [`PublicationError::NotApproved`]).
    #[error(transparent)]
    NotApproved(PublicationError),
    #[error(
        "the translation's units kept changing on the site while saving ({APPROVED_IMPORT_ATTEMPTS} \
         attempts); nothing was saved: try again"
    )]
    KeptChanging,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Translation(#[from] TranslationError),
}

/// Saves `new` with `status` in the newsroom (as [`EditorialStore::create_article`] when `id` is
/// `None`, else [`EditorialStore::update_article`]): when `status` publishes it (published or
/// scheduled) and it is a translation needing approval by `settings`, only if it is approved as it
/// is, with the check and the write one step as in [`import_approved`]
/// ([`EditorialStore::save_article_if_unchanged`]). The browser editor's Publish, Schedule and
/// save of a published translation, a restored revision and the side-by-side editor's Publish all
/// write through here. Returns the article's id.
pub async fn save_approved<S: EditorialStore + TranslationStore>(
    store: &S,
    settings: &SiteSettings,
    id: Option<ArticleId>,
    new: &NewArticle,
    status: ArticleStatus,
    save: SaveNote<'_>,
) -> Result<ArticleId, ApprovedSaveError> {
    for _ in 0..APPROVED_IMPORT_ATTEMPTS {
        let bases: Vec<ApprovalBasis> = if status == ArticleStatus::Published {
            match checked_basis(store, settings, &new.article).await {
                Ok(basis) => basis.into_iter().collect(),
                Err(PublicationError::Translation(error)) => return Err(error.into()),
                Err(refusal) => return Err(ApprovedSaveError::NotApproved(refusal)),
            }
        } else {
            Vec::new()
        };
        if let Some(saved) = store.save_article_if_unchanged(id, new, status, save, &bases).await? {
            return Ok(saved);
        }
    }
    Err(ApprovedSaveError::KeptChanging)
}

/// What an archive's approval check decided (`import wxr --require-approval`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArchiveApproval {
    /// What the check read for each published translation it let through.
    pub bases: Vec<ApprovalBasis>,
    /// The slugs of the published translations not approved as they are: stored waiting for
    /// review (`ArticleStatus::Review`) instead.
    pub held: Vec<String>,
}

/// Decides `batch`'s statuses by the one rule: each article of `planned` status published that is
/// a translation needing approval by `settings` and not approved as it is now is set to wait for
/// review (`held`); the others keep `planned`. `planned` is the batch's statuses as the archive
/// gave them, one per article.
pub async fn approve_archive<S: EditorialStore + TranslationStore>(
    store: &S,
    settings: &SiteSettings,
    batch: &mut ArchiveBatch,
    planned: &[ArticleStatus],
) -> Result<ArchiveApproval, TranslationError> {
    let mut approval = ArchiveApproval::default();
    for (imported, planned) in batch.articles.iter_mut().zip(planned) {
        imported.status = *planned;
        if *planned != ArticleStatus::Published {
            continue;
        }
        match checked_basis(store, settings, &imported.article.article).await {
            Ok(basis) => approval.bases.extend(basis),
            Err(PublicationError::Translation(error)) => return Err(error),
            Err(PublicationError::NotApproved { slug, .. }) => {
                imported.status = ArticleStatus::Review;
                approval.held.push(slug);
            }
        }
    }
    Ok(approval)
}

/// Why [`import_archive_approved`] wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ApprovedArchiveError {
    #[error(
        "the translations' units kept changing on the site while importing ({APPROVED_IMPORT_ATTEMPTS} \
         attempts); nothing was imported: run the import again"
    )]
    KeptChanging,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Translation(#[from] TranslationError),
}

/// Writes `batch` (as [`ImportStore::import_archive`], all or nothing) with its statuses decided
/// by [`approve_archive`], the check and the write one step: the store writes only if everything
/// the check read is still stored as read ([`ImportStore::import_archive_if_unchanged`]);
/// otherwise it decides again (at most [`APPROVED_IMPORT_ATTEMPTS`] times). A translation is
/// therefore published only if it is approved at the moment of the write; one found unapproved
/// waits for review (even if approved in between, which only makes it wait). Returns what was
/// written and the slugs held for review.
pub async fn import_archive_approved<S: ImportStore + EditorialStore + TranslationStore>(
    store: &S,
    settings: &SiteSettings,
    batch: &mut ArchiveBatch,
) -> Result<(ArchiveOutcome, Vec<String>), ApprovedArchiveError> {
    let planned: Vec<ArticleStatus> =
        batch.articles.iter().map(|imported| imported.status).collect();
    for _ in 0..APPROVED_IMPORT_ATTEMPTS {
        let approval = approve_archive(store, settings, batch, &planned).await?;
        if let Some(outcome) = store.import_archive_if_unchanged(batch, &approval.bases).await? {
            return Ok((outcome, approval.held));
        }
    }
    Err(ApprovedArchiveError::KeptChanging)
}

#[cfg(test)]
mod tests;
