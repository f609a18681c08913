//! The content model of ashyq and everything pure about it: parsing article files, validating them, and
//! rendering their bodies to HTML fragments. This crate does no I/O; callers hand it text and get back
//! typed values or errors that say file, line and column.

pub mod article;
pub mod body;
pub mod comments;
pub mod errors;
pub mod fragment;
pub mod front_matter;
pub mod interview_modes;
pub mod language;
pub mod licence;
pub mod links;
pub mod list_image;
pub mod parse;
pub mod site;
pub mod slug;
mod toml_errors;
pub mod translation_file;
pub mod units;

pub use article::{
    Article, AuthorRef, Block, Figure, Interview, Speaker, SpeakerRole, Tag, Turn,
    UPLOADED_MEDIA_PREFIX, Version, uploaded_media_name,
};
pub use comments::{
    CommentDraft, CommentFieldError, CommentLimits, ValidComment, render_comment_html,
    validate_comment,
};
pub use errors::{ArticleError, ArticleErrorKind, Location};
pub use fragment::{
    FragmentLabels, ImageSizes, ImageSizesFn, figures_in_page_order, render_body, render_figure,
    rendered_image_urls,
};
pub use interview_modes::{InterviewMode, has_paired_turns, select_versions};
pub use language::{Direction, LanguageTag};
pub use licence::Licence;
pub use links::{ALLOWED_LINK_SCHEMES, link_scheme, refused_link_scheme};
pub use list_image::{ListImage, list_image};
pub use parse::{check_batch, parse_article};
pub use site::{
    DEFAULT_SITE_NAME, SITE_KEYS, SettingKey, SiteSettingError, SiteSettings, render_site_markdown,
};
pub use slug::{Slug, slugify};
pub use translation_file::{ComposeError, TranslationFile, compose_translation};
pub use units::{
    DiffChange, DiffRun, DraftState, SourceUnit, StoredUnit, Unit, UnitSlot, UnitState,
    article_units, identify_units, pair_translation, pair_translation_with, unit_hash, word_diff,
};
