//! `ashyq serve`: open the data folder, load the demo if asked, and serve until stopped.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;
use ashyq_i18n::Catalog;
use ashyq_store::ArticleStore;
use ashyq_web::AppState;

use crate::store::AnyStore;

use crate::cli::{GlobalArgs, ServeArgs};
use crate::demo::load_demo;
use crate::settings::Settings;

pub(crate) async fn run(global: &GlobalArgs, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut settings = Settings::load(global, args.listen)?;
    settings.prepare_data_dir()?;
    let store = crate::store::open_store_for_server(&settings).await?;
    let catalog = Arc::new(Catalog::new()?);

    if args.demo {
        if store.count_articles().await? == 0 {
            let loaded = load_demo(&store, &settings.media_dir(), &catalog).await?;
            tracing::info!(articles = loaded, "loaded the demo content");
        } else {
            tracing::info!("the database already has articles; the demo content was not loaded");
        }
    }

    crate::site_cmd::seed_site_settings(&store, &settings).await?;

    let search = crate::search_index::open_or_rebuild(&store, &settings.data_dir).await?;
    crate::search_index::spawn_indexer(store.clone(), Arc::clone(&search));

    let listener = ashyq_web::bind(settings.listen)
        .with_context(|| format!("cannot listen on {}", settings.listen))?;
    let address = listener.local_addr()?;
    if settings.public_url_is_default {
        settings.public_url = format!("http://{address}");
    }
    // This line is an interface: tests and scripts read the address from it.
    println!("ashyq: serving http://{address}/ (data folder: {})", settings.data_dir.display());
    tracing::info!(
        %address,
        engine = store.engine(),
        startup_ms = started.elapsed().as_millis() as u64,
        "ready"
    );

    // A retrained moderation model, read (and checked) before the site takes comments.
    let model =
        settings.moderation_model.as_deref().map(crate::moderation_cmd::load_model).transpose()?;
    let comments = ashyq_web::CommentSettings {
        secret: settings.load_or_create_secret()?,
        per_address_per_ten_minutes: settings.comments_per_address,
    };
    let mailer = match &settings.mail {
        Some(mail) => Some(
            ashyq_web::mail::Mailer::new(mail)
                .map_err(|error| anyhow::anyhow!("mail settings: {error}"))?,
        ),
        None => None,
    };
    if let Some(mail) = &settings.mail {
        tracing::info!(host = %mail.host, port = mail.port, "sending mail through this relay");
    }
    let state = AppState::new(
        store.clone(),
        catalog,
        settings.media_dir(),
        settings.auth(),
        comments,
        mailer,
        Some(search),
        settings.reach.clone(),
        crate::mirror::mirrors_view(
            &settings,
            &crate::mirror::keys::SigningKey::load_or_create(&settings.data_dir)?,
        )?,
    )
    .with_translation_claim_days(settings.translation_claim_days);
    if let Some(model) = model {
        *state.comments.model.write().unwrap_or_else(std::sync::PoisonError::into_inner) =
            Some(model);
    }
    ashyq_web::reload_site(&state).await.context("cannot read the site settings")?;
    ashyq_web::spawn_site_follower(state.clone());
    ashyq_web::comments::reload_screen(&state)
        .await
        .map_err(|error| anyhow::anyhow!("loading the word lists: {error:?}"))?;
    spawn_address_cleanup(store.clone(), settings.address_retention_days);
    if let AnyStore::Postgres(postgres) = &store {
        spawn_change_listener(postgres.clone(), state.clone());
    }
    let mail = state.mail.clone();
    let router = ashyq_web::app(state);
    ashyq_web::serve_router(listener, router, settings.connections, shutdown_signal())
        .await
        .context("the server stopped with an error")?;
    if let Some(mail) = mail {
        mail.finish_sending(MAIL_GRACE).await;
    }
    store.close().await;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// How long a stopping server waits for the mails it is still sending (a slow relay).
const MAIL_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// Drops commenters' personal data older than the retention period (address hashes, e-mail
/// addresses and their confirmation tokens), at start and then daily.
fn spawn_address_cleanup(store: AnyStore, retention_days: i64) {
    use ashyq_store::CommentStore as _;
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
        loop {
            interval.tick().await;
            let before =
                time::OffsetDateTime::now_utc().unix_timestamp() - retention_days * 24 * 3600;
            match store.drop_old_personal_data(before).await {
                Ok(0) => {}
                Ok(dropped) => {
                    tracing::info!(dropped, "dropped old commenter addresses and e-mails");
                }
                Err(error) => tracing::warn!(%error, "could not drop old commenter addresses"),
            }
        }
    });
}

/// With PostgreSQL, several servers may share the database: each listens for the change notices
/// the database sends when a change readers may see commits (whichever server or command made
/// it), and drops or refreshes its cached pages and lists, or reloads the word lists, and adds
/// every committed comment to the duplicate check's lists it holds. If the connection drops,
/// notices may have been missed, so pages and lists are dropped once it is back.
fn spawn_change_listener(store: ashyq_store_postgres::PostgresStore, state: AppState<AnyStore>) {
    use ashyq_store_postgres::Change;
    tokio::spawn(async move {
        loop {
            let mut listener = match store.listen().await {
                Ok(listener) => listener,
                Err(error) => {
                    tracing::warn!(%error, "cannot listen for changes from other servers; retrying");
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                    continue;
                }
            };
            // Whatever changed before listening began is not announced again: drop the cached
            // pages and the duplicate check's lists (read again from the store when needed).
            state.pages.invalidate();
            state.comments.recent.forget_all();
            loop {
                let change = match listener.next().await {
                    Ok(change) => change,
                    Err(error) => {
                        tracing::warn!(%error, "lost the change notices; listening again");
                        break;
                    }
                };
                tracing::debug!(?change, "change notice");
                match change {
                    Change::Refresh => state.pages.refresh(),
                    Change::Invalidate => state.pages.invalidate(),
                    Change::Comment(notice) => {
                        let recent = &state.comments.recent;
                        let (article, address, email) = (
                            notice.article_id,
                            notice.address_hash.as_deref(),
                            notice.email_hash.as_deref(),
                        );
                        if notice.edited {
                            recent.learn_edit(article, address, email, notice.comment);
                        } else {
                            recent.learn(article, address, email, notice.comment);
                        }
                    }
                    Change::CommentUnreadable => {
                        tracing::warn!(
                            "an unreadable comment notice; the duplicate lists are read again"
                        );
                        state.comments.recent.forget_all();
                    }
                    Change::Missed => {
                        state.pages.invalidate();
                        state.comments.recent.forget_all();
                        if let Err(error) = ashyq_web::comments::reload_screen(&state).await {
                            tracing::warn!(?error, "cannot reload the word lists");
                        }
                    }
                    Change::Screen => {
                        state.pages.invalidate();
                        if let Err(error) = ashyq_web::comments::reload_screen(&state).await {
                            tracing::warn!(?error, "cannot reload the word lists");
                        }
                    }
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    });
}
