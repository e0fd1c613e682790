//! Sign-in and act signing with the NCA RK e-signature (R-AUTH-2, R-AUTH-3,
//! R-AUTH-4, R-ACT-2, R-ACT-3), against a test PKI in NCA's profile: RSA made by the
//! real openssl, GOST R 34.10-2015 512 by fito-sign's testkit.

mod common;

use common::pki::{self, Kind, Pki, b64};
use common::{Answer, Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn challenge(app: &TestApp) -> (String, Vec<u8>) {
    use base64::Engine;
    let a = app
        .call(
            Method::POST,
            "/api/v1/auth/challenge",
            None,
            Some(json!({})),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(a.body["challenge"].as_str().unwrap())
        .unwrap();
    (a.body["challenge_id"].as_str().unwrap().to_string(), bytes)
}

async fn sign_in(app: &TestApp, id: &str, cms: &[u8], lang: &str) -> Answer {
    app.call_with(
        Method::POST,
        "/api/v1/auth/login/signature",
        None,
        Some(json!({ "challenge_id": id, "cms": b64(cms) })),
        &[("accept-language", lang)],
    )
    .await
}

async fn r_auth_2_a_legal_entity_signs_in_once_per_challenge(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    let iin = app.iin_of(&inspector).await;
    let pki = Pki::shared();
    // NCALayer signs the challenge with the sign-in (AUTH) key of an RSA set.
    let leaf = pki.leaf(&iin, Kind::LegalAuth, None);
    let (id, bytes) = challenge(&app).await;
    let cms = pki.sign(&leaf, &bytes, false);
    let a = sign_in(&app, &id, &cms, "kk").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body["user"]["id"], inspector.user_id.as_str());
    // The certificate's details are kept on the user (R-USER-1).
    let token = a.body["token"].as_str().unwrap();
    let me = app.get("/api/v1/me", token).await;
    assert_eq!(me.body["certificate"]["bin"], "123456789021", "{}", me.body);
    assert!(
        me.body["certificate"]["issuer"]
            .as_str()
            .unwrap()
            .contains("FITO-TEST-NCA")
    );
    // The same signature again: the challenge is used up.
    let replay = sign_in(&app, &id, &cms, "en").await;
    assert_eq!(
        (replay.status, replay.code()),
        (StatusCode::UNAUTHORIZED, "signature-challenge-used")
    );
    // A signature over something else than this challenge.
    let (other, _) = challenge(&app).await;
    let wrong = sign_in(
        &app,
        &other,
        &pki.sign(&leaf, b"not the challenge", false),
        "en",
    )
    .await;
    assert_eq!(wrong.code(), "signature-wrong-challenge");
    // Unknown challenge, garbage: clear refusals, never a 500.
    let unknown = sign_in(&app, &uuid::Uuid::now_v7().to_string(), &cms, "en").await;
    assert_eq!(unknown.code(), "signature-challenge-unknown");
    let (id, _) = challenge(&app).await;
    let garbage = sign_in(&app, &id, b"\x30\x82\x01\x00garbage", "en").await;
    assert_eq!(
        (garbage.status, garbage.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "sign-malformed-input")
    );
    let (id, _) = challenge(&app).await;
    let not_b64 = app
        .call(
            Method::POST,
            "/api/v1/auth/login/signature",
            None,
            Some(json!({ "challenge_id": id, "cms": "%%%" })),
        )
        .await;
    assert_eq!(not_b64.code(), "sign-malformed-input");
    // Every attempt is in the journal.
    let journal = app
        .get(
            "/api/v1/audit?action=auth.login.signature&limit=50",
            &admin.token,
        )
        .await;
    let outcomes: Vec<&str> = journal
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["outcome"].as_str().unwrap())
        .collect();
    assert!(
        outcomes.contains(&"ok") && outcomes.contains(&"signature-challenge-used"),
        "{outcomes:?}"
    );
    app.stop().await;
}
both_engines!(r_auth_2_a_legal_entity_signs_in_once_per_challenge);

async fn r_auth_4_individual_expired_foreign_and_unknown_people_are_refused_each_in_their_words(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    let iin = app.iin_of(&inspector).await;
    let pki = Pki::shared();
    let cases: Vec<(pki::Leaf, &str, &str)> = vec![
        (
            pki.leaf(&iin, Kind::Individual, None),
            "sign-individual-certificate",
            "физического лица",
        ),
        (
            pki.leaf(
                &iin,
                Kind::LegalAuth,
                Some(("200101000000Z", "210101000000Z")),
            ),
            "sign-certificate-expired",
            "истёк",
        ),
        (
            Pki::new("FOREIGN-CA").leaf(&iin, Kind::LegalAuth, None),
            "sign-untrusted-chain",
            "НУЦ РК",
        ),
        (
            pki.leaf("123456789011", Kind::LegalAuth, None),
            "signature-no-user",
            "ИИН",
        ),
    ];
    for (leaf, code, words) in cases {
        let (id, bytes) = challenge(&app).await;
        let a = sign_in(&app, &id, &pki.sign(&leaf, &bytes, false), "ru").await;
        assert_eq!(a.code(), code, "{}", a.body);
        assert!(a.title().contains(words), "{}", a.body);
        assert!(a.status.is_client_error());
    }
    // A deactivated account does not sign in with its certificate either.
    let leaf = pki.leaf(&iin, Kind::LegalAuth, None);
    let off = app
        .post(
            &format!("/api/v1/users/{}/deactivate", inspector.user_id),
            &admin.token,
            json!({}),
        )
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    let (id, bytes) = challenge(&app).await;
    assert_eq!(
        sign_in(&app, &id, &pki.sign(&leaf, &bytes, false), "kk")
            .await
            .code(),
        "auth-account-deactivated"
    );
    app.stop().await;
}
both_engines!(
    r_auth_4_individual_expired_foreign_and_unknown_people_are_refused_each_in_their_words
);

/// A test PKI of its own, so that revoking touches nobody else.
async fn r_auth_2_a_revoked_certificate_is_refused_and_no_crl_means_no_sign_in(engine: Engine) {
    let own = Pki::new("FITO-REVOKING-CA");
    let iin = common::iin_born("850101");
    let leaf = own.leaf(&iin, Kind::LegalAuth, None);
    own.revoke(&leaf);
    let app = TestApp::start_with(engine, |c| {
        c.signature.ca_files = vec![own.ca()];
        c.signature.crl_files = vec![own.crl()];
    })
    .await;
    let admin = app.admin().await;
    app.user_with_iin(&admin, &iin).await;
    let (id, bytes) = challenge(&app).await;
    let a = sign_in(&app, &id, &own.sign(&leaf, &bytes, false), "kk").await;
    assert_eq!(a.code(), "sign-certificate-revoked", "{}", a.body);
    // A fresh certificate of the same person is fine.
    let fresh = own.leaf(&iin, Kind::LegalAuth, None);
    let (id, bytes) = challenge(&app).await;
    let a = sign_in(&app, &id, &own.sign(&fresh, &bytes, false), "kk").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    app.stop().await;
    // Without a CRL, revocation cannot be established: refused by default.
    let app = TestApp::start_with(engine, |c| {
        c.signature.ca_files = vec![own.ca()];
        c.signature.crl_files = vec![];
    })
    .await;
    let (id, bytes) = challenge(&app).await;
    let a = sign_in(&app, &id, &own.sign(&fresh, &bytes, false), "en").await;
    assert_eq!(a.code(), "sign-revocation-unknown", "{}", a.body);
    app.stop().await;
}
both_engines!(r_auth_2_a_revoked_certificate_is_refused_and_no_crl_means_no_sign_in);

async fn r_auth_2_without_nca_certificates_the_server_says_it_is_not_set_up(engine: Engine) {
    let app = TestApp::start_with(engine, |c| {
        c.signature.ca_files = vec![];
        c.signature.crl_files = vec![];
    })
    .await;
    let a = app
        .call(
            Method::POST,
            "/api/v1/auth/challenge",
            None,
            Some(json!({})),
        )
        .await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::SERVICE_UNAVAILABLE, "signature-not-configured")
    );
    app.stop().await;
}
both_engines!(r_auth_2_without_nca_certificates_the_server_says_it_is_not_set_up);

/// An approved act of a fresh team: (inspector, head, act).
async fn approved_act(app: &TestApp) -> (Caller, Caller, Value) {
    let admin = app.admin().await;
    let head = app.create_user(&admin, "head", &app.root_org).await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    let act = app.approved_act(&inspector, &head).await;
    (inspector, head, act)
}

async fn pdf_of(app: &TestApp, who: &Caller, id: &str) -> Vec<u8> {
    app.http
        .get(format!("{}/api/v1/acts/{id}/pdf", app.base))
        .bearer_auth(&who.token)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec()
}

async fn r_act_2_the_inspector_signs_the_act_pdf_and_openssl_verifies_what_is_kept(engine: Engine) {
    let app = TestApp::start(engine).await;
    let (inspector, head, act) = approved_act(&app).await;
    let id = act["id"].as_str().unwrap().to_string();
    // The PDF was fixed at approval: it is the same on every download.
    let pdf = pdf_of(&app, &inspector, &id).await;
    assert_eq!(pdf_of(&app, &head, &id).await, pdf);
    let pki = Pki::shared();
    let sign = |leaf: &pki::Leaf, bytes: &[u8]| json!({ "version": act["version"], "cms": b64(&pki.sign(leaf, bytes, true)) });
    let mine = pki.leaf(&app.iin_of(&inspector).await, Kind::LegalSigning, None);
    let path = format!("/api/v1/acts/{id}/sign");
    // Someone else's certificate, a signature over other bytes, the sign-in key.
    let stranger = pki.leaf(&common::iin_born("900202"), Kind::LegalSigning, None);
    assert_eq!(
        app.post(&path, &inspector.token, sign(&stranger, &pdf))
            .await
            .code(),
        "signature-not-the-inspector"
    );
    assert_eq!(
        app.post(
            &path,
            &inspector.token,
            sign(&mine, b"%PDF-1.7 another act")
        )
        .await
        .code(),
        "sign-digest-mismatch"
    );
    let auth_key = pki.leaf(&app.iin_of(&inspector).await, Kind::LegalAuth, None);
    assert_eq!(
        app.post(&path, &inspector.token, sign(&auth_key, &pdf))
            .await
            .code(),
        "sign-wrong-key-purpose"
    );
    let signed = app.post(&path, &inspector.token, sign(&mine, &pdf)).await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    assert_eq!(signed.body["status"], "signed");
    // Who signed, with which certificate, and that it still verifies.
    let info = app
        .get(&format!("/api/v1/acts/{id}/signature"), &head.token)
        .await;
    assert_eq!(info.body["verifies"], true, "{}", info.body);
    assert_eq!(
        info.body["signer_iin"].as_str(),
        Some(app.iin_of(&inspector).await.as_str())
    );
    assert!(info.body["algorithm"].as_str().unwrap().starts_with("RSA"));
    // The kept .p7s verifies with openssl over the kept PDF.
    let p7s = app
        .http
        .get(format!("{}/api/v1/acts/{id}/signature.p7s", app.base))
        .bearer_auth(&head.token)
        .send()
        .await
        .unwrap();
    assert_eq!(p7s.headers()["content-type"], "application/pkcs7-signature");
    let p7s = p7s.bytes().await.unwrap().to_vec();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("act.pdf"), pdf_of(&app, &head, &id).await).unwrap();
    std::fs::write(dir.path().join("act.p7s"), &p7s).unwrap();
    let out = std::process::Command::new("openssl")
        .args([
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            "act.p7s",
            "-content",
            "act.pdf",
            "-purpose",
            "any",
            "-out",
            "/dev/null",
            "-CAfile",
        ])
        .arg(pki.ca())
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openssl cms -verify: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Signed for good: signing again is refused and journalled.
    let again = app
        .post(
            &path,
            &inspector.token,
            json!({ "version": signed.body["version"], "cms": b64(&p7s) }),
        )
        .await;
    assert_eq!(again.code(), "act-step-not-allowed");
    app.stop().await;
}
both_engines!(r_act_2_the_inspector_signs_the_act_pdf_and_openssl_verifies_what_is_kept);

async fn r_auth_3_gost_2015_512_signs_in_and_signs_acts(engine: Engine) {
    use chrono::{Duration, Utc};
    use fito_sign::testkit::{LeafSpec, TestCa};
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new_gost("FITO GOST TEST CA");
    let now = Utc::now();
    let crl = ca.crl(&[], now - Duration::hours(1), now + Duration::days(1));
    std::fs::write(dir.path().join("ca.cer"), ca.cert_der()).unwrap();
    std::fs::write(dir.path().join("ca.crl"), &crl).unwrap();
    let app = TestApp::start_with(engine, |c| {
        c.signature.ca_files = vec![dir.path().join("ca.cer")];
        c.signature.crl_files = vec![dir.path().join("ca.crl")];
    })
    .await;
    let (inspector, head, act) = approved_act(&app).await;
    let iin = app.iin_of(&inspector).await;
    // One GOST key for sign-in and signing, as NCA issues them since 2024.
    let leaf = ca.issue(&LeafSpec::legal_entity(
        &iin,
        "123456789021",
        now - Duration::days(1),
        now + Duration::days(365),
    ));
    let (id, bytes) = challenge(&app).await;
    let a = sign_in(&app, &id, &leaf.sign_cms(&bytes, false, now), "kk").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let act_id = act["id"].as_str().unwrap();
    let pdf = pdf_of(&app, &inspector, act_id).await;
    let signed = app
        .post(
            &format!("/api/v1/acts/{act_id}/sign"),
            &inspector.token,
            json!({ "version": act["version"], "cms": b64(&leaf.sign_cms(&pdf, true, now)) }),
        )
        .await;
    assert_eq!(signed.body["status"], "signed", "{}", signed.body);
    let info = app
        .get(&format!("/api/v1/acts/{act_id}/signature"), &head.token)
        .await;
    assert_eq!(info.body["verifies"], true, "{}", info.body);
    assert!(info.body["algorithm"].as_str().unwrap().starts_with("GOST"));
    // An individual's GOST certificate does not sign in.
    let person = ca.issue(&LeafSpec::individual(
        &iin,
        now - Duration::days(1),
        now + Duration::days(365),
    ));
    let (id, bytes) = challenge(&app).await;
    assert_eq!(
        sign_in(&app, &id, &person.sign_cms(&bytes, false, now), "kk")
            .await
            .code(),
        "sign-individual-certificate"
    );
    app.stop().await;
}
both_engines!(r_auth_3_gost_2015_512_signs_in_and_signs_acts);

async fn r_auth_2_revocation_by_a_local_ocsp_responder_with_its_signature_and_nonce_checked(
    engine: Engine,
) {
    let own = Pki::new("FITO-OCSP-CA");
    let iin = common::iin_born("860606");
    let revoked = own.leaf(&iin, Kind::LegalAuth, None);
    own.revoke(&revoked);
    let good = own.leaf(&iin, Kind::LegalAuth, None);
    let responder = own.ocsp_responder();
    // No CRL at all: only the OCSP answer can establish revocation.
    let (url, ca) = (responder.url.clone(), own.ca());
    let app = TestApp::start_with(engine, move |c| {
        c.signature.ca_files = vec![ca];
        c.signature.crl_files = vec![];
        c.signature.ocsp_url = Some(url);
    })
    .await;
    let admin = app.admin().await;
    app.user_with_iin(&admin, &iin).await;
    let (id, bytes) = challenge(&app).await;
    let a = sign_in(&app, &id, &own.sign(&good, &bytes, false), "en").await;
    assert_eq!(a.status, StatusCode::OK, "OCSP says good: {}", a.body);
    let (id, bytes) = challenge(&app).await;
    let a = sign_in(&app, &id, &own.sign(&revoked, &bytes, false), "en").await;
    assert_eq!(a.code(), "sign-certificate-revoked", "{}", a.body);
    // The responder goes away: revocation cannot be established, sign-in refused.
    drop(responder);
    let (id, bytes) = challenge(&app).await;
    let a = sign_in(&app, &id, &own.sign(&good, &bytes, false), "en").await;
    assert_eq!(a.code(), "sign-revocation-unknown", "{}", a.body);
    app.stop().await;
}
both_engines!(r_auth_2_revocation_by_a_local_ocsp_responder_with_its_signature_and_nonce_checked);

/// A one-file HTTP server on 127.0.0.1: answers every GET with `body`; counts them.
async fn serve_counted(body: Vec<u8>) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let hits = std::sync::Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let body = body.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = socket.read(&mut buf).await;
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&body).await;
            });
        }
    });
    (format!("http://{addr}/nca.crl"), hits)
}

async fn serve(body: Vec<u8>) -> String {
    serve_counted(body).await.0
}

async fn r_pd_3_a_crl_address_off_the_egress_allow_list_is_never_called(engine: Engine) {
    let own = Pki::new("FITO-EGRESS-CA");
    let (url, hits) = serve_counted(std::fs::read(own.crl()).unwrap()).await;
    let ca = own.ca();
    let app = TestApp::start_with(engine, move |c| {
        c.signature.ca_files = vec![ca];
        c.signature.crl_files = vec![];
        c.signature.crl_urls = vec![url];
        c.egress.allow = vec!["crl.pki.gov.kz".into()];
    })
    .await;
    assert_eq!(
        hits.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "no call left the server"
    );
    assert!(!app.data_dir.join("crl").exists(), "nothing was downloaded");
    app.stop().await;
}
both_engines!(r_pd_3_a_crl_address_off_the_egress_allow_list_is_never_called);

async fn r_auth_2_crls_are_fetched_from_the_configured_addresses_and_forged_ones_ignored(
    engine: Engine,
) {
    let own = Pki::new("FITO-CRL-URL-CA");
    let iin = common::iin_born("870707");
    let revoked = own.leaf(&iin, Kind::LegalAuth, None);
    own.revoke(&revoked);
    let good = own.leaf(&iin, Kind::LegalAuth, None);
    let crl_url = serve(std::fs::read(own.crl()).unwrap()).await;
    // Another CA's CRL published at a second address: not signed by a configured CA.
    let forged_url = serve(std::fs::read(Pki::new("FORGER").crl()).unwrap()).await;
    let ca = own.ca();
    let app = TestApp::start_with(engine, move |c| {
        c.signature.ca_files = vec![ca];
        c.signature.crl_files = vec![];
        c.signature.crl_urls = vec![crl_url, forged_url];
    })
    .await;
    let admin = app.admin().await;
    app.user_with_iin(&admin, &iin).await;
    let (id, bytes) = challenge(&app).await;
    let a = sign_in(&app, &id, &own.sign(&good, &bytes, false), "en").await;
    assert_eq!(
        a.status,
        StatusCode::OK,
        "the downloaded CRL is current: {}",
        a.body
    );
    let (id, bytes) = challenge(&app).await;
    let a = sign_in(&app, &id, &own.sign(&revoked, &bytes, false), "en").await;
    assert_eq!(a.code(), "sign-certificate-revoked", "{}", a.body);
    // The good download is kept in the data folder for the next start.
    let kept = std::fs::read_dir(app.data_dir.join("crl")).unwrap().count();
    assert_eq!(kept, 1);
    app.stop().await;
}
both_engines!(r_auth_2_crls_are_fetched_from_the_configured_addresses_and_forged_ones_ignored);

async fn r_pd_3_an_object_store_off_the_allow_list_stops_the_start(engine: Engine) {
    let db = fito_store::test_support::TestDb::new(engine).await;
    let mut config = common::test_config(&db);
    config.egress.allow = vec!["storage.fito.kz".into()];
    config.files.s3 = Some(
        toml::from_str(
            "endpoint = \"http://s3.example.com:9000\"\nbucket = \"fito\"\naccess_key_id = \"k\"\nsecret_access_key = \"s\"",
        )
        .unwrap(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let refused = fito_server::start(config, listener).await;
    let message = refused
        .err()
        .expect("the server does not start")
        .to_string();
    assert!(
        message.contains("not on the egress allow-list"),
        "{message}"
    );
}
both_engines!(r_pd_3_an_object_store_off_the_allow_list_stops_the_start);
