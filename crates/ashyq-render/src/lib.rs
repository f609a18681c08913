//! Every page ashyq shows, rendered by one path: a plain function builds a typed page struct from
//! storage views, and an askama template (checked at compile time, escaping by default) turns it into
//! HTML. The server and the static export call the same functions, so the two cannot drift.

pub mod account_pages;
pub mod assets;
pub mod chrome;
pub mod comment_pages;
pub mod editorial_pages;
pub mod feeds;
pub mod figures;
pub mod fragments;
pub mod identicon;
pub mod interview_modes;
pub mod listing_pages;
pub mod mirrors_page;
pub mod moderation_pages;
pub mod pages;
pub mod search_page;
pub mod translate_pages;

pub mod site;
pub mod site_pages;
pub mod sitemap;
pub mod static_links;
pub mod structured;
pub mod urls;

pub use assets::{ICON_SVG, STYLESHEET, icon_path, stylesheet_path};
pub use chrome::{Chrome, FeedLink, StaffNav};
pub use feeds::{FEED_ENTRIES, FeedLinks, feed_path, render_atom_feed, render_atom_feed_with};
pub use fragments::{render_article_fragments, render_article_fragments_with_sizes};
pub use interview_modes::interview_mode_url;
pub use listing_pages::{
    FrontContent, PageOf, render_author_page, render_author_page_at, render_front,
    render_front_page, render_tag_page, render_tag_page_at,
};
pub use mirrors_page::{MirrorsView, RotationView, render_mirrors_page};
pub use pages::{
    AlternateLink, FRONT_SECTION_SIZE, LIST_SIZE, RenderError, StaleSection, TranslationNotes,
    render_article_page, render_message_page, render_translated_article_page,
};
pub use search_page::{
    FoundStory, FoundVersion, SearchAudience, SearchForm, SearchOutcome, render_search_page,
};
pub use site::{Site, Tagline};
pub use sitemap::{SITEMAP_LIMIT, render_robots, render_sitemap, sitemap_paths};

#[cfg(test)]
mod feed_tests;
#[cfg(test)]
mod snapshots_tests;
