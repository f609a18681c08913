//! The site's settings in a running server: the [`LiveSite`] every page is rendered with, kept
//! current by one follower task, and `/admin/site`, where administrators change them.
//!
//! Live reload has one moving part. The store keeps a *site generation* that goes up whenever a
//! setting is written or an article is added, changed or removed, whichever process wrote
//! (`SiteStore`; SQLite: triggers). The follower waits for it to move
//! (`SiteStore::wait_for_site_change`: SQLite reads one row every 500 ms; PostgreSQL can use
//! `LISTEN`), then reads the settings, swaps in a new [`Site`] and drops every cached page and the
//! cached language list. A request pays for none of this: it clones an `Arc`. A change made
//! through `/admin/site` is applied at once by the handler rather than waiting for the poll.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use ashyq_accounts::Action;
use ashyq_content::{SettingKey, SiteSettings};
use ashyq_render::Site;
use ashyq_render::site_pages::{
    LanguageSettings, SettingField, SiteForm, render_about_page, render_site_settings_page,
};
use ashyq_services::media::{ImageMeta, MediaError, ingest_image};
use ashyq_store::{SettingWrite, Store, StoreError};
use axum::Extension;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::account::private_page;
use crate::auth::CurrentUser;
use crate::auth::csrf::CsrfToken;
use crate::error::WebError;
use crate::state::{AppState, now};

/// The site the pages are rendered with, and the store's generation it was read at.
#[derive(Debug)]
pub struct LiveSite {
    current: RwLock<Arc<Site>>,
    /// -1 until the settings were read from the store.
    generation: AtomicI64,
}

impl LiveSite {
    pub fn new(site: Site) -> LiveSite {
        LiveSite { current: RwLock::new(Arc::new(site)), generation: AtomicI64::new(-1) }
    }

    /// The site to render with now.
    pub fn current(&self) -> Arc<Site> {
        Arc::clone(&self.current.read().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// The store's generation the current site was read at.
    pub fn generation(&self) -> i64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Puts in `site`, read at `generation`, unless a newer read is already in.
    fn replace(&self, site: Site, generation: i64) -> bool {
        let mut current = self.current.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if generation < self.generation.load(Ordering::Acquire) {
            return false;
        }
        *current = Arc::new(site);
        self.generation.store(generation, Ordering::Release);
        true
    }
}

/// Reads the settings from the store and renders with them from now on; every cached page (and
/// the cached language list) is dropped, since the name, the words or the languages may differ.
pub async fn reload_site<S: Store>(state: &AppState<S>) -> Result<(), StoreError> {
    // The generation first: a write landing between the two reads makes the follower read again.
    let generation = state.store.site_generation().await?;
    let rows = state.store.site_settings().await?;
    let (settings, errors) =
        SiteSettings::from_entries(rows.iter().map(|row| (row.key.as_str(), row.value.as_str())));
    for error in errors {
        tracing::warn!(%error, "a stored site setting was ignored");
    }
    if state.site.replace(Site::new(Arc::clone(&state.catalog), Arc::new(settings)), generation) {
        state.pages.invalidate();
        tracing::debug!(generation, "site settings and languages reloaded");
    }
    Ok(())
}

/// Starts the task that follows the store's site generation for the life of the process.
pub fn spawn_site_follower<S: Store>(state: AppState<S>) {
    tokio::spawn(async move {
        loop {
            let seen = state.site.generation();
            let outcome = match state.store.wait_for_site_change(seen).await {
                // Already applied by this process (an administrator saved the form).
                Ok(generation) if generation == state.site.generation() => Ok(()),
                Ok(_) => reload_site(&state).await,
                Err(error) => Err(error),
            };
            if let Err(error) = outcome {
                tracing::warn!(%error, "could not read the site settings; trying again");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    });
}

/// Writes checked settings and applies them in this process at once.
async fn write_settings<S: Store>(
    state: &AppState<S>,
    writes: &[SettingWrite],
) -> Result<(), WebError> {
    state.store.write_site_settings(writes, now()).await?;
    reload_site(state).await?;
    Ok(())
}

/// `GET /{lang}/about`: the newsroom's about text in that language.
pub(crate) async fn about_page<S: Store>(
    State(state): State<AppState<S>>,
    Path(lang): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let key = format!("/{lang}/about");
    let html = crate::reading::cached(&state, &key, || async {
        let languages = crate::reading::site_languages(&state).await?;
        render_about_page(&state.site(), &lang, &languages)?
            .ok_or(WebError::NotFound { ui_lang: ashyq_i18n::ui_language_for(&lang) })
    })
    .await?;
    Ok(crate::reading::page(&headers, html))
}

/// The languages the settings page has fields for: those offered, those the newsroom wrote
/// words for, and the default; English on a site with none.
async fn form_languages<S: Store>(
    state: &AppState<S>,
    settings: &SiteSettings,
) -> Result<Vec<String>, WebError> {
    let mut languages = crate::reading::site_languages(state).await?;
    let written: BTreeSet<&String> = settings
        .taglines
        .keys()
        .chain(settings.about.keys())
        .chain(settings.rules.keys())
        .collect();
    for lang in written.into_iter().chain(settings.default_language.as_ref()) {
        if !languages.contains(lang) {
            languages.push(lang.clone());
        }
    }
    if languages.is_empty() {
        languages.push("en".to_owned());
    }
    Ok(languages)
}

fn field(key: impl Into<String>, value: impl Into<String>) -> SettingField {
    SettingField { key: key.into(), value: value.into(), error: None }
}

/// The form filled in from `settings`.
fn form_from(settings: &SiteSettings, languages: &[String]) -> SiteForm {
    let text = |map: &std::collections::BTreeMap<String, String>, lang: &str| {
        map.get(lang).cloned().unwrap_or_default()
    };
    SiteForm {
        name: field("name", settings.name.clone()),
        contact: field("contact", settings.contact.clone().unwrap_or_default()),
        languages: field("languages", settings.languages.join(",")),
        default_language: field(
            "default_language",
            settings.default_language.clone().unwrap_or_default(),
        ),
        hidden_languages: field("hidden_languages", settings.hidden_languages.join(",")),
        onion_address: field("onion_address", settings.onion_address.clone().unwrap_or_default()),
        mirrors: field("mirrors", settings.mirrors.join("\n")),
        per_language: languages
            .iter()
            .map(|lang| LanguageSettings {
                lang: lang.clone(),
                tagline: field(format!("tagline.{lang}"), text(&settings.taglines, lang)),
                about: field(format!("about.{lang}"), text(&settings.about, lang)),
                rules: field(format!("rules.{lang}"), text(&settings.rules, lang)),
            })
            .collect(),
        ..SiteForm::default()
    }
}

/// Every field of the form, to fill in typed values and errors by key.
fn fields_mut(form: &mut SiteForm) -> impl Iterator<Item = &mut SettingField> {
    [
        &mut form.name,
        &mut form.contact,
        &mut form.languages,
        &mut form.default_language,
        &mut form.hidden_languages,
        &mut form.onion_address,
        &mut form.mirrors,
    ]
    .into_iter()
    .chain(form.per_language.iter_mut().flat_map(|language| {
        [&mut language.tagline, &mut language.about, &mut language.rules].into_iter()
    }))
}

async fn settings_page<S: Store>(
    state: &AppState<S>,
    csrf: &CsrfToken,
    user: &CurrentUser,
    form: &SiteForm,
    status: StatusCode,
) -> Result<Response, WebError> {
    let html = render_site_settings_page(&state.site(), user.ui_lang, user.staff_nav(csrf), form)?;
    Ok((status, private_page(html)).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct SiteQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /admin/site`.
pub(crate) async fn site_settings_page<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    Query(query): Query<SiteQuery>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    user.require(Action::ManageSite)?;
    let site = state.site();
    let languages = form_languages(&state, site.settings()).await?;
    let mut form = form_from(site.settings(), &languages);
    form.saved = query.saved.is_some();
    settings_page(&state, &csrf, &user, &form, StatusCode::OK).await
}

/// `POST /admin/site`: checks every field; writes all of them in one transaction, or none and
/// answers 422 with each error beside its field and what was typed kept.
pub(crate) async fn save_site_settings<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    user.require(Action::ManageSite)?;
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(&body).map_err(|_| WebError::BadRequest)?;
    let site = state.site();
    let mut next = site.settings().clone();
    let mut typed: Vec<(SettingKey, String)> = Vec::new();
    let mut errors: Vec<(String, String)> = Vec::new();
    for (key, value) in pairs.into_iter().filter(|(key, _)| key != "csrf_token") {
        match SettingKey::parse(&key) {
            // The logo has its own form: a file, never a typed name.
            Ok(SettingKey::Logo) | Err(_) => {
                let error = ashyq_content::SiteSettingError::UnknownKey { key: key.clone() };
                errors.push((key, error.to_string()));
            }
            Ok(parsed) => typed.push((parsed, value)),
        }
    }
    // Key order checks the language lists before the default language, which must be among them.
    typed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut writes = Vec::with_capacity(typed.len());
    for (key, value) in &typed {
        match next.set(&key.to_string(), value) {
            Ok((_, stored)) => writes.push(SettingWrite {
                key: key.to_string(),
                value: (!stored.is_empty()).then_some(stored),
            }),
            Err(error) => errors.push((key.to_string(), error.to_string())),
        }
    }
    if errors.is_empty() {
        write_settings(&state, &writes).await?;
        tracing::info!(user = user.user.id.0, keys = writes.len(), "site settings saved");
        return Ok(Redirect::to("/admin/site?saved=1").into_response());
    }
    let languages = form_languages(&state, site.settings()).await?;
    let mut form = form_from(site.settings(), &languages);
    let mut unplaced = Vec::new();
    for (key, value) in &typed {
        if let Some(field) = fields_mut(&mut form).find(|field| field.key == key.to_string()) {
            field.value.clone_from(value);
        }
    }
    for (key, message) in &errors {
        match fields_mut(&mut form).find(|field| &field.key == key) {
            Some(field) => field.error = Some(message.clone()),
            None => unplaced.push(message.clone()),
        }
    }
    form.error_count = errors.len();
    // An error for a field the page does not show (a forged key) goes with the name's.
    if !unplaced.is_empty() {
        let joined = unplaced.join("; ");
        form.name.error = Some(match form.name.error.take() {
            Some(own) => format!("{own}; {joined}"),
            None => joined,
        });
    }
    settings_page(&state, &csrf, &user, &form, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// The narrowest published width a logo is shown from (it is drawn at most 3rem high, on screens
/// with up to three pixels per point).
const LOGO_MIN_WIDTH: u32 = 160;

/// `POST /admin/site/logo` (multipart): the image goes through `ingest_image`, the one path by
/// which images enter the site (metadata stripped, pixels re-encoded, content-addressed name).
pub(crate) async fn upload_logo<S: Store>(
    State(state): State<AppState<S>>,
    Extension(csrf): Extension<CsrfToken>,
    user: CurrentUser,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    user.require(Action::ManageSite)?;
    let mut bytes = None;
    while let Some(part) = multipart.next_field().await.map_err(|error| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WebError::PayloadTooLarge
        } else {
            WebError::BadRequest
        }
    })? {
        // The uploaded file's own name is never read.
        if part.name() == Some("file") {
            let data = part.bytes().await.map_err(|_| WebError::PayloadTooLarge)?;
            bytes = (!data.is_empty()).then(|| data.to_vec());
        }
    }
    let site = state.site();
    let l10n = site.localizer(user.ui_lang);
    let languages = form_languages(&state, site.settings()).await?;
    let mut form = form_from(site.settings(), &languages);
    let Some(bytes) = bytes else {
        form.logo_error = Some(l10n.msg("site-logo-required"));
        return settings_page(&state, &csrf, &user, &form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let meta = ImageMeta {
        alt: site.name(),
        caption: String::new(),
        credit: site.name(),
        licence: ashyq_content::Licence::AllRightsReserved.code().to_owned(),
        slug: Some("logo".to_owned()),
    };
    let ingested =
        match ingest_image(&state.store, &state.media_dir, bytes, meta, Some(user.user.id), now())
            .await
        {
            Ok(ingested) => ingested,
            Err(MediaError::Refused(error)) => {
                form.logo_error =
                    Some(l10n.msg_with("site-logo-refused", "reason", &error.to_string()));
                return settings_page(
                    &state,
                    &csrf,
                    &user,
                    &form,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
            Err(MediaError::Store(error)) => return Err(error.into()),
            Err(other) => return Err(WebError::Internal(format!("storing the logo: {other}"))),
        };
    let media = &ingested.media;
    let file = media
        .variants
        .iter()
        .find(|variant| variant.width >= LOGO_MIN_WIDTH)
        .or(media.variants.last())
        .map_or_else(|| media.name.clone(), |variant| variant.file_name.clone());
    write_settings(&state, &[SettingWrite { key: "logo".to_owned(), value: Some(file) }]).await?;
    tracing::info!(user = user.user.id.0, name = media.name, "site logo uploaded");
    let site = state.site();
    let mut form = form_from(site.settings(), &languages);
    form.logo_saved = true;
    form.logo_stripped = ingested.stripped_metadata;
    settings_page(&state, &csrf, &user, &form, StatusCode::OK).await
}

/// `POST /admin/site/logo/remove`.
pub(crate) async fn remove_logo<S: Store>(
    State(state): State<AppState<S>>,
    user: CurrentUser,
) -> Result<Response, WebError> {
    user.require(Action::ManageSite)?;
    write_settings(&state, &[SettingWrite { key: "logo".to_owned(), value: None }]).await?;
    Ok(Redirect::to("/admin/site?saved=1").into_response())
}
