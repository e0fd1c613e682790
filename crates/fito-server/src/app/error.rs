//! The one error of the application: a stable `code` (also the Fluent message id),
//! its arguments, and the kind of refusal. It knows nothing of HTTP: `http::problem`
//! turns the kind into a status and the code into an RFC 9457 body in the caller's
//! language.

use fito_store::StoreError;

/// What kind of refusal an error is; the HTTP layer maps each to one status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The request itself is unreadable (malformed JSON, wrong parameters).
    BadRequest,
    /// Nobody is signed in, or the session is over.
    Unauthenticated,
    /// The caller may not do this.
    Forbidden,
    /// The record does not exist, or not for this caller (R-ORG-1).
    NotFound,
    /// The path exists, the method does not.
    MethodNotAllowed,
    /// The request took too long.
    Timeout,
    /// The record is not in a state that allows it (version, workflow, duplicate).
    Conflict,
    /// The body is larger than allowed.
    TooLarge,
    /// The body is of a type not taken here.
    UnsupportedMediaType,
    /// The input is readable but not valid.
    Unprocessable,
    /// Too many requests from this client.
    TooManyRequests,
    /// A fault of ours.
    Internal,
    /// A part we depend on (database, renderer, revocation source) cannot answer.
    Unavailable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppError {
    pub kind: Kind,
    /// Stable machine code, also the Fluent message id.
    pub code: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl AppError {
    pub fn new(kind: Kind, code: &'static str) -> Self {
        Self {
            kind,
            code,
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    pub fn bad_request(code: &'static str) -> Self {
        Self::new(Kind::BadRequest, code)
    }

    pub fn unprocessable(code: &'static str) -> Self {
        Self::new(Kind::Unprocessable, code)
    }

    /// The generic refusal of the role table.
    pub fn forbidden() -> Self {
        Self::new(Kind::Forbidden, "forbidden")
    }

    /// A refusal with its own reason.
    pub fn refused(code: &'static str) -> Self {
        Self::new(Kind::Forbidden, code)
    }

    pub fn not_found(code: &'static str) -> Self {
        Self::new(Kind::NotFound, code)
    }

    pub fn conflict(code: &'static str) -> Self {
        Self::new(Kind::Conflict, code)
    }

    pub fn unauthenticated() -> Self {
        Self::new(Kind::Unauthenticated, "auth-required")
    }

    pub fn unavailable() -> Self {
        Self::new(Kind::Unavailable, "service-unavailable")
    }

    pub fn internal() -> Self {
        Self::new(Kind::Internal, "internal")
    }

    /// A fault on our side (not the caller's input).
    pub fn is_server_error(&self) -> bool {
        matches!(self.kind, Kind::Internal | Kind::Unavailable)
    }
}

/// Domain refusals of typed input (IIN, e-mail, …) are unprocessable, with their code.
impl From<fito_core::Invalid> for AppError {
    fn from(invalid: fito_core::Invalid) -> Self {
        AppError {
            kind: Kind::Unprocessable,
            code: invalid.code,
            args: invalid.args,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => AppError::not_found("not-found"),
            StoreError::Conflict("email") => AppError::conflict("email-taken"),
            StoreError::Conflict("iin") => AppError::conflict("iin-taken"),
            other => {
                tracing::error!(error = %other, "storage failed");
                AppError::unavailable()
            }
        }
    }
}
