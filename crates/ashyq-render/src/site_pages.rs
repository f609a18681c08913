//! The newsroom's own pages about the site: the about page readers see, and `/admin/site`, where
//! administrators edit the settings (every field named by its setting key, errors beside fields,
//! the logo's own upload form).

use askama::Template;

use crate::chrome::{Chrome, StaffNav};
use crate::pages::{RenderError, render};
use crate::site::Site;
use crate::urls;

#[derive(Template)]
#[template(path = "about.html")]
struct AboutTemplate<'a> {
    chrome: Chrome<'a>,
    heading: String,
    lang: String,
    dir: &'static str,
    about_html: String,
}

/// The about page in `lang`; `None` when the newsroom wrote no about text in that language.
pub fn render_about_page(
    site: &Site,
    lang: &str,
    site_languages: &[String],
) -> Result<Option<String>, RenderError> {
    let Some(about_html) = site.about_html(lang).map(str::to_owned) else {
        return Ok(None);
    };
    let l10n = site.localizer(lang);
    let heading = l10n.msg_with("about-title", "site", &site.name());
    let title = format!("{heading} · {}", site.name());
    let dir = ashyq_content::LanguageTag::parse(lang).map_or("ltr", |tag| tag.direction().as_str());
    let chrome = Chrome::new(site, l10n, title, site_languages, Some(lang));
    render(
        "the about page",
        &AboutTemplate { chrome, heading, lang: lang.to_owned(), dir, about_html },
    )
    .map(Some)
}

/// One field of the settings form.
#[derive(Debug, Clone, Default)]
pub struct SettingField {
    /// The setting's key, also the form field's name (`tagline.ru`).
    pub key: String,
    /// The value as typed or stored.
    pub value: String,
    pub error: Option<String>,
}

/// The settings of one language.
#[derive(Debug, Clone, Default)]
pub struct LanguageSettings {
    pub lang: String,
    pub tagline: SettingField,
    pub about: SettingField,
    pub rules: SettingField,
}

/// What the settings page shows.
#[derive(Debug, Clone, Default)]
pub struct SiteForm {
    pub name: SettingField,
    pub contact: SettingField,
    pub languages: SettingField,
    pub default_language: SettingField,
    pub hidden_languages: SettingField,
    pub onion_address: SettingField,
    pub mirrors: SettingField,
    pub per_language: Vec<LanguageSettings>,
    /// The form was saved.
    pub saved: bool,
    /// The logo form's message (refusal or what was stripped).
    pub logo_error: Option<String>,
    pub logo_stripped: Vec<String>,
    pub logo_saved: bool,
    /// How many errors the form has (for the summary).
    pub error_count: usize,
}

/// A field as the template lays it out.
struct FieldView {
    id: String,
    key: String,
    label: String,
    hint: String,
    value: String,
    error: Option<String>,
    multiline: bool,
}

struct LanguageView {
    lang: String,
    heading: String,
    dir: &'static str,
    fields: Vec<FieldView>,
}

#[derive(Template)]
#[template(path = "admin_site.html")]
struct SiteSettingsTemplate<'a> {
    chrome: Chrome<'a>,
    csrf: String,
    general: Vec<FieldView>,
    languages: Vec<LanguageView>,
    saved: bool,
    error_summary: Option<String>,
    logo_url: Option<String>,
    logo_error: Option<String>,
    logo_saved: bool,
    logo_stripped: Vec<String>,
    action: String,
}

/// `/admin/site`.
pub fn render_site_settings_page(
    site: &Site,
    ui_lang: &str,
    staff: StaffNav,
    form: &SiteForm,
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let field = |field: &SettingField, id_key: &str, multiline: bool| FieldView {
        id: format!("site-{}", field.key.replace('.', "-")),
        key: field.key.clone(),
        label: l10n.msg(&format!("site-field-{id_key}")),
        hint: l10n.msg(&format!("site-hint-{id_key}")),
        value: field.value.clone(),
        error: field.error.clone(),
        multiline,
    };
    let general = vec![
        field(&form.name, "name", false),
        field(&form.contact, "contact", false),
        field(&form.languages, "languages", false),
        field(&form.default_language, "default-language", false),
        field(&form.hidden_languages, "hidden-languages", false),
        field(&form.onion_address, "onion-address", false),
        field(&form.mirrors, "mirrors", true),
    ];
    let languages = form
        .per_language
        .iter()
        .map(|settings| {
            let tag = ashyq_content::LanguageTag::parse(&settings.lang).ok();
            LanguageView {
                heading: tag.as_ref().map_or_else(
                    || settings.lang.to_uppercase(),
                    |tag| format!("{} ({})", tag.native_name(), tag.as_str()),
                ),
                dir: tag.as_ref().map_or("ltr", |tag| tag.direction().as_str()),
                lang: settings.lang.clone(),
                fields: vec![
                    field(&settings.tagline, "tagline", false),
                    field(&settings.about, "about", true),
                    field(&settings.rules, "rules", true),
                ],
            }
        })
        .collect();
    let heading = l10n.msg("site-settings-title");
    let title = format!("{heading} · {}", site.name());
    let error_summary = (form.error_count > 0)
        .then(|| l10n.msg_count("site-error-summary", "count", form.error_count as i64));
    let csrf = staff.csrf.clone();
    let chrome = Chrome::staff(site, l10n, title, staff);
    render(
        "the site settings page",
        &SiteSettingsTemplate {
            chrome,
            csrf,
            general,
            languages,
            saved: form.saved,
            error_summary,
            logo_url: site.logo_url(),
            logo_error: form.logo_error.clone(),
            logo_saved: form.logo_saved,
            logo_stripped: form.logo_stripped.clone(),
            action: urls::admin_site(),
        },
    )
}
