//! HTTPS, security headers, CSRF (R-SEC-1): TLS terminated by the server with a
//! certificate made by the real `openssl` at test time, or a trusted proxy's word.

mod common;

use common::TestApp;
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::json;
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A CA and a server certificate for localhost / 127.0.0.1 signed by it, made by openssl.
struct Pki {
    _dir: tempfile::TempDir,
    ca: PathBuf,
    cert: PathBuf,
    key: PathBuf,
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn make_pki() -> Pki {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    let mut ca = vec!["req", "-x509", "-days", "2", "-subj", "/CN=Fito test CA"];
    ca.extend(ec);
    ca.extend([
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    openssl(d, &ca);
    let mut csr = vec!["req", "-subj", "/CN=localhost"];
    csr.extend(ec);
    csr.extend(["-keyout", "server.key", "-out", "server.csr"]);
    openssl(d, &csr);
    std::fs::write(
        d.join("ext.cnf"),
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n",
    )
    .unwrap();
    openssl(
        d,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
            "-out",
            "server.pem",
        ],
    );
    Pki {
        ca: d.join("ca.pem"),
        cert: d.join("server.pem"),
        key: d.join("server.key"),
        _dir: dir,
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `openssl s_client` restricted to one protocol version; answers (connected, output).
fn s_client(port: u16, version_flag: &str) -> (bool, String) {
    let out = Command::new("openssl")
        .args([
            "s_client",
            "-connect",
            &format!("127.0.0.1:{port}"),
            "-servername",
            "localhost",
            version_flag,
            // Let the client offer old versions at all (OpenSSL 3 refuses TLS 1.1 at
            // its default security level): the refusal must come from the server.
            "-cipher",
            "DEFAULT:@SECLEVEL=0",
        ])
        .stdin(Stdio::null())
        .output()
        .expect("openssl s_client runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_sec_1_the_server_terminates_tls_1_2_and_1_3_only_with_hsts_and_redirect() {
    let pki = make_pki();
    let redirect_port = free_port();
    let (cert, key) = (pki.cert.clone(), pki.key.clone());
    let app = TestApp::start_with(Engine::Sqlite, move |c| {
        c.tls.cert = Some(cert);
        c.tls.key = Some(key);
        c.tls.redirect_from = Some(format!("127.0.0.1:{redirect_port}").parse().unwrap());
        // Secure must come from the request being HTTPS, not from this switch.
        c.cookie_secure = false;
    })
    .await;
    let port: u16 = app.base.rsplit(':').next().unwrap().parse().unwrap();
    let ca = reqwest::Certificate::from_pem(&std::fs::read(&pki.ca).unwrap()).unwrap();
    let https = reqwest::Client::builder()
        .add_root_certificate(ca)
        .build()
        .unwrap();
    let base = format!("https://localhost:{port}");

    // An HTTPS request, trusting only the test CA, succeeds and carries HSTS.
    let ready = https.get(format!("{base}/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(
        ready.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
    // Sign-in over HTTPS: both cookies are Secure.
    let login = https
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({ "email": app.admin_email, "password": app.admin_password }))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::OK);
    let cookies: Vec<String> = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_string())
        .collect();
    assert_eq!(cookies.len(), 2, "{cookies:?}");
    assert!(
        cookies.iter().all(|c| c.ends_with("; Secure")),
        "{cookies:?}"
    );

    // Plain HTTP on the TLS port gets no HTTP answer: the handshake fails at its
    // first byte and the connection closes at once (at most a TLS alert is sent).
    let plain = app
        .http
        .get(format!("http://127.0.0.1:{port}/readyz"))
        .timeout(Duration::from_secs(5))
        .send()
        .await;
    match plain {
        Ok(answer) => panic!("plain HTTP was answered {}", answer.status()),
        Err(e) => assert!(!e.is_timeout(), "plain HTTP was left hanging: {e}"),
    }
    let reply = tokio::task::spawn_blocking(move || {
        let mut tcp = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        tcp.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        tcp.write_all(b"GET /readyz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        let mut reply = Vec::new();
        match tcp.read_to_end(&mut reply) {
            Ok(_) => {}
            // A reset is a close too; a timeout is not.
            Err(e) => assert!(
                !matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
                "the connection was left open: {e}"
            ),
        }
        reply
    })
    .await
    .unwrap();
    // 0x15: a TLS alert record.
    assert!(
        reply.is_empty() || reply[0] == 0x15,
        "plain HTTP got bytes that are not a TLS alert: {:?}",
        String::from_utf8_lossy(&reply)
    );
    // TLS 1.1 is refused, 1.2 and 1.3 work.
    let (ok, text) = s_client(port, "-tls1_1");
    assert!(!ok, "TLS 1.1 must be refused:\n{text}");
    assert!(
        !text.contains("no protocols available"),
        "the client did not offer TLS 1.1 at all:\n{text}"
    );
    for (flag, name) in [("-tls1_2", "TLSv1.2"), ("-tls1_3", "TLSv1.3")] {
        let (ok, text) = s_client(port, flag);
        assert!(ok && text.contains(name), "{flag}:\n{text}");
    }

    // The plain-HTTP listener sends every request to the same place over HTTPS.
    let no_follow = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let moved = no_follow
        .get(format!(
            "http://localhost:{redirect_port}/api/v1/users?page=2"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        moved.headers()["location"],
        format!("https://localhost:{port}/api/v1/users?page=2").as_str()
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_sec_1_behind_a_proxy_hsts_and_secure_cookies_follow_only_a_trusted_proxy() {
    for (trusted, believed) in [("127.0.0.0/8", true), ("10.1.2.3", false)] {
        let app = TestApp::start_with(Engine::Sqlite, |c| {
            c.http.behind_proxy = true;
            c.http.trusted_proxies = vec![trusted.to_string()];
            c.cookie_secure = false;
        })
        .await;
        let via_https = app
            .http
            .post(format!("{}/api/v1/auth/login", app.base))
            .header("x-forwarded-proto", "https")
            .json(&json!({ "email": app.admin_email, "password": app.admin_password }))
            .send()
            .await
            .unwrap();
        assert_eq!(via_https.status(), StatusCode::OK);
        assert_eq!(
            via_https
                .headers()
                .contains_key("strict-transport-security"),
            believed,
            "proxy {trusted}"
        );
        let secure = via_https
            .headers()
            .get_all("set-cookie")
            .iter()
            .all(|c| c.to_str().unwrap().contains("; Secure"));
        assert_eq!(secure, believed, "proxy {trusted}");
        // Without the proxy's word the request was plain HTTP: no HSTS.
        let plain = app
            .http
            .get(format!("{}/healthz", app.base))
            .send()
            .await
            .unwrap();
        assert!(!plain.headers().contains_key("strict-transport-security"));
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_sec_1_strict_security_headers_and_the_map_settings() {
    let app = TestApp::start_with(Engine::Sqlite, |c| {
        c.map.tile_url = "https://{s}.tiles.example.kz/osm/{z}/{x}/{y}.png".into();
        c.map.subdomains = vec!["a".into(), "b".into()];
        c.map.attribution = "© OpenStreetMap contributors".into();
        c.map.offline_bulk = true;
    })
    .await;
    // No sign-in needed: the web app reads it before anyone signs in.
    let map = app
        .http
        .get(format!("{}/api/v1/config/map", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(map.status(), StatusCode::OK);
    let h = map.headers().clone();
    let body: serde_json::Value = map.json().await.unwrap();
    assert_eq!(
        body["tile_url"],
        "https://{s}.tiles.example.kz/osm/{z}/{x}/{y}.png"
    );
    assert_eq!(body["attribution"], "© OpenStreetMap contributors");
    assert_eq!(body["subdomains"], json!(["a", "b"]));
    // A self-hosted tile server may be cached for the field (R-MOB-1) …
    assert_eq!(body["offline_bulk"], true);
    let csp = h["content-security-policy"].to_str().unwrap();
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob: https://*.tiles.example.kz",
        "connect-src 'self' https://*.tiles.example.kz",
        "worker-src 'self' blob:",
        // The portal signs through NCALayer on the user's computer.
        "wss://127.0.0.1:13579",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ] {
        assert!(csp.contains(directive), "{directive} missing from {csp}");
    }
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
        "{csp}"
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert_eq!(h["cross-origin-opener-policy"], "same-origin");
    let permissions = h["permissions-policy"].to_str().unwrap();
    for p in ["geolocation=(self)", "camera=()", "microphone=()"] {
        assert!(permissions.contains(p), "{permissions}");
    }
    // Errors carry the same headers.
    let missing = app
        .http
        .get(format!("{}/api/v1/nothing", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(missing.headers().contains_key("content-security-policy"));
    // Plain HTTP to the server itself: no HSTS.
    assert!(!h.contains_key("strict-transport-security"));
    app.stop().await;
}

async fn r_sec_1_cookie_writes_need_the_csrf_token_bearer_writes_do_not(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let url = format!("{}/api/v1/organizations", app.base);
    let cookie = format!("fito_session={}; fito_csrf={}", admin.token, admin.csrf);
    let count = |body: serde_json::Value| body.as_array().map_or(0, Vec::len);
    let before = count(app.get("/api/v1/organizations", &admin.token).await.body);
    assert!(before >= 1, "the root organisation is listed");
    let body = json!({ "parent_id": app.root_org, "name_kk": "Облыс", "name_ru": "Область" });
    let forged = app
        .http
        .post(&url)
        .header("cookie", &cookie)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let problem: serde_json::Value = forged.json().await.unwrap();
    assert_eq!(problem["code"], "auth-csrf-failed");
    assert_eq!(
        count(app.get("/api/v1/organizations", &admin.token).await.body),
        before,
        "the refused write changed nothing"
    );
    // A bearer token cannot be sent by a foreign page: no CSRF token needed.
    let bearer = app.post("/api/v1/organizations", &admin.token, body).await;
    assert_eq!(bearer.status, StatusCode::CREATED, "{}", bearer.body);
    app.stop().await;
}
both_engines!(r_sec_1_cookie_writes_need_the_csrf_token_bearer_writes_do_not);

/// … but OpenStreetMap's own tiles never, whatever the setting: its tile usage policy
/// forbids bulk downloads (R-MOB-1).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_mob_1_openstreetmap_tiles_are_never_offered_for_offline_caching() {
    let app = TestApp::start_with(Engine::Sqlite, |c| c.map.offline_bulk = true).await;
    let body: serde_json::Value = app
        .http
        .get(format!("{}/api/v1/config/map", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        body["tile_url"]
            .as_str()
            .unwrap()
            .contains("tile.openstreetmap.org")
    );
    assert_eq!(body["offline_bulk"], false);
    app.stop().await;
}
