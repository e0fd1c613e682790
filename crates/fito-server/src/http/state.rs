//! What every handler can reach: the application (use cases and their context) and
//! the HTTP-only parts, such as the rate limits.

use crate::app::App;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub app: App,
    /// Requests per client IP (R-SEC-1).
    pub limits: Arc<crate::http::rate_limit::Limits>,
}

impl AppState {
    pub fn new(app: App) -> AppState {
        let limits = Arc::new(crate::http::rate_limit::Limits::new(&app.config.rate_limit));
        AppState { app, limits }
    }
}

/// Handlers reach the application's context through the state.
impl std::ops::Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}
