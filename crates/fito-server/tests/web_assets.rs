//! The web app served at `/` (R-MOB-1: the PWA and its service worker): files with
//! their types and caching, the single-page fallback, and the API's own 404 under
//! `/api/`. `[web] dir` points the server at a built app folder.

mod common;

use common::TestApp;
use fito_store::Engine;
use reqwest::StatusCode;

/// A built app as `npm run build` leaves it.
fn built_app() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "index.html",
        "<!doctype html><title>Fito</title><script type=module src=/assets/index-3f9a1c2b.js></script>",
    );
    write("assets/index-3f9a1c2b.js", "console.log('fito')");
    write("sw.js", "self.addEventListener('fetch', () => {})");
    write("manifest.webmanifest", "{\"name\":\"Fito\"}");
    dir
}

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    app.http
        .get(format!("{}{}", app.base, path))
        .send()
        .await
        .unwrap()
}

fn header<'a>(r: &'a reqwest::Response, name: &str) -> &'a str {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_mob_1_the_app_is_served_with_a_fallback_and_the_right_caching() {
    let dist = built_app();
    let dir = dist.path().to_path_buf();
    let app = TestApp::start_with(Engine::Sqlite, move |c| c.web.dir = Some(dir)).await;

    let index = get(&app, "/").await;
    assert_eq!(index.status(), StatusCode::OK);
    assert!(header(&index, "content-type").starts_with("text/html"));
    assert_eq!(header(&index, "cache-control"), "no-cache");
    assert!(header(&index, "content-security-policy").contains("script-src 'self'"));
    assert!(index.text().await.unwrap().contains("<title>Fito</title>"));

    // The app's own routes (a deep link, a reload) get index.html.
    for route in [
        "/acts/0190f6a2-0000-7000-8000-000000000001",
        "/field/outbox",
    ] {
        let page = get(&app, route).await;
        assert_eq!(page.status(), StatusCode::OK, "{route}");
        assert_eq!(header(&page, "cache-control"), "no-cache");
        assert!(page.text().await.unwrap().contains("<title>Fito</title>"));
    }

    // Hashed files are kept for a year; the service worker is always revalidated.
    let script = get(&app, "/assets/index-3f9a1c2b.js").await;
    assert_eq!(script.status(), StatusCode::OK);
    assert!(header(&script, "content-type").contains("javascript"));
    assert_eq!(
        header(&script, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    let sw = get(&app, "/sw.js").await;
    assert_eq!(sw.status(), StatusCode::OK);
    assert_eq!(header(&sw, "cache-control"), "no-cache");
    let manifest = get(&app, "/manifest.webmanifest").await;
    assert_eq!(manifest.status(), StatusCode::OK);

    // A missing file is a 404, not the app's HTML (an old client's stale script).
    let stale = get(&app, "/assets/index-00000000.js").await;
    assert_eq!(stale.status(), StatusCode::NOT_FOUND);

    // The API keeps its problem+json 404.
    for path in ["/api/v1/no-such-thing", "/api/nothing", "/ogc/nothing"] {
        let missing = get(&app, path).await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(
            header(&missing, "content-type").starts_with("application/problem+json"),
            "{path}"
        );
        let body: serde_json::Value = missing.json().await.unwrap();
        assert_eq!(body["code"], "not-found");
    }
    // Writing to an app path is not a thing.
    let post = app
        .http
        .post(format!("{}/field/outbox", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
    app.stop().await;
}
