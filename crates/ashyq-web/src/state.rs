//! What every handler may reach: the store, the UI catalog and the media folder.

use std::path::PathBuf;
use std::sync::Arc;

use ashyq_i18n::Catalog;

/// Shared application state; cheap to clone.
#[derive(Debug)]
pub struct AppState<S> {
    pub store: S,
    pub catalog: Arc<Catalog>,
    /// Where imported images live (`DATA/media`).
    pub media_dir: Arc<PathBuf>,
}

impl<S: Clone> Clone for AppState<S> {
    fn clone(&self) -> Self {
        AppState {
            store: self.store.clone(),
            catalog: Arc::clone(&self.catalog),
            media_dir: Arc::clone(&self.media_dir),
        }
    }
}

impl<S> AppState<S> {
    pub fn new(store: S, catalog: Arc<Catalog>, media_dir: PathBuf) -> AppState<S> {
        AppState { store, catalog, media_dir: Arc::new(media_dir) }
    }
}
