//! The Fito centre server: `app`, the use cases (what the system does, for the API,
//! sync, import and the command line alike), and `http`, the JSON API and the web
//! app over them. See ARCHITECTURE.md.

pub mod app;
pub mod config;
pub mod http;
pub mod i18n;

pub use http::serve::{Running, start};
