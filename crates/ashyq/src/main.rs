//! The `ashyq` command: `serve`, `import md`, `export md`, and what comes after. Each subcommand lives in its own
//! module; this file only parses the command line and dispatches.

mod cli;
mod demo;
mod demo_generate;
mod epub_cmd;
mod export;
mod import;
mod import_comments;
mod import_report;
mod import_wxr;
mod media;
mod mirror;
mod moderation_cmd;
mod search_index;
mod serve;
mod settings;
mod store;

mod site_cmd;
mod translations_cmd;
mod user_cmd;
mod xliff_cmd;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{
    Cli, Command, DemoAction, ExportFormat, ImportFormat, KeyAction, ModerationAction,
    SearchAction, SiteAction, TranslationsAction, UserAction,
};

/// jemalloc, for Rust and (unprefixed) for SQLite's C allocations alike. With glibc's malloc the
/// server's resident memory kept growing under a steady load while the live heap did not: a
/// 20-minute soak grew 14% after its warm-up (40.0 to 45.8 MB) while jemalloc's own heap profile of
/// the same load showed the live heap growing by 1 MB in ten minutes, so the rest was memory glibc
/// kept in holes between long-lived blocks. jemalloc groups blocks by size and gives emptied pages
/// back to the system after a few seconds (`dirty_decay_ms`). It also replaces the restart
/// with `MALLOC_ARENA_MAX` and a fixed mmap threshold that glibc needed (a 19 MiB Argon2 block
/// left a hole behind it). mimalloc, tried before, grew more than glibc (bench/RESULTS.md).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let log_filter = std::env::var("ASHYQ_LOG").unwrap_or_else(|_| "info".to_owned());
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_new(&log_filter).unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();

    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("ashyq: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve(args) => serve::run(&cli.global, args).await,
            Command::Demo { action: DemoAction::Generate(args) } => {
                demo_generate::run(&cli.global, args).await
            }
            Command::User { action: UserAction::Add(args) } => {
                user_cmd::add(&cli.global, args).await
            }
            Command::Moderation { action: ModerationAction::ExportLabels(args) } => {
                moderation_cmd::export_labels(&cli.global, &args).await
            }
            Command::Moderation { action: ModerationAction::Eval(args) } => {
                moderation_cmd::eval(&args)
            }
            Command::Moderation { action: ModerationAction::Train(args) } => {
                moderation_cmd::train_model(&args)
            }
            Command::Migrate => {
                let settings = settings::Settings::load(&cli.global, None)?;
                store::migrate(&settings).await.map(|()| ExitCode::SUCCESS)
            }
            Command::CopyData(args) => {
                let settings = settings::Settings::load(&cli.global, None)?;
                store::copy_data(&settings, &args.to).await.map(|()| ExitCode::SUCCESS)
            }
            Command::Search { action: SearchAction::Reindex } => {
                search_index::reindex(&cli.global).await
            }
            Command::Import { format: ImportFormat::Md(args) } => {
                import::run(&cli.global, args).await
            }
            Command::Import { format: ImportFormat::Wxr(args) } => {
                import_wxr::run(&cli.global, args).await
            }
            Command::Import { format: ImportFormat::Disqus(args) } => {
                import_comments::run_disqus(&cli.global, args).await
            }
            Command::Import { format: ImportFormat::Isso(args) } => {
                import_comments::run_isso(&cli.global, args).await
            }
            Command::Export { format: ExportFormat::Md(args) } => {
                export::run(&cli.global, args).await
            }
            Command::Export { format: ExportFormat::Epub(args) } => {
                epub_cmd::run(&cli.global, args).await
            }
            Command::Translations { action: TranslationsAction::Status(args) } => {
                translations_cmd::status(&cli.global, &args).await
            }
            Command::Translations { action: TranslationsAction::Export(args) } => {
                xliff_cmd::export(&cli.global, &args).await
            }
            Command::Translations { action: TranslationsAction::Import(args) } => {
                xliff_cmd::import(&cli.global, &args).await
            }
            Command::Site { action: SiteAction::Show { json } } => {
                site_cmd::show(&cli.global, json).await
            }
            Command::Site { action: SiteAction::Set { key, value } } => {
                site_cmd::set(&cli.global, &key, &value).await
            }
            Command::Export { format: ExportFormat::Site(args) } => {
                mirror::export_site::run(&cli.global, args).await
            }
            Command::Verify(args) => mirror::verify::run(&cli.global, &args),
            Command::Key { action: KeyAction::Show } => mirror::show_key(&cli.global),
            Command::Key { action: KeyAction::Rotate } => mirror::rotate_key(&cli.global),
        }
    });
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("ashyq: {error:#}");
            ExitCode::FAILURE
        }
    }
}
