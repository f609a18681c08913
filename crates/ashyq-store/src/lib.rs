//! The storage interface: what the rest of ashyq may ask of a database, as traits over domain types.
//! Backends (`ashyq-store-sqlite`, later PostgreSQL) implement them; nothing here knows SQL.

pub mod accounts;
pub mod api_tokens;
pub mod articles;
pub mod comment_limit;
pub mod comments;
pub mod conversation;
pub mod decided;
pub mod editorial;
pub mod error;
pub mod feeds;
pub mod imports;
pub mod limits;
pub mod screening;
pub mod search;
pub mod translations;

pub mod site;

pub use accounts::{
    AccountStore, LiveSession, NewUser, Session, SessionId, TokenPurpose, User, UserId,
};
pub use api_tokens::{ApiToken, ApiTokenId, ApiTokenStore, LiveApiToken, NewApiToken};
pub use articles::{
    ArticleSource, ArticleStore, ArticleSummary, ArticleView, AuthorPage, ImportOutcome,
    LanguageCount, NamedLink, NewArticle, PublicSlugs, TagPage, TranslationLink,
};
pub use ashyq_moderation::{DataLabel, Label};
pub use comment_limit::{CommentLimit, admit_comments, limited_addresses};
pub use comments::{
    ActionId, AppliedChange, BanKind, CommentId, CommentStatus, CommentStore, CommentTarget,
    DecideOutcome, Decision, DecisionConflict, DecisionStamp, DecisionSubject, DecisionTarget,
    EmailConfirmation, HistoryItem, LabelledComment, ModerationAction, NewComment, PublicComment,
    QueueFilter, QueuedComment, RECENT_PER_LIST, RecentComment, RecentLists, ReplyNotice,
    ScreeningContext, ScreeningQuery, StatusCount, StoredFingerprint, WordList, WordListKind,
};
pub use conversation::thread_languages;
pub use decided::{ActionKind, RejectReason, decided_label};
pub use editorial::{
    ArticleFilter, ArticleId, ArticleRecord, ArticleStatus, EditorialStore, ExportedArticle,
    MediaItem, MediaVariant, NewMedia, Revision, RevisionId, RevisionInfo, SaveNote,
};
pub use error::{Constraint, StoreError, StoreResult};
pub use feeds::{FeedEntry, FeedScope, FeedSource, FeedStore, SitemapArticle, SitemapSource};
pub use imports::{
    ArchiveBatch, ArchiveOutcome, ArticleRef, ImportStore, ImportedArticle, ImportedComment,
    ImportedRow,
};
pub use limits::{LimitHitId, LimitKey, LimitReached, LimitReservation, LimitRule, LimitStore};
pub use screening::{CommentFlag, CommentFlags, ScreenFinding, decode_findings, encode_findings};
pub use search::{SearchChange, SearchFeed, SearchSource};
pub use translations::{
    ApprovalBasis, Claim, DraftUnit, DraftWrite, StoryTranslations, TranslatedUnit,
    TranslationRecords, TranslationStore, TranslationVersion, UnitsBatch, WaitingStory,
};

pub use site::{SITE_POLL, SettingWrite, SiteStore, StoredSetting};

/// Everything the server needs from one backend.
pub trait Store:
    ArticleStore
    + AccountStore
    + ApiTokenStore
    + CommentStore
    + EditorialStore
    + FeedStore
    + SearchFeed
    + TranslationStore
    + SiteStore
    + LimitStore
    + Clone
    + Send
    + Sync
    + 'static
{
}

impl<
    T: ArticleStore
        + AccountStore
        + ApiTokenStore
        + CommentStore
        + EditorialStore
        + FeedStore
        + SearchFeed
        + TranslationStore
        + SiteStore
        + LimitStore
        + Clone
        + Send
        + Sync
        + 'static,
> Store for T
{
}
