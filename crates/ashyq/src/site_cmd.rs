//! `ashyq site show` and `ashyq site set KEY VALUE`: the site's settings from the command line.
//! Values are checked by `ashyq_content::SiteSettings`, as in `/admin/site`; a logo goes through
//! `ashyq_services::media::ingest_image` like every image. Works while `ashyq serve` runs on the
//! same data folder: the server follows the store's site generation and shows the change within
//! two seconds.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use ashyq_content::{SettingKey, SiteSettings};
use ashyq_services::media::{ImageMeta, ingest_image};
use ashyq_store::{SettingWrite, SiteStore};

use crate::cli::GlobalArgs;
use crate::settings::Settings;
use crate::store::{AnyStore, open_store};

/// The narrowest published width used for the logo (as `/admin/site` chooses it).
const LOGO_MIN_WIDTH: u32 = 160;

/// Opens the store, seeding settings from `ashyq.toml` as `serve` does.
async fn open(global: &GlobalArgs) -> anyhow::Result<(Settings, AnyStore)> {
    let settings = Settings::load(global, None)?;
    settings.prepare_data_dir()?;
    let store = open_store(&settings).await?;
    seed_site_settings(&store, &settings).await?;
    Ok((settings, store))
}

/// Writes the `[site]` keys of `ashyq.toml` that the database does not hold yet (the database
/// wins: a value changed in `/admin/site` or by `ashyq site set` is never overwritten).
pub(crate) async fn seed_site_settings(
    store: &AnyStore,
    settings: &Settings,
) -> anyhow::Result<()> {
    if settings.site.is_empty() {
        return Ok(());
    }
    let stored = store.site_settings().await?;
    let (mut current, _) =
        SiteSettings::from_entries(stored.iter().map(|row| (row.key.as_str(), row.value.as_str())));
    let mut seeds = Vec::new();
    for (key, value) in &settings.site {
        let parsed = SettingKey::parse(key)
            .map_err(|error| anyhow::anyhow!("ashyq.toml, [site]: {error}"))?;
        if !stored.iter().any(|row| row.key == parsed.to_string()) {
            seeds.push((parsed, value));
        }
    }
    // The language lists before the default language, which is checked against them.
    seeds.sort_by(|a, b| a.0.cmp(&b.0));
    let mut entries = Vec::new();
    for (key, value) in seeds {
        let (parsed, normalised) = current
            .set(&key.to_string(), value)
            .map_err(|error| anyhow::anyhow!("ashyq.toml, [site]: {error}"))?;
        if matches!(parsed, SettingKey::Logo) {
            anyhow::bail!("ashyq.toml, [site]: set the logo with `ashyq site set logo FILE`");
        }
        if !normalised.is_empty() {
            entries.push(ashyq_store::StoredSetting { key: parsed.to_string(), value: normalised });
        }
    }
    let written = store.seed_site_settings(&entries, now()).await?;
    if written > 0 {
        tracing::info!(written, "site settings seeded from the configuration file");
    }
    Ok(())
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

pub(crate) async fn load(store: &AnyStore) -> anyhow::Result<SiteSettings> {
    let rows = store.site_settings().await?;
    let (settings, errors) =
        SiteSettings::from_entries(rows.iter().map(|row| (row.key.as_str(), row.value.as_str())));
    for error in errors {
        tracing::warn!(%error, "a stored site setting was ignored");
    }
    Ok(settings)
}

/// Every key with its value (defaults included), in a fixed order.
fn listing(settings: &SiteSettings) -> Vec<(String, String)> {
    let mut out = vec![("name".to_owned(), settings.name.clone())];
    for (prefix, map) in
        [("tagline", &settings.taglines), ("about", &settings.about), ("rules", &settings.rules)]
    {
        out.extend(map.iter().map(|(lang, text)| (format!("{prefix}.{lang}"), text.clone())));
    }
    let optional = |value: &Option<String>| value.clone().unwrap_or_default();
    out.push(("contact".to_owned(), optional(&settings.contact)));
    out.push(("logo".to_owned(), optional(&settings.logo)));
    out.push(("languages".to_owned(), settings.languages.join(",")));
    out.push(("default_language".to_owned(), optional(&settings.default_language)));
    out.push(("hidden_languages".to_owned(), settings.hidden_languages.join(",")));
    out.push(("unreviewed_translations".to_owned(), settings.unreviewed_translations.join(",")));
    out.push(("onion_address".to_owned(), optional(&settings.onion_address)));
    out.push(("mirrors".to_owned(), settings.mirrors.join(",")));
    out
}

#[expect(clippy::print_stdout, reason = "the command's output")]
pub(crate) async fn show(global: &GlobalArgs, json: bool) -> anyhow::Result<ExitCode> {
    let (_, store) = open(global).await?;
    let settings = load(&store).await?;
    store.close().await;
    if json {
        let mut object = serde_json::Map::new();
        object.insert("name".to_owned(), settings.name.clone().into());
        for (key, map) in [
            ("tagline", &settings.taglines),
            ("about", &settings.about),
            ("rules", &settings.rules),
        ] {
            let by_lang: serde_json::Map<String, serde_json::Value> =
                map.iter().map(|(lang, text)| (lang.clone(), text.clone().into())).collect();
            object.insert(key.to_owned(), by_lang.into());
        }
        let optional = |value: &Option<String>| {
            value.clone().map_or(serde_json::Value::Null, serde_json::Value::String)
        };
        object.insert("contact".to_owned(), optional(&settings.contact));
        object.insert("logo".to_owned(), optional(&settings.logo));
        object.insert("languages".to_owned(), settings.languages.clone().into());
        object.insert("default_language".to_owned(), optional(&settings.default_language));
        object.insert("hidden_languages".to_owned(), settings.hidden_languages.clone().into());
        object.insert("onion_address".to_owned(), optional(&settings.onion_address));
        object.insert("mirrors".to_owned(), settings.mirrors.clone().into());
        println!("{}", serde_json::Value::Object(object));
    } else {
        for (key, value) in listing(&settings) {
            // Multi-line Markdown stays readable and unambiguous as a JSON-style quoted string.
            println!("{key} = {}", serde_json::Value::String(value));
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[expect(clippy::print_stdout, reason = "the command's output")]
pub(crate) async fn set(global: &GlobalArgs, key: &str, value: &str) -> anyhow::Result<ExitCode> {
    // The key is checked before the database is opened, so a typo touches nothing.
    let parsed = SettingKey::parse(key).map_err(|error| anyhow::anyhow!("{error}"))?;
    let (settings, store) = open(global).await?;
    let mut current = load(&store).await?;
    let value = if matches!(parsed, SettingKey::Logo) && !value.trim().is_empty() {
        ingest_logo(&store, &settings, Path::new(value.trim()), &current.name).await?
    } else {
        value.to_owned()
    };
    let (_, stored) =
        current.set(&parsed.to_string(), &value).map_err(|error| anyhow::anyhow!("{error}"))?;
    let write =
        SettingWrite { key: parsed.to_string(), value: (!stored.is_empty()).then_some(stored) };
    store.write_site_settings(std::slice::from_ref(&write), now()).await?;
    store.close().await;
    match write.value {
        Some(value) => println!("{} = {}", write.key, serde_json::Value::String(value)),
        None => println!("{} removed (back to its default)", write.key),
    }
    Ok(ExitCode::SUCCESS)
}

/// Brings the image at `path` in through the one image path and returns the file name to show.
async fn ingest_logo(
    store: &AnyStore,
    settings: &Settings,
    path: &Path,
    site_name: &str,
) -> anyhow::Result<String> {
    let bytes =
        std::fs::read(path).with_context(|| format!("logo: cannot read {}", path.display()))?;
    let meta = ImageMeta {
        alt: site_name.to_owned(),
        caption: String::new(),
        credit: site_name.to_owned(),
        licence: ashyq_content::Licence::AllRightsReserved.code().to_owned(),
        slug: Some("logo".to_owned()),
    };
    let ingested = ingest_image(store, &settings.media_dir(), bytes, meta, None, now())
        .await
        .map_err(|error| anyhow::anyhow!("logo: {}: {error}", path.display()))?;
    for item in &ingested.stripped_metadata {
        tracing::info!(removed = %item, "removed from the logo before it was stored");
    }
    let media = &ingested.media;
    Ok(media
        .variants
        .iter()
        .find(|variant| variant.width >= LOGO_MIN_WIDTH)
        .or(media.variants.last())
        .map_or_else(|| media.name.clone(), |variant| variant.file_name.clone()))
}
