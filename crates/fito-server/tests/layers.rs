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
