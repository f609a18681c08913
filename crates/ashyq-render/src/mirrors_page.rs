//! The `/mirrors` page: the newsroom's signing key, the known addresses of the site and its copies,
//! and how a reader checks a copy with minisign and sha256sum (or `ashyq verify`).

use ashyq_i18n::Localizer;
use askama::Template;

use crate::chrome::Chrome;
use crate::pages::{RenderError, render};
use crate::site::Site;
use crate::urls;

/// A statement that the newsroom moved from one key to the next, signed by the earlier key.
#[derive(Debug, Clone)]
pub struct RotationView {
    /// The statement's text, as signed.
    pub statement: String,
    /// Its signature in minisign's format.
    pub signature: String,
}

/// What the page shows from the data folder (known copies and the onion address come from the
/// site settings, so an administrator's change shows at once).
#[derive(Debug, Clone)]
pub struct MirrorsView {
    /// The public key in minisign's form (the comment line and the key line).
    pub public_key: String,
    /// The key line alone, for the commands.
    pub public_key_line: String,
    /// The site's own address.
    pub live_url: String,
    /// Earlier keys' statements, oldest first.
    pub rotations: Vec<RotationView>,
}

/// A link to this page in one UI language.
#[derive(Debug, Clone)]
struct LanguageVersion {
    url: String,
    lang: &'static str,
    name: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "mirrors.html")]
struct MirrorsPageTemplate<'a> {
    chrome: Chrome<'a>,
    heading: String,
    view: MirrorsView,
    /// Known copies, as the newsroom lists them in the site settings.
    mirrors: Vec<String>,
    onion_address: Option<String>,
    versions: Vec<LanguageVersion>,
}

fn versions(l10n: &Localizer<'_>) -> Vec<LanguageVersion> {
    ashyq_i18n::UI_LANGUAGES
        .iter()
        .map(|lang| LanguageVersion {
            url: urls::mirrors(Some(lang)),
            lang,
            name: ashyq_content::LanguageTag::parse(lang)
                .map_or_else(|_| lang.to_uppercase(), |tag| tag.native_name()),
            current: *lang == l10n.lang(),
        })
        .collect()
}

/// The page in `ui_lang`.
pub fn render_mirrors_page(
    site: &Site,
    ui_lang: &str,
    view: &MirrorsView,
    site_languages: &[String],
) -> Result<String, RenderError> {
    let l10n = site.localizer(ui_lang);
    let heading = l10n.msg("mirrors-title");
    let title = format!("{} · {}", heading, site.name());
    let versions = versions(&l10n);
    let chrome = Chrome::new(site, l10n, title, site_languages, None);
    render(
        "the mirrors page",
        &MirrorsPageTemplate {
            chrome,
            heading,
            view: view.clone(),
            mirrors: site.settings().mirrors.clone(),
            onion_address: site.settings().onion_address.clone(),
            versions,
        },
    )
}
