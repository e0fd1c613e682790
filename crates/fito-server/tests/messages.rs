//! Every error code the API can answer has a message in Kazakh, Russian and English
//! (R-I18N-1): the codes are read from the sources (the server, fito-core, and the
//! refusals of fito-geo and fito-sign that reach the API) and looked up in `i18n/`.

use fito_server::i18n::{I18n, Lang};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A stable code: kebab-case words (`forbidden`, `act-not-found`).
fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// A source file without its comment lines, so that examples in docs do not count.
struct Source {
    name: String,
    text: String,
}

impl Source {
    fn read(path: &Path) -> Source {
        let raw = std::fs::read_to_string(path).expect("source file");
        let text = raw
            .lines()
            .map(|l| {
                if l.trim_start().starts_with("//") {
                    ""
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let name = path
            .strip_prefix(workspace())
            .unwrap_or(path)
            .display()
            .to_string();
        Source { name, text }
    }

    fn line_of(&self, at: usize) -> usize {
        self.text[..at].matches('\n').count() + 1
    }
}

/// The string literal starting at `at` (a `"`): its text and the index after it.
fn literal(text: &str, at: usize) -> Option<(&str, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some((&text[at + 1..i], i + 1)),
            _ => i += 1,
        }
    }
    None
}

/// The index of the bracket closing the one at `open` (string literals skipped).
fn closing(text: &str, open: usize) -> usize {
    let bytes = text.as_bytes();
    let (up, down) = match bytes[open] {
        b'(' => (b'(', b')'),
        _ => (b'{', b'}'),
    };
    let mut depth = 0;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = literal(text, i).map_or(bytes.len(), |(_, next)| next);
                continue;
            }
            b if b == up => depth += 1,
            b if b == down => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The code-shaped literals in `text[from..to]`, with where they start.
fn codes_in(text: &str, from: usize, to: usize, hyphen: bool) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    let mut i = from;
    while i < to {
        if let Some((s, next)) = literal(text, i) {
            if is_code(s) && (!hyphen || s.contains('-')) {
                found.push((s.to_string(), i));
            }
            i = next;
            continue;
        }
        i += 1;
    }
    found
}

fn ident_at(text: &str, at: usize) -> &str {
    let end = text[at..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(text.len(), |n| at + n);
    &text[at..end]
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Functions that take a code: the `AppError` and `Invalid` constructors, and any
/// helper with a `code` or `not_found` parameter (`refused`, `require_in`, `check_scope`).
fn code_takers(files: &[Source]) -> Vec<String> {
    let mut names = vec!["Invalid::new".to_string(), "AppError::new".to_string()];
    for file in files {
        let text = &file.text;
        for (at, _) in text.match_indices("fn ") {
            if at > 0 && is_ident_char(text.as_bytes()[at - 1]) {
                continue;
            }
            let name = ident_at(text, at + 3);
            let Some(open) = text[at..].find('(').map(|n| at + n) else {
                continue;
            };
            let params = &text[open..closing(text, open)];
            let takes_code = ["code: &'static str", "not_found: &'static str"]
                .iter()
                .any(|p| params.contains(p));
            if takes_code && name != "new" && !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// The literals of the `let` that last bound `name` before `before` (a code passed
/// through a variable: `let code = match … { … => "signature-challenge-used", … }`).
fn bound_codes(text: &str, name: &str, before: usize) -> Vec<(String, usize)> {
    let head = &text[..before];
    let mut best = None;
    for (at, _) in head.match_indices("let ") {
        let pattern_end = head[at..].find('=').map_or(head.len(), |n| at + n);
        let pattern = &head[at + 4..pattern_end];
        let binds = pattern
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(|w| w == name);
        if binds {
            best = Some(pattern_end);
        }
    }
    let Some(start) = best else {
        return Vec::new();
    };
    let mut depth = 0i32;
    let mut end = start;
    let bytes = text.as_bytes();
    while end < bytes.len() {
        match bytes[end] {
            b'"' => {
                end = literal(text, end).map_or(bytes.len(), |(_, next)| next);
                continue;
            }
            b'(' | b'{' | b'[' => depth += 1,
            b')' | b'}' | b']' => depth -= 1,
            b';' if depth <= 0 => break,
            _ => {}
        }
        end += 1;
    }
    codes_in(text, start, end, true)
}

/// Every code the server sources can answer with, and where each was found.
fn server_codes(files: &[Source]) -> BTreeMap<String, String> {
    let takers = code_takers(files);
    let mut codes = BTreeMap::new();
    let mut add = |file: &Source, found: Vec<(String, usize)>| {
        for (code, at) in found {
            codes
                .entry(code)
                .or_insert_with(|| format!("{}:{}", file.name, file.line_of(at)));
        }
    };
    for file in files {
        let text = &file.text;
        for name in &takers {
            let call = format!("{name}(");
            for (at, _) in text.match_indices(&call) {
                let before = text[..at].trim_end();
                let other_type = !name.contains("::")
                    && text[..at].ends_with("::")
                    && !text[..at].ends_with("AppError::");
                if before.ends_with("fn")
                    || (at > 0 && is_ident_char(text.as_bytes()[at - 1]))
                    || other_type
                {
                    continue;
                }
                let open = at + call.len() - 1;
                let close = closing(text, open);
                add(file, codes_in(text, open, close, false));
                for arg in text[open + 1..close].split(',') {
                    let arg = arg.trim();
                    if !arg.is_empty() && arg.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                        add(file, bound_codes(text, arg, at));
                    }
                }
            }
        }
        // `AppError { kind, code: "…" }` and `(Kind::Timeout, "request-timeout")`.
        for (at, _) in text.match_indices("code:") {
            let rest = text[at + 5..].trim_start();
            let start = text.len() - rest.len();
            if let Some((s, _)) = literal(text, start).filter(|(s, _)| is_code(s)) {
                add(file, vec![(s.to_string(), start)]);
            }
        }
        for (at, _) in text.match_indices("Kind::") {
            let after = at + 6 + ident_at(text, at + 6).len();
            let rest = text[after..].trim_start();
            let Some(rest) = rest.strip_prefix(',') else {
                continue;
            };
            let rest = rest.trim_start();
            let start = text.len() - rest.len();
            if let Some((s, _)) = literal(text, start).filter(|(s, _)| is_code(s)) {
                add(file, vec![(s.to_string(), start)]);
                continue;
            }
            let name = ident_at(text, start);
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                add(file, bound_codes(text, name, at));
            }
        }
        // The refusals an operation documents: `(status = 409, description = "act-…")`.
        for (at, _) in text.match_indices("description = ") {
            let start = at + "description = ".len();
            if let Some((s, _)) =
                literal(text, start).filter(|(s, _)| is_code(s) && s.contains('-'))
            {
                add(file, vec![(s.to_string(), start)]);
            }
        }
    }
    codes
}

/// The codes a library's `fn code(…) -> &'static str` can give (fito-geo, fito-sign).
fn library_codes(files: &[Source]) -> BTreeMap<String, String> {
    let mut codes = BTreeMap::new();
    for file in files {
        let text = &file.text;
        for (at, _) in text.match_indices("fn code(") {
            let Some(open) = text[at..].find('{').map(|n| at + n) else {
                continue;
            };
            for (code, start) in codes_in(text, open, closing(text, open), true) {
                codes
                    .entry(code)
                    .or_insert_with(|| format!("{}:{}", file.name, file.line_of(start)));
            }
        }
    }
    codes
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace folder")
}

fn read_crate(name: &str) -> Vec<Source> {
    let root = workspace().join("crates").join(name).join("src");
    sources(&root).iter().map(|p| Source::read(p)).collect()
}

fn all_codes() -> BTreeMap<String, String> {
    let mut server = read_crate("fito-server");
    server.extend(read_crate("fito-core"));
    let mut codes = server_codes(&server);
    let mut libraries = read_crate("fito-geo");
    libraries.extend(read_crate("fito-sign"));
    for (code, at) in library_codes(&libraries) {
        codes.entry(code).or_insert(at);
    }
    codes
}

#[test]
fn the_scan_finds_the_codes_of_every_source() {
    let codes = all_codes();
    for known in [
        "forbidden",
        "internal",
        "auth-required",
        "request-timeout",
        "act-not-found",
        "organization-not-found",
        "object-archived",
        "import-file-image",
        "signature-challenge-used",
        "auth-invalid-credentials",
        "geo-ring-not-closed",
        "geo-repair-ring-closed",
        "sign-bad-signature",
    ] {
        assert!(codes.contains_key(known), "the scan missed {known}");
    }
    assert!(codes.len() > 150, "only {} codes found", codes.len());
}

#[test]
fn every_error_code_has_a_kazakh_russian_and_english_message() {
    let i18n = I18n::load();
    let missing: Vec<String> = all_codes()
        .into_iter()
        .filter_map(|(code, at)| {
            let lacking: Vec<&str> = Lang::ALL
                .into_iter()
                .filter(|&lang| !i18n.has(lang, &code))
                .map(Lang::code)
                .collect();
            (!lacking.is_empty()).then(|| format!("{code} ({at}): no {}", lacking.join(", ")))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "error codes without a message in i18n/{{kk,ru,en}}/*.ftl:\n{}",
        missing.join("\n")
    );
}
