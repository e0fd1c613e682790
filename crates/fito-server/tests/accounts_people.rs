//! People's accounts (R-USER-1..3, R-PD-2, R-ORG-1): administrators create people
//! with every field, self-registration waits for activation, IINs are checked,
//! deactivation ends sessions, and people see only their subtree.

mod common;

use common::{TestApp, iin_born, iin_born_2000s, person};
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn r_user_2_self_registration_waits_for_an_administrator(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let region = app.create_org(&admin, &app.root_org, "Ақмола облысы").await;
    let mut body = person();
    body["password"] = json!("my own long password");
    body["organization_id"] = json!(region);
    let email = body["email"].as_str().unwrap().to_string();
    let reg = app
        .call(Method::POST, "/api/v1/register", None, Some(body))
        .await;
    assert_eq!(reg.status, StatusCode::CREATED, "{}", reg.body);
    assert_eq!(
        (reg.body["status"].as_str(), reg.body["role"].as_str()),
        (Some("pending"), None)
    );
    let id = reg.body["id"].as_str().unwrap();
    let pending = app.login(&email, "my own long password").await;
    assert_eq!(
        (pending.status, pending.code()),
        (StatusCode::FORBIDDEN, "auth-account-pending")
    );
    let pending_list = app.get("/api/v1/users?status=pending", &admin.token).await;
    assert!(
        pending_list
            .body
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["id"] == id)
    );
    let bad_role = app
        .post(
            &format!("/api/v1/users/{id}/activate"),
            &admin.token,
            json!({ "role": "superuser" }),
        )
        .await;
    assert_eq!(bad_role.code(), "role-unknown");
    let activated = app
        .post(
            &format!("/api/v1/users/{id}/activate"),
            &admin.token,
            json!({ "role": "inspector" }),
        )
        .await;
    assert_eq!(activated.status, StatusCode::OK, "{}", activated.body);
    assert_eq!(
        (
            activated.body["status"].as_str(),
            activated.body["role"].as_str()
        ),
        (Some("active"), Some("inspector"))
    );
    assert_eq!(activated.body["organization_id"], region.as_str());
    let again = app
        .post(
            &format!("/api/v1/users/{id}/activate"),
            &admin.token,
            json!({ "role": "inspector" }),
        )
        .await;
    assert_eq!(again.code(), "user-already-active");
    let ok = app.login(&email, "my own long password").await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(
        ok.body["user"]["must_change_password"], false,
        "a password the person chose is not one-time"
    );
    app.stop().await;
}
both_engines!(r_user_2_self_registration_waits_for_an_administrator);

async fn r_user_3_invalid_iin_and_minors_are_refused_in_the_callers_language(engine: Engine) {
    let app = TestApp::start(engine).await;
    let users_before = app.user_count().await;
    let audit_before = app.audit_count().await;
    let register = |iin: String, lang: &'static str| {
        let mut body = person();
        body["iin"] = json!(iin);
        body["password"] = json!("my own long password");
        let app = &app;
        async move {
            app.call_with(
                Method::POST,
                "/api/v1/register",
                None,
                Some(body),
                &[("accept-language", lang)],
            )
            .await
        }
    };
    let mut bad_checksum = iin_born("900101");
    let last = bad_checksum.pop().unwrap().to_digit(10).unwrap();
    bad_checksum.push(char::from_digit((last + 1) % 10, 10).unwrap());
    let kk = register(bad_checksum.clone(), "kk").await;
    assert_eq!(
        (kk.status, kk.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "iin-checksum")
    );
    assert!(kk.title().contains("ЖСН"), "{}", kk.title());
    let ru = register(bad_checksum.clone(), "ru-RU,ru;q=0.9").await;
    assert!(ru.title().contains("ИИН недействителен"), "{}", ru.title());
    let en = register(bad_checksum, "en").await;
    assert!(en.title().contains("check digit"), "{}", en.title());
    assert_eq!(en.headers["content-type"], "application/problem+json");

    // Born 2010-05-01: a minor in 2026.
    let minor = register(iin_born_2000s("100501"), "en").await;
    assert_eq!(
        (minor.status, minor.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "iin-underage")
    );
    assert!(minor.title().contains("18"));
    let short = register("12345".into(), "kk").await;
    assert_eq!(short.code(), "iin-format");
    assert_eq!(app.user_count().await, users_before, "nothing was written");
    assert_eq!(app.audit_count().await, audit_before);
    app.stop().await;
}
both_engines!(r_user_3_invalid_iin_and_minors_are_refused_in_the_callers_language);

async fn r_user_1_administrator_creates_people_with_every_field(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let region = app
        .create_org(&admin, &app.root_org, "Қостанай облысы")
        .await;
    let mut body = person();
    body["role"] = json!("head");
    body["organization_id"] = json!(region);
    let created = app.post("/api/v1/users", &admin.token, body.clone()).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let user = &created.body["user"];
    for field in [
        "surname",
        "first_name",
        "patronymic",
        "email",
        "iin",
        "position",
    ] {
        assert_eq!(user[field], body[field], "{field}");
    }
    assert_eq!(user["phone"], "+77015551234", "phone is normalised");
    assert_eq!(
        (user["role"].as_str(), user["status"].as_str()),
        (Some("head"), Some("active"))
    );
    assert!(user["certificate"].is_null(), "no e-signature used yet");
    let id = user["id"].as_str().unwrap();
    let read = app.get(&format!("/api/v1/users/{id}"), &admin.token).await;
    assert_eq!(read.body["iin"], body["iin"]);

    let mut same_email = body.clone();
    same_email["iin"] = json!(iin_born("750607"));
    let same_email = app.post("/api/v1/users", &admin.token, same_email).await;
    assert_eq!(
        (same_email.status, same_email.code()),
        (StatusCode::CONFLICT, "email-taken")
    );
    let mut same_iin = body.clone();
    same_iin["email"] = json!("other.person@fito.kz");
    assert_eq!(
        app.post("/api/v1/users", &admin.token, same_iin)
            .await
            .code(),
        "iin-taken"
    );

    let patched = app
        .call(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&admin.token),
            Some(json!({ "position": "Басқарма басшысы", "phone": "8 (702) 000 11 22" })),
        )
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!(
        (
            patched.body["position"].as_str(),
            patched.body["phone"].as_str()
        ),
        (Some("Басқарма басшысы"), Some("+77020001122"))
    );
    let role = app
        .call(
            Method::PUT,
            &format!("/api/v1/users/{id}/role"),
            Some(&admin.token),
            Some(json!({ "role": "operator" })),
        )
        .await;
    assert_eq!(role.body["role"], "operator");
    let own = app
        .call(
            Method::PUT,
            &format!("/api/v1/users/{}/role", admin.user_id),
            Some(&admin.token),
            Some(json!({ "role": "operator" })),
        )
        .await;
    assert_eq!(own.code(), "user-cannot-change-own-role");
    app.stop().await;
}
both_engines!(r_user_1_administrator_creates_people_with_every_field);

async fn r_pd_2_deactivation_blocks_sign_in_and_ends_sessions(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    assert_eq!(
        app.get("/api/v1/me", &inspector.token).await.status,
        StatusCode::OK
    );
    let done = app
        .post(
            &format!("/api/v1/users/{}/deactivate", inspector.user_id),
            &admin.token,
            json!({}),
        )
        .await;
    assert_eq!(
        (done.status, done.body["status"].as_str()),
        (StatusCode::OK, Some("deactivated"))
    );
    assert_eq!(
        app.get("/api/v1/me", &inspector.token).await.status,
        StatusCode::UNAUTHORIZED
    );
    let login = app.login(&inspector.email, &inspector.password).await;
    assert_eq!(
        (login.status, login.code()),
        (StatusCode::FORBIDDEN, "auth-account-deactivated")
    );
    let own = app
        .post(
            &format!("/api/v1/users/{}/deactivate", admin.user_id),
            &admin.token,
            json!({}),
        )
        .await;
    assert_eq!(own.code(), "user-cannot-deactivate-self");
    // Reactivation restores access; the data was kept.
    let back = app
        .post(
            &format!("/api/v1/users/{}/activate", inspector.user_id),
            &admin.token,
            json!({ "role": "inspector" }),
        )
        .await;
    assert_eq!(back.status, StatusCode::OK);
    assert_eq!(
        app.login(&inspector.email, &inspector.password)
            .await
            .status,
        StatusCode::OK
    );
    app.stop().await;
}
both_engines!(r_pd_2_deactivation_blocks_sign_in_and_ends_sessions);

async fn r_org_1_people_see_their_subtree_and_never_a_siblings(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let north = app.create_org(&admin, &app.root_org, "Солтүстік").await;
    let north_district = app.create_org(&admin, &north, "Аудан").await;
    let south = app.create_org(&admin, &app.root_org, "Оңтүстік").await;
    let head_north = app.create_user(&admin, "head", &north).await;
    let inspector_district = app.create_user(&admin, "inspector", &north_district).await;
    let inspector_south = app.create_user(&admin, "inspector", &south).await;

    let seen = app.get("/api/v1/users", &head_north.token).await;
    let ids: Vec<&str> = seen
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["id"].as_str())
        .collect();
    assert!(ids.contains(&inspector_district.user_id.as_str()));
    assert!(!ids.contains(&inspector_south.user_id.as_str()));
    let sibling = app
        .get(
            &format!("/api/v1/users/{}", inspector_south.user_id),
            &head_north.token,
        )
        .await;
    assert_eq!(
        (sibling.status, sibling.code()),
        (StatusCode::NOT_FOUND, "user-not-found")
    );
    let orgs = app.get("/api/v1/organizations", &head_north.token).await;
    let org_ids: Vec<&str> = orgs
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["id"].as_str())
        .collect();
    assert_eq!(org_ids.len(), 2);
    assert!(org_ids.contains(&north.as_str()) && org_ids.contains(&north_district.as_str()));
    assert_eq!(
        app.get(&format!("/api/v1/organizations/{south}"), &head_north.token)
            .await
            .code(),
        "organization-not-found"
    );
    // A regional administrator manages only their region.
    let admin_north = app.create_user(&admin, "administrator", &north).await;
    let outside = app
        .post(
            &format!("/api/v1/users/{}/deactivate", inspector_south.user_id),
            &admin_north.token,
            json!({}),
        )
        .await;
    assert_eq!(outside.status, StatusCode::NOT_FOUND);
    let mut body = person();
    body["role"] = json!("inspector");
    body["organization_id"] = json!(south);
    assert_eq!(
        app.post("/api/v1/users", &admin_north.token, body)
            .await
            .code(),
        "organization-not-found"
    );
    app.stop().await;
}
both_engines!(r_org_1_people_see_their_subtree_and_never_a_siblings);
