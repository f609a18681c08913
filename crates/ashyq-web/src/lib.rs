//! The HTTP layer: routes, handlers and the headers every response carries. Handlers extract, ask the
//! store, render through `ashyq-render`, and answer; they hold no SQL and no HTML.

mod account;
mod api;
pub mod auth;
pub mod client_address;
pub mod comments;
mod conditional;
mod editorial;
mod error;
mod feeds;
mod headers;
mod interview_mode;
pub mod mail;
mod media;
mod mirrors;
mod moderation;
mod notify;
pub mod page_cache;
mod photos;
mod reading;
mod search;
mod server;
pub mod site;
mod state;
mod translate;

use std::future::Future;

use ashyq_store::Store;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tokio::net::TcpListener;

pub use account::{API_TOKEN_DAYS, INVITATION_HOURS, create_password_link};
pub use client_address::{ProxyListError, TrustedProxies};
pub use error::WebError;
pub use server::{ConnectionLimits, bind, serve_router};
pub use site::{LiveSite, reload_site, spawn_site_follower};
pub use state::{AppState, AuthSettings, CommentSettings, ReachSettings};

/// The whole application as a router, ready to serve or to call in tests.
pub fn app<S: Store>(state: AppState<S>) -> Router {
    let router = Router::new()
        .route("/", get(reading::front_page::<S>))
        .route("/feed", get(feeds::feed_redirect))
        .route("/feed.atom", get(feeds::site_feed::<S>))
        .route("/{lang}/feed.atom", get(feeds::language_feed::<S>))
        .route("/tags/{slug}/feed.atom", get(feeds::tag_feed::<S>))
        .route("/authors/{slug}/feed.atom", get(feeds::author_feed::<S>))
        .route("/sitemap.xml", get(feeds::sitemap::<S>))
        .route("/sitemaps/{file}", get(feeds::sitemap_part::<S>))
        .route("/robots.txt", get(feeds::robots::<S>))
        .route("/articles/{slug}", get(reading::article_page::<S>))
        .route("/articles/{slug}/comments", post(comments::submit::<S>))
        .route("/comments/{id}/edit", get(comments::edit_page::<S>).post(comments::edit::<S>))
        .route("/comments/{id}/withdraw", post(comments::withdraw::<S>))
        .route("/comments/confirm", get(comments::confirm_page::<S>).post(comments::confirm::<S>))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/api/v1/moderation/comments", get(api::list_comments::<S>))
        .route("/api/v1/moderation/decisions", post(api::decide::<S>))
        .route("/api/v1/moderation/actions", get(api::actions::<S>))
        .route("/api/v1/moderation/actions/{id}/undo", post(api::undo::<S>))
        .route("/account/tokens", post(account::create_token::<S>))
        .route("/account/tokens/{id}/revoke", post(account::revoke_token::<S>))
        .route("/moderation", get(moderation::queue::<S>))
        .route("/moderation/decide", post(moderation::decide::<S>))
        .route(
            "/moderation/quick",
            get(moderation::quick_page::<S>).post(moderation::quick_decide::<S>),
        )
        .route("/moderation/undo", post(moderation::undo::<S>))
        .route("/moderation/log", get(moderation::log::<S>))
        .route("/moderation/ban", post(moderation::ban::<S>))
        .route(
            "/moderation/words",
            get(moderation::words_page::<S>).post(moderation::save_words::<S>),
        )
        .route(
            "/moderation/languages",
            get(moderation::languages_page::<S>).post(moderation::save_languages::<S>),
        )
        .route("/translate", get(translate::list::<S>))
        .route("/translate/languages", post(translate::save_languages::<S>))
        .route("/translate/claim", post(translate::claim::<S>))
        .route("/translate/release", post(translate::release::<S>))
        .route("/translate/reassign", post(translate::reassign::<S>))
        .route(
            "/translate/{slug}/{lang}",
            get(translate::work_page::<S>).post(translate::save_work_form::<S>),
        )
        .route("/translate/{slug}/{lang}/review", post(translate::review_form::<S>))
        .route("/translate/{slug}/{lang}/publish", post(translate::publish_form::<S>))
        .route("/search", get(search::search_page::<S>))
        .route("/admin/search", get(search::newsroom_search_page::<S>))
        .route("/tags/{slug}", get(reading::tag_page::<S>))
        .route("/mirrors", get(mirrors::mirrors_page::<S>))
        .route("/mirrors/{lang}", get(mirrors::mirrors_page_in::<S>))
        .route("/authors/{slug}", get(reading::author_page::<S>))
        .route("/static/{file}", get(media::static_asset))
        .route("/media/{file}", get(media::media_file::<S>))
        .route("/healthz", get(|| async { "ok" }))
        .route("/login", get(account::login_page::<S>).post(account::login::<S>))
        .route("/login/code", get(account::login_code_page::<S>).post(account::login_code::<S>))
        .route("/logout", post(account::logout::<S>))
        .route("/account", get(account::account_page::<S>))
        .route("/account/sessions/{id}/revoke", post(account::revoke_session::<S>))
        .route("/account/totp", get(account::totp_setup_page::<S>).post(account::totp_enable::<S>))
        .route("/account/totp/disable", post(account::totp_disable::<S>))
        .route("/account/password", post(account::change_password::<S>))
        .route(
            "/password/set",
            get(account::password_set_page::<S>).post(account::password_set::<S>),
        )
        .route(
            "/password/reset",
            get(account::password_reset_page::<S>).post(account::password_reset::<S>),
        )
        .route("/admin", get(editorial::dashboard::<S>))
        .route(
            "/admin/articles/new",
            get(editorial::new_article_page::<S>).post(editorial::create_article::<S>),
        )
        .route(
            "/admin/articles/{slug}/edit",
            get(editorial::edit_article_page::<S>).post(editorial::update_article::<S>),
        )
        .route("/admin/articles/{slug}/revisions", get(editorial::revisions_page::<S>))
        .route("/admin/articles/{slug}/revisions/{id}", get(editorial::revision_page::<S>))
        .route(
            "/admin/articles/{slug}/revisions/{id}/restore",
            post(editorial::restore_revision::<S>),
        )
        .route(
            "/admin/media",
            get(photos::photos_page::<S>)
                .post(photos::upload::<S>)
                .layer(DefaultBodyLimit::max(photos::UPLOAD_BODY_LIMIT)),
        )
        .route("/admin/people", get(account::people_page::<S>).post(account::invite::<S>))
        .route(
            "/admin/site",
            get(site::site_settings_page::<S>).post(site::save_site_settings::<S>),
        )
        .route(
            "/admin/site/logo",
            post(site::upload_logo::<S>).layer(DefaultBodyLimit::max(photos::UPLOAD_BODY_LIMIT)),
        )
        .route("/admin/site/logo/remove", post(site::remove_logo::<S>))
        .route("/{lang}/about", get(site::about_page::<S>))
        .route("/{lang}/", get(reading::language_front_page::<S>))
        .route("/{lang}", get(reading::add_trailing_slash))
        .fallback(reading::not_found)
        .with_state(state.clone());
    headers::wrap(router, state)
}

/// Serves `app` on `listener` until `shutdown` completes, then finishes the requests in flight.
pub async fn serve<S: Store>(
    listener: TcpListener,
    state: AppState<S>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    server::serve_router(listener, app(state), ConnectionLimits::default(), shutdown).await
}
