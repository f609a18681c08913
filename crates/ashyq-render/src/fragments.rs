//! Rendering an article's lead figure and body once, at import, with labels in the article's language.

pub use ashyq_content::fragment::escape_html;
use ashyq_content::{Article, FragmentLabels, ImageSizesFn, Licence, render_body, render_figure};
use ashyq_i18n::Catalog;

/// The lead figure's HTML (if any) and the body's HTML. `image_url` maps a figure's `src` as written
/// in the file to the address it is served from.
pub fn render_article_fragments(
    article: &Article,
    catalog: &Catalog,
    image_url: &dyn Fn(&str) -> String,
) -> (Option<String>, String) {
    render_article_fragments_with_sizes(article, catalog, image_url, None)
}

/// As `render_article_fragments`, and `image_sizes` gives uploaded photos a `srcset`.
pub fn render_article_fragments_with_sizes(
    article: &Article,
    catalog: &Catalog,
    image_url: &dyn Fn(&str) -> String,
    image_sizes: Option<&ImageSizesFn<'_>>,
) -> (Option<String>, String) {
    let l10n = catalog.localizer(article.lang.as_str());
    let interview = l10n.msg("interview-label");
    let original = l10n.msg("interview-original");
    let translation = l10n.msg("interview-translation");
    let credit = l10n.msg("figure-credit");
    let licence = l10n.msg("figure-licence");
    let licence_name = |licence: Licence| l10n.msg(&format!("licence-{}", licence.code()));
    let labels = FragmentLabels {
        interview: &interview,
        original: &original,
        translation: &translation,
        credit: &credit,
        licence: &licence,
        licence_name: &licence_name,
        image_url,
        image_sizes,
    };
    let lead = article.lead_figure.as_ref().map(|figure| render_figure(figure, &labels, true));
    (lead, render_body(article, &labels))
}
