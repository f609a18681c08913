//! The HTTP layer: routes, handlers and the headers every response carries. Handlers extract, ask the
//! store, render through `ashyq-render`, and answer; they hold no SQL and no HTML.

mod error;
mod headers;
mod media;
mod reading;
mod state;

use std::future::Future;
use std::net::SocketAddr;

use ashyq_store::ArticleStore;
use axum::Router;
use axum::routing::get;
use tokio::net::TcpListener;

pub use error::WebError;
pub use state::AppState;

/// The whole application as a router, ready to serve or to call in tests.
pub fn app<S: ArticleStore + Clone + 'static>(state: AppState<S>) -> Router {
    let router = Router::new()
        .route("/", get(reading::front_page::<S>))
        .route("/articles/{slug}", get(reading::article_page::<S>))
        .route("/tags/{slug}", get(reading::tag_page::<S>))
        .route("/authors/{slug}", get(reading::author_page::<S>))
        .route("/static/{file}", get(media::static_asset))
        .route("/media/{file}", get(media::media_file::<S>))
        .route("/healthz", get(|| async { "ok" }))
        .route("/{lang}/", get(reading::language_front_page::<S>))
        .route("/{lang}", get(reading::add_trailing_slash))
        .fallback(reading::not_found)
        .with_state(state.clone());
    headers::wrap(router, state)
}

/// Serves `app` on `listener` until `shutdown` completes, then finishes the requests in flight.
pub async fn serve<S: ArticleStore + Clone + 'static>(
    listener: TcpListener,
    state: AppState<S>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = app(state);
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}
