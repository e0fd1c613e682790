//! Bad input gets a clear, translated problem, changes nothing, and never a 500.

mod common;

use fito_store::both_engines;

use common::{TestApp, person};
use fito_store::Engine;
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn bad_bodies_are_refused_with_their_own_code_and_nothing_is_written(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let users_before = app.user_count().await;
    let audit_before = app.audit_count().await;
    let url = format!("{}/api/v1/users", app.base);
    let send = |body: Vec<u8>, content_type: &'static str| {
        let req = app
            .http
            .post(&url)
            .bearer_auth(&admin.token)
            .header("content-type", content_type)
            .header("accept-language", "en")
            .body(body);
        async move {
            let res = req.send().await.unwrap();
            let status = res.status();
            (status, res.json::<serde_json::Value>().await.unwrap())
        }
    };
    let mut valid = person();
    valid["role"] = json!("inspector");
    valid["organization_id"] = json!(app.root_org);

    let (status, body) = send(b"{\"surname\": ".to_vec(), "application/json").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("request-malformed-json"))
    );
    assert!(body["title"].as_str().unwrap().contains("not valid JSON"));

    let mut wrong_type = valid.clone();
    wrong_type["surname"] = json!(42);
    let (status, body) = send(serde_json::to_vec(&wrong_type).unwrap(), "application/json").await;
    assert_eq!(
        (
            status,
            body["code"].as_str(),
            body["params"]["field"].as_str()
        ),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("request-invalid-field"),
            Some("surname")
        )
    );

    let mut unknown = valid.clone();
    unknown["is_superuser"] = json!(true);
    let (_, body) = send(serde_json::to_vec(&unknown).unwrap(), "application/json").await;
    assert_eq!(
        (body["code"].as_str(), body["params"]["field"].as_str()),
        (Some("request-unknown-field"), Some("is_superuser"))
    );

    let mut missing = valid.clone();
    missing.as_object_mut().unwrap().remove("role");
    let (_, body) = send(serde_json::to_vec(&missing).unwrap(), "application/json").await;
    assert_eq!(
        (body["code"].as_str(), body["params"]["field"].as_str()),
        (Some("request-missing-field"), Some("role"))
    );

    let (status, body) = send(serde_json::to_vec(&valid).unwrap(), "text/plain").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Some("request-unsupported-media-type")
        )
    );

    let mut huge = valid.clone();
    huge["surname"] = json!("Ә".repeat(2 * 1024 * 1024));
    let (status, body) = send(serde_json::to_vec(&huge).unwrap(), "application/json").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("request-too-large"))
    );

    let mut long = valid.clone();
    long["surname"] = json!("Ә".repeat(101));
    let (_, body) = send(serde_json::to_vec(&long).unwrap(), "application/json").await;
    assert_eq!(
        (body["code"].as_str(), body["params"]["max"].as_str()),
        (Some("field-too-long"), Some("100"))
    );

    let mut blank = valid.clone();
    blank["first_name"] = json!("   ");
    let (_, body) = send(serde_json::to_vec(&blank).unwrap(), "application/json").await;
    assert_eq!(body["code"], "field-required");

    for (field, value, code) in [
        ("email", "not-an-email", "email-invalid"),
        ("phone", "call me", "phone-invalid"),
        ("role", "root", "role-unknown"),
    ] {
        let mut bad = valid.clone();
        bad[field] = json!(value);
        let (status, body) = send(serde_json::to_vec(&bad).unwrap(), "application/json").await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(code)),
            "{field}"
        );
    }
    let (_, body) = send(vec![0xff, 0xfe, 0x00, 0x41], "application/json").await;
    assert_eq!(body["code"], "request-malformed-json");

    assert_eq!(app.user_count().await, users_before, "no user was written");
    assert_eq!(
        app.audit_count().await,
        audit_before,
        "no journal line for refused input"
    );
    app.stop().await;
}
both_engines!(bad_bodies_are_refused_with_their_own_code_and_nothing_is_written);

async fn unknown_routes_methods_and_query_values_get_problems(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let missing = app.get("/api/v1/nothing-here", &admin.token).await;
    assert_eq!(
        (missing.status, missing.code()),
        (StatusCode::NOT_FOUND, "not-found")
    );
    assert_eq!(missing.headers["content-language"], "kk");
    let method = app
        .call(
            reqwest::Method::DELETE,
            "/api/v1/users",
            Some(&admin.token),
            None,
        )
        .await;
    assert_eq!(
        (method.status, method.code()),
        (StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed")
    );
    let query = app.get("/api/v1/users?limit=lots", &admin.token).await;
    assert_eq!(
        (
            query.status,
            query.code(),
            query.body["params"]["param"].as_str()
        ),
        (
            StatusCode::BAD_REQUEST,
            "request-invalid-query",
            Some("limit")
        )
    );
    let bad_id = app.get("/api/v1/users/not-a-uuid", &admin.token).await;
    assert_eq!(bad_id.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad_id.headers["content-type"], "application/problem+json");
    let no_user = app
        .get(
            &format!("/api/v1/users/{}", uuid::Uuid::now_v7()),
            &admin.token,
        )
        .await;
    assert_eq!(
        (no_user.status, no_user.code()),
        (StatusCode::NOT_FOUND, "user-not-found")
    );
    app.stop().await;
}
both_engines!(unknown_routes_methods_and_query_values_get_problems);

async fn r_user_4_nothing_is_served_without_signing_in(engine: Engine) {
    let app = TestApp::start(engine).await;
    let openapi = app
        .call(reqwest::Method::GET, "/api/openapi.json", None, None)
        .await;
    for (path, item) in openapi.body["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let action = op["x-fito-action"]
                .as_str()
                .expect("every operation names its permission");
            let concrete = path.replace("{id}", &uuid::Uuid::now_v7().to_string());
            let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let a = app.call(m, &concrete, None, Some(json!({}))).await;
            if action == "public" {
                assert_ne!(
                    a.status,
                    StatusCode::UNAUTHORIZED,
                    "{method} {path} is public"
                );
            } else {
                assert_eq!(
                    (a.status, a.code()),
                    (StatusCode::UNAUTHORIZED, "auth-required"),
                    "{method} {path}"
                );
            }
        }
    }
    app.stop().await;
}
both_engines!(r_user_4_nothing_is_served_without_signing_in);

async fn r_ops_2_health_and_readiness_answer(engine: Engine) {
    let app = TestApp::start(engine).await;
    let health = app.call(reqwest::Method::GET, "/healthz", None, None).await;
    assert_eq!(
        (health.status, health.body["status"].as_str()),
        (StatusCode::OK, Some("ok"))
    );
    let ready = app.call(reqwest::Method::GET, "/readyz", None, None).await;
    assert_eq!(
        (ready.status, ready.body["status"].as_str()),
        (StatusCode::OK, Some("ready"))
    );
    assert!(health.headers.contains_key("x-request-id"));
    assert_eq!(health.headers["x-content-type-options"], "nosniff");
    app.stop().await;
}
both_engines!(r_ops_2_health_and_readiness_answer);

async fn r_sec_1_sign_in_attempts_are_limited_per_address(engine: Engine) {
    let app = TestApp::start_with(engine, |c| {
        c.rate_limit.enabled = true;
        c.rate_limit.sign_in_per_minute = 1;
        c.rate_limit.sign_in_burst = 3;
    })
    .await;
    let attempt = || {
        app.call_with(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({ "email": "nobody@fito.kz", "password": "wrong password" })),
            &[("accept-language", "ru")],
        )
    };
    for _ in 0..3 {
        assert_eq!(attempt().await.status, StatusCode::UNAUTHORIZED);
    }
    let limited = attempt().await;
    assert_eq!(
        (limited.status, limited.code()),
        (StatusCode::TOO_MANY_REQUESTS, "rate-limited")
    );
    assert!(
        limited.title().contains("Слишком много запросов"),
        "{}",
        limited.body
    );
    assert!(
        limited.headers["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
    // Other endpoints are still open to this address.
    assert_eq!(
        app.call(Method::GET, "/healthz", None, None).await.status,
        StatusCode::OK
    );
    app.stop().await;
}
both_engines!(r_sec_1_sign_in_attempts_are_limited_per_address);
