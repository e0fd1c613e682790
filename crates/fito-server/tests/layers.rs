//! The server's two layers stay apart (ARCHITECTURE.md): `app` (use cases) knows
//! nothing of HTTP, nothing outside `http` reaches into it, and handlers leave
//! transactions, the journal and SQL to the layers below.

use std::path::{Path, PathBuf};

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

/// Every `(file, line)` under `dir` whose code contains one of `words`.
fn offending(dir: &str, words: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut hits = Vec::new();
    for file in sources(&root.join(dir)) {
        let text = std::fs::read_to_string(&file).expect("source file");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if words.iter().any(|w| code.contains(w)) {
                hits.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    hits
}

#[test]
fn the_use_case_layer_knows_nothing_of_http() {
    let hits = offending(
        "app",
        &[
            "axum",
            "tower",
            "crate::http",
            "StatusCode",
            "HeaderMap",
            "hyper",
        ],
    );
    assert!(hits.is_empty(), "HTTP in app/:\n{}", hits.join("\n"));
}

#[test]
fn only_http_modules_import_http_modules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut hits = Vec::new();
    for file in sources(&root) {
        if file.starts_with(root.join("http")) {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("source file");
        if text.contains("crate::http") {
            hits.push(file.display().to_string());
        }
    }
    assert!(hits.is_empty(), "crate::http imported by: {hits:?}");
}

#[test]
fn handlers_leave_transactions_the_journal_and_sql_below() {
    let hits = offending(
        "http",
        &[
            ".begin()",
            "audit::append",
            "sea_orm",
            "ActiveModel",
            "ActiveValue",
            "SELECT ",
        ],
    );
    assert!(
        hits.is_empty(),
        "below-the-handler work in http/:\n{}",
        hits.join("\n")
    );
}

/// Handlers parse, call one use case and shape the answer: that fits in 40 lines.
const HANDLER_LINES: usize = 40;

/// Every top-level `async fn` in http/ is a handler, except the route layers (they
/// take `next: Next`) and the server start-up in serve.rs.
#[test]
fn handlers_are_short() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/http");
    let mut long = Vec::new();
    let mut handlers = 0;
    for file in sources(&root) {
        if file.ends_with("serve.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("source file");
        let lines: Vec<&str> = text.lines().collect();
        for (start, line) in lines.iter().enumerate() {
            if !(line.starts_with("pub async fn") || line.starts_with("async fn")) {
                continue;
            }
            let end = (start..lines.len())
                .find(|&j| lines[j] == "}")
                .expect("the function's closing brace");
            if lines[start..end].iter().any(|l| l.contains("next: Next")) {
                continue;
            }
            handlers += 1;
            if end - start + 1 > HANDLER_LINES {
                long.push(format!(
                    "{}:{} ({} lines)",
                    file.display(),
                    start + 1,
                    end - start + 1
                ));
            }
        }
    }
    assert!(
        handlers > 100,
        "found only {handlers} handlers: has the layout changed?"
    );
    assert!(
        long.is_empty(),
        "handlers over {HANDLER_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn no_source_file_is_over_600_lines() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut big = Vec::new();
    for file in sources(&crates) {
        if file.components().any(|c| c.as_os_str() == "target") {
            continue;
        }
        let lines = std::fs::read_to_string(&file)
            .expect("source file")
            .lines()
            .count();
        if lines > 600 {
            big.push(format!("{} ({lines} lines)", file.display()));
        }
    }
    assert!(big.is_empty(), "files over 600 lines:\n{}", big.join("\n"));
}
