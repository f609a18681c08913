//! `AnyStore`'s forwarding for translations: units, drafts, reviews and claims.

use ashyq_store::*;

use crate::store::{AnyStore, forward};

impl TranslationStore for AnyStore {
    async fn article_units(&self, slug: &str) -> StoreResult<Vec<ashyq_content::StoredUnit>> {
        forward!(self, store => store.article_units(slug))
    }
    async fn translated_units(&self, slug: &str) -> StoreResult<Vec<TranslatedUnit>> {
        forward!(self, store => store.translated_units(slug))
    }
    async fn save_units(&self, batch: &UnitsBatch) -> StoreResult<u64> {
        forward!(self, store => store.save_units(batch))
    }
    async fn translators(&self, slug: &str) -> StoreResult<Vec<String>> {
        forward!(self, store => store.translators(slug))
    }
    async fn rename_translation_units(&self, old_slug: &str, new_slug: &str) -> StoreResult<()> {
        forward!(self, store => store.rename_translation_units(old_slug, new_slug))
    }
    async fn story_translations(&self) -> StoreResult<Vec<StoryTranslations>> {
        forward!(self, store => store.story_translations())
    }
    async fn translator_languages(&self, user: UserId) -> StoreResult<Vec<String>> {
        forward!(self, store => store.translator_languages(user))
    }
    async fn set_translator_languages(&self, user: UserId, langs: &[String]) -> StoreResult<()> {
        forward!(self, store => store.set_translator_languages(user, langs))
    }
    async fn waiting_stories(&self, limit: u32) -> StoreResult<Vec<WaitingStory>> {
        forward!(self, store => store.waiting_stories(limit))
    }
    async fn active_claims(&self, now: i64) -> StoreResult<Vec<Claim>> {
        forward!(self, store => store.active_claims(now))
    }
    async fn claim_translation(
        &self,
        original_slug: &str,
        lang: &str,
        user: UserId,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<bool> {
        forward!(self, store => store.claim_translation(original_slug, lang, user, now, expires_at))
    }
    async fn release_claim(
        &self,
        original_slug: &str,
        lang: &str,
        holder: Option<UserId>,
    ) -> StoreResult<bool> {
        forward!(self, store => store.release_claim(original_slug, lang, holder))
    }
    async fn reassign_claim(
        &self,
        original_slug: &str,
        lang: &str,
        user: UserId,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()> {
        forward!(self, store => store.reassign_claim(original_slug, lang, user, now, expires_at))
    }
    async fn draft_units(&self, original_slug: &str, lang: &str) -> StoreResult<Vec<DraftUnit>> {
        forward!(self, store => store.draft_units(original_slug, lang))
    }
    async fn draft_text_changes(
        &self,
        original_slug: &str,
        lang: &str,
    ) -> StoreResult<Vec<(String, i64)>> {
        forward!(self, store => store.draft_text_changes(original_slug, lang))
    }
    async fn save_draft_units(
        &self,
        original_slug: &str,
        lang: &str,
        units: &[DraftUnit],
    ) -> StoreResult<()> {
        forward!(self, store => store.save_draft_units(original_slug, lang, units))
    }
    async fn save_draft_units_as_read(
        &self,
        original_slug: &str,
        lang: &str,
        writes: &[DraftWrite],
    ) -> StoreResult<bool> {
        forward!(self, store => store.save_draft_units_as_read(original_slug, lang, writes))
    }
    async fn review_draft_units(
        &self,
        original_slug: &str,
        lang: &str,
        units: &[DraftUnit],
    ) -> StoreResult<bool> {
        forward!(self, store => store.review_draft_units(original_slug, lang, units))
    }
}
