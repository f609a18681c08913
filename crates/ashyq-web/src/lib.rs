//! The HTTP layer: routes, handlers and the headers every response carries. Handlers extract, ask the
//! store, render through `ashyq-render`, and answer; they hold no SQL and no HTML.

mod account;
pub mod auth;
mod editorial;
mod error;
mod headers;
mod media;
mod photos;
mod reading;
mod state;

use std::future::Future;
use std::net::SocketAddr;

use ashyq_store::Store;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tokio::net::TcpListener;

pub use account::{INVITATION_HOURS, create_password_link};
pub use error::WebError;
pub use state::{AppState, AuthSettings};

/// The whole application as a router, ready to serve or to call in tests.
pub fn app<S: Store>(state: AppState<S>) -> Router {
    let router = Router::new()
        .route("/", get(reading::front_page::<S>))
        .route("/articles/{slug}", get(reading::article_page::<S>))
        .route("/tags/{slug}", get(reading::tag_page::<S>))
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
    let router = app(state);
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}
