//! Claiming a story for translation, releasing and reassigning claims: the rules (who may, for
//! which language) in one place for every door. The claim itself is one conditional statement in
//! the store, so two translators claiming at once cannot both win.

use ashyq_accounts::{Role, Roles};
use ashyq_store::{AccountStore, Claim, StoreError, TranslationStore, UserId, WaitingStory};

/// Seconds in a day.
const DAY: i64 = 86_400;

/// How long a claim lasts unless the site sets `translation_claim_days`.
pub const DEFAULT_CLAIM_DAYS: i64 = 7;

/// A person acting on translations: their roles and the languages they translate into.
#[derive(Debug, Clone)]
pub struct Translator {
    pub id: UserId,
    pub roles: Roles,
    pub languages: Vec<String>,
}

impl Translator {
    /// May claim and translate into `lang`: a translator (or an editor) who lists the language.
    pub fn translates_into(&self, lang: &str) -> bool {
        (self.roles.has(Role::Translator) || self.roles.has(Role::Editor))
            && self.languages.iter().any(|own| own == lang)
    }

    /// A language editor for `lang`: an editor who lists the language.
    pub fn edits_language(&self, lang: &str) -> bool {
        self.roles.has(Role::Editor) && self.languages.iter().any(|own| own == lang)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ClaimError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("you do not translate into this language")]
    NotYourLanguage,
    #[error("only a language editor for this language may do this")]
    NotLanguageEditor,
    #[error("there is no published original with this address")]
    NoSuchStory,
    #[error("this story is already in this language")]
    AlreadyInLanguage,
    #[error("{holder} has claimed this story for this language")]
    HeldByOther { holder: String },
    #[error("nobody held this claim, or someone else does")]
    NotHeld,
    #[error("the person to reassign to does not translate into this language")]
    AssigneeNotTranslator,
}

impl ClaimError {
    /// The Fluent message id naming the refusal (`translate-error-CODE`).
    pub fn code(&self) -> &'static str {
        match self {
            ClaimError::Store(_) => "internal",
            ClaimError::NotYourLanguage => "not-your-language",
            ClaimError::NotLanguageEditor => "not-language-editor",
            ClaimError::NoSuchStory => "no-such-story",
            ClaimError::AlreadyInLanguage => "already-in-language",
            ClaimError::HeldByOther { .. } => "held-by-other",
            ClaimError::NotHeld => "not-held",
            ClaimError::AssigneeNotTranslator => "assignee-not-translator",
        }
    }
}

/// The published original `slug`, if it still needs a version in `lang`.
async fn waiting_story<S: TranslationStore>(
    store: &S,
    slug: &str,
    lang: &str,
) -> Result<WaitingStory, ClaimError> {
    // Claims are rare; reading the list keeps the store interface small.
    let stories = store.waiting_stories(u32::MAX).await?;
    let story =
        stories.into_iter().find(|story| story.slug == slug).ok_or(ClaimError::NoSuchStory)?;
    if story.languages.iter().any(|version| primary(version) == lang) {
        return Err(ClaimError::AlreadyInLanguage);
    }
    Ok(story)
}

fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

/// Claims `slug` for `lang` for `who`, for `days` days from `now`.
pub async fn claim<S: TranslationStore>(
    store: &S,
    who: &Translator,
    slug: &str,
    lang: &str,
    now: i64,
    days: i64,
) -> Result<(), ClaimError> {
    if !who.translates_into(lang) {
        return Err(ClaimError::NotYourLanguage);
    }
    waiting_story(store, slug, lang).await?;
    if store.claim_translation(slug, lang, who.id, now, now + days.max(1) * DAY).await? {
        return Ok(());
    }
    let holder = store
        .active_claims(now)
        .await?
        .into_iter()
        .find(|claim| claim.original_slug == slug && claim.lang == lang)
        .map_or_else(String::new, |claim| claim.user_name);
    Err(ClaimError::HeldByOther { holder })
}

/// Ends a claim: its holder may, and so may a language editor for `lang`.
pub async fn release<S: TranslationStore>(
    store: &S,
    who: &Translator,
    slug: &str,
    lang: &str,
) -> Result<(), ClaimError> {
    let holder = if who.edits_language(lang) { None } else { Some(who.id) };
    if store.release_claim(slug, lang, holder).await? { Ok(()) } else { Err(ClaimError::NotHeld) }
}

/// Gives the claim on `slug` for `lang` to the person with e-mail `to` (a language editor's
/// reassignment), for `days` days from `now`.
pub async fn reassign<S: TranslationStore + AccountStore>(
    store: &S,
    who: &Translator,
    slug: &str,
    lang: &str,
    to: &str,
    now: i64,
    days: i64,
) -> Result<(), ClaimError> {
    if !who.edits_language(lang) {
        return Err(ClaimError::NotLanguageEditor);
    }
    waiting_story(store, slug, lang).await?;
    let person = store
        .user_by_email(to)
        .await?
        .filter(|person| !person.disabled)
        .ok_or(ClaimError::AssigneeNotTranslator)?;
    let assignee = Translator {
        id: person.id,
        roles: person.roles.clone(),
        languages: store.translator_languages(person.id).await?,
    };
    if !assignee.translates_into(lang) {
        return Err(ClaimError::AssigneeNotTranslator);
    }
    store.reassign_claim(slug, lang, assignee.id, now, now + days.max(1) * DAY).await?;
    Ok(())
}

/// The active claim on `slug` for `lang`, from a list of claims.
pub fn claim_on<'c>(claims: &'c [Claim], slug: &str, lang: &str) -> Option<&'c Claim> {
    claims.iter().find(|claim| claim.original_slug == slug && claim.lang == lang)
}

#[cfg(test)]
mod tests;
