//! Technical data (R-TECH-1, R-OPS-2): the log holds one JSON line per request with
//! the fields docs/LOGS.md lists, and nothing personal — no bodies, e-mails, IINs,
//! names, passwords or tokens — even at FITO_LOG=debug.

mod support;

use serde_json::{Value, json};
use std::collections::BTreeSet;
use support::{Api, Server, person};

/// The fields of an access line (docs/LOGS.md).
const ACCESS_FIELDS: &[&str] = &[
    "message",
    "request_id",
    "method",
    "route",
    "status",
    "latency_ms",
    "user_id",
    "device_id",
    "ip",
    "os",
    "app_version",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_tech_1_logs_hold_the_listed_fields_and_no_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("stderr.log");
    let data = dir.path().join("data");
    let server = Server::start(
        &[
            ("FITO_DATA_DIR", data.to_str().unwrap()),
            ("FITO_LOG", "debug"),
        ],
        Some(&log),
    );
    let (email, one_time) = server.first_admin();
    let api = Api::new(&server.base);
    let password = "a very personal password";
    let token = api.first_sign_in(&email, &one_time, password).await;
    let (_, roots) = api.get("/api/v1/organizations", &token).await;
    let root = roots[0]["id"].as_str().unwrap().to_string();
    let mut someone = person("logs.secret.person", 77);
    someone["role"] = json!("inspector");
    someone["organization_id"] = json!(root);
    someone["surname"] = json!("Жасырынбаева");
    let (status, created) = api
        .post("/api/v1/users", Some(&token), someone.clone())
        .await;
    assert_eq!(status, 201, "{created}");
    let one_time_password = created["one_time_password"].as_str().unwrap().to_string();
    // Personal data in a query string (refused, but logged without it).
    let (status, _) = api
        .get(
            &format!("/api/v1/users?email={}", someone["email"].as_str().unwrap()),
            &token,
        )
        .await;
    assert!((400..500).contains(&status));
    // The mobile app's technical headers.
    let search = api
        .http
        .get(format!("{}/api/v1/users", server.base))
        .bearer_auth(&token)
        .header("x-device-id", "device-42")
        .header("x-os", "Android 14")
        .header("x-app-version", "1.2.3")
        .send()
        .await
        .unwrap();
    assert_eq!(search.status().as_u16(), 200);
    // A refused sign-in with a wrong password.
    let (status, _) = api
        .post(
            "/api/v1/auth/login",
            None,
            json!({ "email": someone["email"], "password": "wrong guess 12345" }),
        )
        .await;
    assert_eq!(status, 401);
    server.kill();

    let text = std::fs::read_to_string(&log).unwrap();
    for secret in [
        someone["email"].as_str().unwrap(),
        someone["iin"].as_str().unwrap(),
        "Жасырынбаева",
        "+7 701 555 12 34",
        password,
        &one_time,
        &one_time_password,
        "wrong guess 12345",
        &token,
        &email,
    ] {
        assert!(!text.contains(secret), "the log holds {secret}:\n{text}");
    }
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not a JSON line: {l}")))
        .collect();
    let access: Vec<&Value> = lines
        .iter()
        .filter(|l| l["target"] == "fito::access")
        .collect();
    assert!(access.len() >= 5, "{text}");
    let allowed: BTreeSet<&str> = ACCESS_FIELDS.iter().copied().collect();
    for line in &access {
        for key in line["fields"].as_object().unwrap().keys() {
            assert!(
                allowed.contains(key.as_str()),
                "unlisted field {key}: {line}"
            );
        }
        assert_eq!(
            line.as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect::<BTreeSet<_>>(),
            ["fields", "level", "target", "timestamp"]
                .into_iter()
                .collect()
        );
    }
    let mobile = access
        .iter()
        .find(|l| l["fields"]["device_id"] == "device-42")
        .expect("the mobile request is logged");
    let f = &mobile["fields"];
    assert_eq!(f["route"], "/api/v1/users");
    assert_eq!(f["method"], "GET");
    assert_eq!(f["status"], 200);
    assert_eq!(
        (f["os"].as_str(), f["app_version"].as_str()),
        (Some("Android 14"), Some("1.2.3"))
    );
    assert_eq!(f["ip"], "127.0.0.1");
    assert!(f["user_id"].as_str().is_some_and(|u| u.len() == 36));
    assert!(f["request_id"].as_str().is_some_and(|r| r.len() == 36));
    assert!(f["latency_ms"].is_number());
}
