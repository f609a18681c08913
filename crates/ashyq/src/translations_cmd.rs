//! `ashyq translations …`: the state of translations, per language, for people and scripts.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;
use ashyq_services::translations::claims::claim_on;
use ashyq_services::translations::{LanguageStatus, status_counts};
use ashyq_store::{ArticleStore as _, TranslationStore as _};
use ashyq_store_sqlite::SqliteStore;

use crate::cli::{GlobalArgs, TranslationsStatusArgs};
use crate::settings::Settings;

/// The site's languages: the UI languages and every language an article is written in.
async fn site_languages(store: &SqliteStore) -> anyhow::Result<Vec<String>> {
    let mut languages: Vec<String> =
        ashyq_i18n::UI_LANGUAGES.iter().map(|lang| (*lang).to_owned()).collect();
    for counted in store.languages().await.context("reading the site's languages")? {
        let primary = counted.lang.split('-').next().unwrap_or(&counted.lang).to_owned();
        if !languages.contains(&primary) {
            languages.push(primary);
        }
    }
    Ok(languages)
}

/// `ashyq translations status [--json]`.
pub(crate) async fn status(
    global: &GlobalArgs,
    args: &TranslationsStatusArgs,
) -> anyhow::Result<ExitCode> {
    let settings = Settings::load(global, None)?;
    let store = SqliteStore::open(&settings.data_dir)
        .await
        .with_context(|| format!("opening the database in {}", settings.data_dir.display()))?;
    let languages = site_languages(&store).await?;
    let stories = store.story_translations().await.context("reading the translations")?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let claims = store.active_claims(now).await.context("reading the claims")?;
    let counts =
        status_counts(&stories, &languages, &|slug, lang| claim_on(&claims, slug, lang).is_some());
    let mut out = std::io::stdout().lock();
    if args.json {
        let json = serde_json::json!({ "languages": counts });
        writeln!(out, "{json}")?;
    } else {
        writeln!(
            out,
            "{:<8} {:>10} {:>9} {:>11} {:>8} {:>8}",
            "language", "translated", "outdated", "in progress", "claimed", "missing"
        )?;
        for (lang, LanguageStatus { translated, outdated, in_progress, claimed, missing }) in
            &counts
        {
            writeln!(
                out,
                "{lang:<8} {translated:>10} {outdated:>9} {in_progress:>11} {claimed:>8} {missing:>8}"
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
