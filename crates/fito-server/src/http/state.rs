//! What every handler can reach: the application (use cases and their context) and
//! the HTTP-only parts, such as the rate limits.

use crate::app::App;
use std::sync::Arc;

/// Cloned for every extractor and middleware of every request, so the application
/// is behind one `Arc`: cloning `App` itself bumps a dozen shared counters, which
/// was a tenth of a cached map tile's time (issue 16).
#[derive(Clone)]
pub struct AppState {
    pub app: Arc<App>,
    /// Requests per client IP (R-SEC-1).
    pub limits: Arc<crate::http::rate_limit::Limits>,
}

impl AppState {
    pub fn new(app: App) -> AppState {
        let limits = Arc::new(crate::http::rate_limit::Limits::new(&app.config.rate_limit));
        AppState {
            app: Arc::new(app),
            limits,
        }
    }
}

/// Handlers reach the application's context through the state.
impl std::ops::Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}
