//! One contract between the server and the web app: the OpenAPI document the server
//! builds is checked in as `web/src/api/openapi.json`, and the web app's TypeScript
//! types are generated from that file (`npm run api:types`). A change to the API that
//! is not carried into the checked-in file fails here; `FITO_UPDATE_CONTRACT=1` writes it.

use serde_json::{Map, Value};
use std::path::Path;

/// The same document in the same text whatever order the maps were built in.
fn canonical(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            let mut sorted = Map::new();
            for (key, value) in entries {
                sorted.insert(key, canonical(value));
            }
            Value::Object(sorted)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        other => other,
    }
}

fn document() -> String {
    let (_, api) = fito_server::http::routes();
    let value = serde_json::to_value(&api).expect("the OpenAPI document is JSON");
    let mut text = serde_json::to_string_pretty(&canonical(value)).expect("JSON text");
    text.push('\n');
    text
}

#[test]
fn the_checked_in_openapi_document_is_the_servers() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/src/api/openapi.json");
    let built = document();
    if std::env::var_os("FITO_UPDATE_CONTRACT").is_some_and(|v| v == "1") {
        std::fs::write(&path, &built).expect("write web/src/api/openapi.json");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    if checked_in != built {
        let first = checked_in
            .lines()
            .zip(built.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| checked_in.lines().count().min(built.lines().count()));
        panic!(
            "web/src/api/openapi.json differs from the server's OpenAPI document \
             (first at line {}).\nUpdate it and the web app's types with:\n  \
             FITO_UPDATE_CONTRACT=1 cargo test -p fito-server --test contract\n  \
             cd web && npm run api:types",
            first + 1
        );
    }
}

/// Every operation of the document, with its path and method.
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            found.push((path.clone(), method.clone(), op.clone()));
        }
    }
    found
}

#[test]
fn operation_ids_are_unique_so_clients_can_key_by_them() {
    let doc: Value = serde_json::from_str(&document()).expect("JSON");
    let mut seen = std::collections::HashMap::new();
    for (path, method, op) in operations(&doc) {
        let id = op["operationId"]
            .as_str()
            .expect("an operation id")
            .to_string();
        if let Some(other) = seen.insert(id.clone(), format!("{method} {path}")) {
            panic!("operation id {id} names both {other} and {method} {path}");
        }
    }
    assert!(seen.len() > 80, "only {} operations", seen.len());
}

#[test]
fn path_parameters_are_in_the_path_and_query_parameters_are_not() {
    let doc: Value = serde_json::from_str(&document()).expect("JSON");
    for (path, method, op) in operations(&doc) {
        for p in op["parameters"].as_array().into_iter().flatten() {
            let name = p["name"].as_str().expect("a parameter name");
            let in_path = path.contains(&format!("{{{name}}}"));
            assert_eq!(
                p["in"] == "path",
                in_path,
                "{method} {path}: parameter {name} is documented in {}",
                p["in"]
            );
        }
    }
}

/// Two API types under one schema name would silently become one in the document
/// (the second overwrites the first), and the web app would get the wrong shape.
#[test]
fn every_schema_name_belongs_to_one_type() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut owners: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut stack = vec![root.join("fito-server/src"), root.join("fito-core/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("source file");
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                if !(line.starts_with("#[derive(") && line.contains("ToSchema")) {
                    continue;
                }
                let mut alias = None;
                for next in &lines[i + 1..] {
                    let next = next.trim();
                    if let Some(rest) = next.strip_prefix("#[schema(as = ") {
                        alias = rest.split([')', ',']).next().map(str::to_owned);
                    } else if !next.starts_with("#[") && !next.starts_with("///") {
                        let name = next
                            .split_whitespace()
                            .skip_while(|w| !matches!(*w, "struct" | "enum"))
                            .nth(1)
                            .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()));
                        if let Some(name) = alias.clone().or(name.map(str::to_owned)) {
                            owners
                                .entry(name)
                                .or_default()
                                .push(path.display().to_string());
                        }
                        break;
                    }
                }
            }
        }
    }
    assert!(owners.len() > 50, "the scan found the API types");
    let shared: Vec<String> = owners
        .into_iter()
        .filter(|(_, files)| files.len() > 1)
        .map(|(name, files)| format!("{name}: {}", files.join(", ")))
        .collect();
    assert!(
        shared.is_empty(),
        "schema names used twice:\n{}",
        shared.join("\n")
    );
}
