//! The command line, declared with clap. Names here are an interface other tools script against:
//! change them only with care.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// ashyq — a publishing platform for independent multilingual newsrooms.
#[derive(Debug, Parser)]
#[command(name = "ashyq", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// The data folder: database and media. Default `./ashyq-data`.
    #[arg(long, global = true, env = "ASHYQ_DATA", value_name = "DIR")]
    pub(crate) data: Option<PathBuf>,
    /// The database: a `postgres://` URL, or unset for SQLite in the data folder.
    #[arg(long, global = true, env = "ASHYQ_DATABASE", value_name = "URL", hide_env_values = true)]
    pub(crate) database: Option<String>,
    /// A configuration file. Default `./ashyq.toml` when it exists.
    #[arg(long, global = true, env = "ASHYQ_CONFIG", value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Log filter, e.g. `info`, `warn`, `ashyq_web=debug`. Logs go to standard error.
    #[arg(long, global = true, env = "ASHYQ_LOG", value_name = "FILTER", default_value = "info")]
    pub(crate) log: String,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Serve the site over HTTP.
    Serve(ServeArgs),
    /// Import articles into the database.
    Import {
        #[command(subcommand)]
        format: ImportFormat,
    },
    /// Demo content: generate a synthetic multilingual corpus (for benchmarks).
    Demo {
        #[command(subcommand)]
        action: DemoAction,
    },
    /// Export articles as files.
    Export {
        #[command(subcommand)]
        format: ExportFormat,
    },
    /// Newsroom accounts.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Comment screening: evaluate it on labelled comments, or retrain its model.
    Moderation {
        #[command(subcommand)]
        action: ModerationAction,
    },
    /// Apply the database's pending migrations (SQLite or PostgreSQL) and exit. Servers also
    /// migrate when they start; several starting together migrate once.
    Migrate,
    /// Copy the site's SQLite database (in the data folder) into an empty PostgreSQL database:
    /// every table, in one transaction, row counts checked; on any mismatch nothing is written.
    CopyData(CopyDataArgs),
    /// Check a copy of the site made by `export site`: its signature, then every file.
    Verify(VerifyArgs),
    /// The key that signs copies of the site.
    Key {
        #[command(subcommand)]
        action: KeyAction,
    },
    /// The search index (`DATA/search`).
    Search {
        #[command(subcommand)]
        action: SearchAction,
    },
    /// Translations: how each language stands.
    Translations {
        #[command(subcommand)]
        action: TranslationsAction,
    },
    /// The site's own settings: name, tagline/about/rules per language, contact, logo,
    /// languages, onion address, mirrors. A running server shows a change within two seconds.
    Site {
        #[command(subcommand)]
        action: SiteAction,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum TranslationsAction {
    /// Per site language: how many stories are translated, outdated, in progress, claimed and
    /// missing.
    Status(TranslationsStatusArgs),
    /// Write `SLUG.xlf` (XLIFF 2.0) for every published story not originally in a language:
    /// translated, in progress or missing (empty targets), each unit with its id, source, target
    /// and state.
    Export(TranslationsExportArgs),
    /// Take XLIFF files back: each unit whose target changed is saved as in the side-by-side
    /// editor; a file whose stories, languages, unit ids or sources no longer fit is refused whole.
    Import(TranslationsImportArgs),
}

#[derive(Debug, Args)]
pub(crate) struct TranslationsExportArgs {
    /// The language to translate into (`kk`, `ru`, `en`, `ar`…).
    #[arg(long)]
    pub(crate) lang: String,
    /// The folder to write the files into (created if missing; files of the same name are
    /// replaced).
    #[arg(long)]
    pub(crate) out: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct TranslationsImportArgs {
    /// XLIFF files written by `translations export` and filled in by a translator.
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// Send every unit of each story for review (each must then have a translation), as the
    /// editor's Submit button does.
    #[arg(long)]
    pub(crate) submit: bool,
    /// Let the file's text replace the site's in every unit the file changes, even where the site
    /// changed it after the export or the file cannot tell (a tool dropped `ashyq:target-hash`, or
    /// the file never came from ashyq).
    #[arg(long)]
    pub(crate) overwrite: bool,
    /// Refuse files that translate into any other language than this one.
    #[arg(long)]
    pub(crate) lang: Option<String>,
    /// Write as this translator (by e-mail), who must hold the story's claim; without it the
    /// units are the operator's, credited to nobody.
    #[arg(long = "as", value_name = "EMAIL")]
    pub(crate) as_person: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct TranslationsStatusArgs {
    /// Print `{"languages": {"kk": {"translated": 3, …}, …}}` instead of a table.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum SiteAction {
    /// Print every setting: `KEY = VALUE` lines, or one JSON object with --json.
    Show {
        /// One JSON object on standard output.
        #[arg(long)]
        json: bool,
    },
    /// Change one setting; an empty VALUE removes it (back to the default). Keys: name,
    /// tagline.LANG, about.LANG, rules.LANG, contact, logo (an image file, cleaned like every
    /// upload), languages ("kk,ru,en"), default_language, hidden_languages, onion_address,
    /// mirrors (addresses separated by commas).
    Set {
        /// The setting, such as `name` or `tagline.ru`.
        key: String,
        /// Its new value.
        value: String,
    },
}

#[derive(Debug, Args)]
pub(crate) struct CopyDataArgs {
    /// The PostgreSQL database to fill (`postgres://…`); it is migrated first and must be empty.
    #[arg(long, value_name = "URL")]
    pub(crate) to: String,
}

#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The copy's folder (where `manifest.txt` is).
    #[arg(value_name = "DIR")]
    pub(crate) dir: PathBuf,
    /// The newsroom's public key (the RW… line from `/mirrors` or `ashyq key show`, or a file
    /// holding it). Default: the key of the data folder given by --data.
    #[arg(long, value_name = "KEY")]
    pub(crate) key: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum KeyAction {
    /// Print the public key in minisign's form (the key is made if there is none yet).
    Show,
    /// Make a new key, with a statement naming it signed by the old one; the old secret key is
    /// deleted.
    Rotate,
}

#[derive(Debug, Subcommand)]
pub(crate) enum SearchAction {
    /// Rebuild the search index from the database, with a progress bar. Safe while the server
    /// runs: the new index replaces the old one only when it is complete.
    Reindex,
}

#[derive(Debug, Subcommand)]
pub(crate) enum DemoAction {
    /// Generate articles in English, Russian and Kazakh with interviews, figures and translations,
    /// and import them (or write them as files with --out).
    Generate(crate::demo_generate::DemoGenerateArgs),
}

#[derive(Debug, Subcommand)]
pub(crate) enum UserAction {
    /// Create an account. Prints a one-time link to set the password, unless --password-stdin.
    Add(UserAddArgs),
}

#[derive(Debug, Args)]
pub(crate) struct UserAddArgs {
    /// The person's e-mail address (their login).
    #[arg(long)]
    pub(crate) email: String,
    /// The name shown on their work.
    #[arg(long)]
    pub(crate) name: String,
    /// Roles: admin, editor, author, translator, moderator (repeat, or separate with commas).
    #[arg(long, required = true)]
    pub(crate) role: Vec<String>,
    /// Read the password from standard input instead of printing a link (for scripts).
    #[arg(long)]
    pub(crate) password_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ModerationAction {
    /// Screen labelled comments (TSV: id, lang, label, text, …) and report precision, recall, F1 and
    /// throughput.
    Eval(ModerationEvalArgs),
    /// Train the screen's model on labelled comments and write the weights file.
    Train(ModerationTrainArgs),
    /// Write the moderators' decisions as labelled comments (the same TSV format), for retraining
    /// the screen on the site's own history.
    ExportLabels(ModerationExportArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ModerationExportArgs {
    /// Where to write the TSV; standard output when not given.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ModerationEvalArgs {
    /// Labelled TSV files, or folders of them.
    #[arg(required = true, value_name = "FILE.tsv")]
    pub(crate) files: Vec<PathBuf>,
    /// Print exactly one JSON object on standard output (progress goes to standard error).
    #[arg(long)]
    pub(crate) json: bool,
    /// Screen with this model file (from `ashyq moderation train`) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub(crate) model: Option<PathBuf>,
    /// Only the held-aside rows (`sha256(text)[0] % 5 == 0`), which training never sees.
    #[arg(long)]
    pub(crate) held_aside: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ModerationTrainArgs {
    /// Labelled TSV files, or folders of them.
    #[arg(
        long = "from",
        value_name = "PATH",
        default_values = ["../shared/moderation-data/dev", "crates/ashyq-moderation/data"]
    )]
    pub(crate) data: Vec<PathBuf>,
    /// Where to write the weights.
    #[arg(long, value_name = "FILE", default_value = "crates/ashyq-moderation/model/screen.bin")]
    pub(crate) out: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Address and port to listen on. Default 127.0.0.1:8080; port 0 picks a free one.
    #[arg(long, env = "ASHYQ_LISTEN", value_name = "ADDR:PORT")]
    pub(crate) listen: Option<SocketAddr>,
    /// Load the demo articles when the database holds no articles yet.
    #[arg(long)]
    pub(crate) demo: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ImportFormat {
    /// Import article files (Markdown with TOML front matter; see docs/article-format.md).
    Md(ImportMdArgs),
    /// Import a WordPress export (WXR 1.0-1.2): posts and pages, people, categories and tags,
    /// images from --media, and comments. Safe to run again: what is here is skipped.
    Wxr(ImportWxrArgs),
    /// Import comments from a Disqus export, matched to articles by their old address.
    Disqus(ImportCommentsArgs),
    /// Import comments from an Isso database (read only), matched to articles by their old address.
    Isso(ImportCommentsArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ImportWxrArgs {
    /// The export file (WordPress: Tools → Export).
    #[arg(value_name = "FILE.xml")]
    pub(crate) file: PathBuf,
    /// A copy of the old site's `wp-content/uploads` folder; images are looked up there by
    /// address and never fetched from the network.
    #[arg(long, value_name = "DIR")]
    pub(crate) media: Option<PathBuf>,
    /// Read, convert and report everything, and write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Store the archive's published translations waiting for a language editor's review
    /// instead of publishing them (for languages whose translations need approval). Without it,
    /// you, the operator, vouch for them: they are published and their units recorded as
    /// approved, so moving a site keeps what was public public.
    #[arg(long)]
    pub(crate) require_approval: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ImportCommentsArgs {
    /// The export file (Disqus) or database (Isso).
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// Old addresses that changed: one `OLD-ADDRESS SLUG` per line (`#` starts a comment).
    #[arg(long, value_name = "FILE")]
    pub(crate) map: Option<PathBuf>,
    /// Read, match and report everything, and write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ImportMdArgs {
    /// Article files, or folders to search for `*.md` files.
    #[arg(required = true, value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// Replace stored articles that have the same slug instead of refusing them.
    #[arg(long)]
    pub(crate) replace: bool,
    /// Refuse translations among the files that a language editor has not approved (for
    /// languages whose translations need approval: every language unless the site setting
    /// `unreviewed_translations` lists it). Without it, you, the operator, vouch for the files:
    /// their translations are recorded as approved by you.
    #[arg(long)]
    pub(crate) require_approval: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ExportFormat {
    /// Write every published article as a file in the import format, with its images, so that the
    /// folder can be imported on its own (drafts and unpublished articles are left out).
    Md(ExportMdArgs),
    /// Write published stories as an EPUB 3 e-book: one article, a tag's stories, or a book file's
    /// list (TOML: `title = "…"` and `articles = ["slug", …]`).
    Epub(ExportEpubArgs),
    /// Write the whole public site as files with relative links, signed: a copy that works from any
    /// host, any sub-path, or opened from disk. Into an earlier export, only what changed is
    /// written.
    Site(ExportSiteArgs),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("stories").required(true).args(["article", "tag", "book"])))]
pub(crate) struct ExportEpubArgs {
    /// The e-book file to write (replaced only when the whole book is ready).
    #[arg(long, value_name = "FILE.epub")]
    pub(crate) out: PathBuf,
    /// One published article, by slug.
    #[arg(long, value_name = "SLUG")]
    pub(crate) article: Option<String>,
    /// Every published article with this tag, oldest first.
    #[arg(long, value_name = "SLUG")]
    pub(crate) tag: Option<String>,
    /// A book file (TOML) with a title and a list of article slugs, in reading order.
    #[arg(long, value_name = "FILE")]
    pub(crate) book: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ExportSiteArgs {
    /// The folder to write (empty, or an earlier export).
    #[arg(long, value_name = "DIR")]
    pub(crate) out: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct ExportMdArgs {
    /// The folder to write: `articles/SLUG.md`, their images, and uploaded photos in `media/`.
    #[arg(long, value_name = "DIR")]
    pub(crate) out: PathBuf,
}
