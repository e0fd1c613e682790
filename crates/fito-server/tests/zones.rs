//! Issue 14: quarantine zones from proposal to lifting. A zone is proposed around a
//! focus, established by a decision with its PDF, and lifted only on the evidence
//! of surveys since; each step is versioned, journalled and told to the Heads and
//! inspectors of the organisations whose objects the zone touches.

mod common;

use common::fieldwork::{Team, new_survey, ordinary_organism, team};
use common::{Answer, Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

fn proposal(t: &Team, survey: &str, radius_km: f64) -> Value {
    json!({ "organization_id": t.org, "name": "Целиноград карантин аймағы", "organisms": ["ACLRGL"],
        "boundary": { "kind": "buffer", "radius_km": radius_km, "findings": [{ "survey_id": survey, "seq": 1 }] },
        "basis": { "findings": [{ "survey_id": survey, "seq": 1 }], "acts": [] },
        "regime_kk": "Өнімді аймақтан тыс шығаруға тыйым салынады.",
        "regime_ru": "Вывоз продукции за пределы зоны запрещён." })
}

async fn kinds(app: &TestApp, who: &Caller) -> Vec<String> {
    let a = app.get("/api/v1/notifications", &who.token).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_string())
        .collect()
}

/// A square field of `who` around (lon, lat), in their organisation.
async fn square(app: &TestApp, who: &Caller, lon: f64, lat: f64) -> String {
    let d = 0.005;
    let a = app
        .post(
            "/api/v1/objects",
            &who.token,
            json!({ "type": "field", "name": "Көрші алқап",
                "geometry": { "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] } }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.body["id"].as_str().unwrap().to_string()
}

/// A survey of `field` now, with an ACLRGL finding or none.
async fn survey_now(app: &TestApp, who: &Caller, field: &str, found: bool) -> Answer {
    let at = now();
    let findings = if found {
        json!([{ "organism": "ACLRGL", "area_surveyed_ha": 2.0, "area_infested_ha": 0.5 }])
    } else {
        json!([])
    };
    app.post(
        "/api/v1/surveys",
        &who.token,
        json!({ "object_id": field, "surveyed_at": at,
            "points": [{ "lat": 51.1, "lon": 71.4, "fixed_at": at, "findings": findings }] }),
    )
    .await
}

async fn decision_pdf(app: &TestApp, t: &Team, zone: &str) -> String {
    let doc = app
        .call_raw(
            &format!("/api/v1/zones/{zone}/documents?name=decision.pdf"),
            &t.operator.token,
            PDF.to_vec(),
        )
        .await;
    assert_eq!(doc.status, StatusCode::CREATED, "{}", doc.body);
    doc.body["id"].as_str().unwrap().to_string()
}

fn establish_body(version: i64, document: &str) -> Value {
    json!({ "version": version, "decision_number": "№ 15-к", "decision_date": "2026-07-01",
        "decision_authority": "Ақмола облысының әкімдігі", "decision_document_id": document })
}

async fn propose_and_establish(app: &TestApp, t: &Team) -> Value {
    let survey = new_survey(app, t).await;
    let z = app
        .post(
            "/api/v1/zones",
            &t.inspector.token,
            proposal(t, &survey, 5.0),
        )
        .await;
    assert_eq!(z.status, StatusCode::CREATED, "{}", z.body);
    let id = z.body["id"].as_str().unwrap();
    let doc = decision_pdf(app, t, id).await;
    let e = app
        .post(
            &format!("/api/v1/zones/{id}/establish"),
            &t.head.token,
            establish_body(1, &doc),
        )
        .await;
    assert_eq!(e.status, StatusCode::OK, "{}", e.body);
    e.body
}

async fn issue_14_zone_from_a_focus_established_and_lifted_with_evidence(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    // A neighbouring inspectorate with a field 2 km away, and one far off.
    let neighbour = app
        .create_org(&t.admin, &app.root_org, "Көрші инспекция")
        .await;
    let n_head = app.create_user(&t.admin, "head", &neighbour).await;
    let n_inspector = app.create_user(&t.admin, "inspector", &neighbour).await;
    let n_field = square(&app, &n_inspector, 71.43, 51.1).await;
    let far = app
        .create_org(&t.admin, &app.root_org, "Алыс инспекция")
        .await;
    let far_head = app.create_user(&t.admin, "head", &far).await;
    let far_inspector = app.create_user(&t.admin, "inspector", &far).await;
    square(&app, &far_inspector, 75.0, 45.0).await;

    let survey = new_survey(&app, &t).await;
    let z = app
        .post(
            "/api/v1/zones",
            &t.inspector.token,
            proposal(&t, &survey, 5.0),
        )
        .await;
    assert_eq!(z.status, StatusCode::CREATED, "{}", z.body);
    assert_eq!(z.body["status"], "proposed");
    assert_eq!(z.body["boundary_kind"], "buffer");
    assert_eq!(z.body["organisms"], json!(["ACLRGL"]));
    // π·5² km² ≈ 7854 ha.
    let area = z.body["area_ha"].as_f64().unwrap();
    assert!((area / 7853.98 - 1.0).abs() < 0.005, "{area}");
    let id = z.body["id"].as_str().unwrap().to_string();

    // Heads and inspectors of both inspectorates the zone touches hear; the far one not.
    for (who, told) in [
        (&t.head, true),
        (&t.inspector, true),
        (&n_head, true),
        (&n_inspector, true),
        (&far_head, false),
        (&far_inspector, false),
    ] {
        let heard = kinds(&app, who).await.contains(&"zone-proposed".into());
        assert_eq!(heard, told, "{}", who.email);
    }

    // The objects inside, as each one sees them (R-ORG-1).
    let inside = app
        .get(&format!("/api/v1/zones/{id}/objects"), &t.head.token)
        .await;
    assert_eq!(inside.status, StatusCode::OK, "{}", inside.body);
    let ids: Vec<&str> = inside.body["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [t.field.as_str()]);
    let of_field = app
        .get(
            &format!("/api/v1/objects/{}/zones", t.field),
            &t.inspector.token,
        )
        .await;
    assert_eq!(of_field.body[0]["id"], id.as_str(), "{}", of_field.body);

    // Not yet established: it cannot be lifted.
    let early = app
        .post(
            &format!("/api/v1/zones/{id}/lift"),
            &t.head.token,
            json!({ "version": 1 }),
        )
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
    assert_eq!(early.code(), "zone-step-not-allowed");

    let doc = decision_pdf(&app, &t, &id).await;
    let e = app
        .post(
            &format!("/api/v1/zones/{id}/establish"),
            &t.head.token,
            establish_body(1, &doc),
        )
        .await;
    assert_eq!(e.status, StatusCode::OK, "{}", e.body);
    assert_eq!(e.body["status"], "established");
    assert_eq!(e.body["decision"]["number"], "№ 15-к");
    assert_eq!(e.body["decision"]["document_id"], doc.as_str());
    assert!(
        kinds(&app, &n_inspector)
            .await
            .contains(&"zone-established".into())
    );

    // No survey since: the evidence says what is missing, and lifting is refused.
    let basis = app
        .get(&format!("/api/v1/zones/{id}/lifting-basis"), &t.head.token)
        .await;
    assert_eq!(basis.status, StatusCode::OK, "{}", basis.body);
    assert_eq!(basis.body["sufficient"], false);
    assert_eq!(basis.body["missing"], json!(["zone-lift-unsurveyed"]));
    assert_eq!(basis.body["unsurveyed"].as_array().unwrap().len(), 2);
    let refused = app
        .post(
            &format!("/api/v1/zones/{id}/lift"),
            &t.head.token,
            json!({ "version": 2 }),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert_eq!(refused.code(), "zone-lift-basis-missing");

    // Both fields surveyed since, nothing found: the evidence is enough.
    for (who, field) in [(&t.inspector, &t.field), (&n_inspector, &n_field)] {
        let s = survey_now(&app, who, field, false).await;
        assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
    }
    let basis = app
        .get(&format!("/api/v1/zones/{id}/lifting-basis"), &t.head.token)
        .await;
    assert_eq!(basis.body["sufficient"], true, "{}", basis.body);
    assert_eq!(basis.body["missing"], json!([]));
    let lifted = app
        .post(
            &format!("/api/v1/zones/{id}/lift"),
            &t.head.token,
            json!({ "version": 2, "note": "Екі тексеру таза" }),
        )
        .await;
    assert_eq!(lifted.status, StatusCode::OK, "{}", lifted.body);
    assert_eq!(lifted.body["status"], "lifted");
    assert_eq!(lifted.body["closing_evidence"]["sufficient"], true);
    assert!(kinds(&app, &n_head).await.contains(&"zone-lifted".into()));

    // The lifted zone stays readable with its whole history.
    let history = app
        .get(&format!("/api/v1/zones/{id}/history"), &t.inspector.token)
        .await;
    let changes: Vec<&str> = history
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["change"].as_str().unwrap())
        .collect();
    assert_eq!(changes, ["propose", "establish", "lift"]);
    assert_eq!(history.body[0]["zone"]["status"], "proposed");
    let journal = fito_store::audit::search(
        &app.store,
        &fito_store::audit::Filter {
            action: Some("zone.lift".into()),
            limit: 100,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(journal.len(), 2, "the refusal and the lifting");
    app.stop().await;
}
both_engines!(issue_14_zone_from_a_focus_established_and_lifted_with_evidence);

async fn issue_14_lifting_is_refused_when_the_organism_is_found_in_the_zone_again(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    let zone = propose_and_establish(&app, &t).await;
    let id = zone["id"].as_str().unwrap();
    let s = survey_now(&app, &t.inspector, &t.field, true).await;
    assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
    let basis = app
        .get(&format!("/api/v1/zones/{id}/lifting-basis"), &t.head.token)
        .await;
    assert_eq!(basis.body["missing"], json!(["zone-lift-organism-found"]));
    assert_eq!(basis.body["findings"][0]["organism"], "ACLRGL");
    let refused = app
        .post(
            &format!("/api/v1/zones/{id}/lift"),
            &t.head.token,
            json!({ "version": 2 }),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert_eq!(refused.code(), "zone-lift-basis-missing");
    let still = app.get(&format!("/api/v1/zones/{id}"), &t.head.token).await;
    assert_eq!(still.body["status"], "established");
    app.stop().await;
}
both_engines!(issue_14_lifting_is_refused_when_the_organism_is_found_in_the_zone_again);

async fn issue_14_zone_steps_refused_for_wrong_role_subtree_and_input(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    let survey = new_survey(&app, &t).await;
    let body = proposal(&t, &survey, 5.0);
    // Only inspectors propose.
    for who in [&t.head, &t.operator, &t.admin] {
        let a = app.post("/api/v1/zones", &who.token, body.clone()).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
    }
    // Another inspectorate's people: the organisation and the zone do not exist.
    let sibling = app
        .create_org(&t.admin, &app.root_org, "Басқа инспекция")
        .await;
    let s_inspector = app.create_user(&t.admin, "inspector", &sibling).await;
    let s_head = app.create_user(&t.admin, "head", &sibling).await;
    let a = app
        .post("/api/v1/zones", &s_inspector.token, body.clone())
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    assert_eq!(a.code(), "organization-not-found");
    // Bad input, each with its code.
    for (change, code) in [
        (json!({ "organisms": ["NOSUCH"] }), "zone-organism-unknown"),
        (json!({ "organisms": [] }), "zone-organisms-empty"),
        (
            json!({ "basis": { "findings": [], "acts": [] } }),
            "zone-basis-empty",
        ),
        (
            json!({ "boundary": { "kind": "buffer", "radius_km": 500.0, "findings": [{ "survey_id": survey, "seq": 1 }] } }),
            "zone-radius-invalid",
        ),
        (
            json!({ "boundary": { "kind": "buffer", "radius_km": 5.0 } }),
            "zone-foci-empty",
        ),
        (
            json!({ "boundary": { "kind": "drawn", "geometry": { "type": "Point", "coordinates": [71.4, 51.1] } } }),
            "zone-boundary-not-polygon",
        ),
        (
            json!({ "basis": { "findings": [{ "survey_id": survey, "seq": 9 }] } }),
            "zone-finding-unknown",
        ),
    ] {
        let mut b = body.clone();
        for (k, v) in change.as_object().unwrap() {
            b[k] = v.clone();
        }
        let a = app.post("/api/v1/zones", &t.inspector.token, b).await;
        assert_eq!(
            a.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{code}: {}",
            a.body
        );
        assert_eq!(a.code(), code);
    }
    // A drawn zone is kept as drawn.
    let mut drawn = body.clone();
    drawn["boundary"] = json!({ "kind": "drawn", "geometry": { "type": "Polygon",
        "coordinates": [[[71.3, 51.0], [71.5, 51.0], [71.5, 51.2], [71.3, 51.2], [71.3, 51.0]]] } });
    let z = app.post("/api/v1/zones", &t.inspector.token, drawn).await;
    assert_eq!(z.status, StatusCode::CREATED, "{}", z.body);
    assert_eq!(z.body["boundary_kind"], "drawn");
    let id = z.body["id"].as_str().unwrap().to_string();

    let hidden = app.get(&format!("/api/v1/zones/{id}"), &s_head.token).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{}", hidden.body);
    assert_eq!(hidden.code(), "zone-not-found");
    let doc = decision_pdf(&app, &t, &id).await;
    let other = app
        .post(
            &format!("/api/v1/zones/{id}/establish"),
            &s_head.token,
            establish_body(1, &doc),
        )
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND, "{}", other.body);
    // Only a Head establishes, lifts or withdraws.
    let note = json!({ "version": 1, "note": "Инспектордың шешімі" });
    for (step, body) in [
        ("establish", establish_body(1, &doc)),
        ("lift", note.clone()),
        ("withdraw", note),
    ] {
        let a = app
            .post(
                &format!("/api/v1/zones/{id}/{step}"),
                &t.inspector.token,
                body,
            )
            .await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{step}: {}", a.body);
    }
    // The decision's PDF must be this zone's.
    let foreign = app
        .call_raw(
            &format!("/api/v1/objects/{}/documents?name=decision.pdf", t.field),
            &t.operator.token,
            PDF.to_vec(),
        )
        .await;
    let wrong = app
        .post(
            &format!("/api/v1/zones/{id}/establish"),
            &t.head.token,
            establish_body(1, foreign.body["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(
        wrong.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        wrong.body
    );
    assert_eq!(wrong.code(), "zone-decision-document-invalid");
    // Withdrawing needs a reason; a withdrawn zone takes no more steps.
    let bare = app
        .post(
            &format!("/api/v1/zones/{id}/withdraw"),
            &t.head.token,
            json!({ "version": 1 }),
        )
        .await;
    assert_eq!(
        bare.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bare.body
    );
    let stale = app
        .post(
            &format!("/api/v1/zones/{id}/withdraw"),
            &t.head.token,
            json!({ "version": 7, "note": "Қате" }),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert_eq!(stale.code(), "zone-version-conflict");
    let w = app
        .post(
            &format!("/api/v1/zones/{id}/withdraw"),
            &t.head.token,
            json!({ "version": 1, "note": "Шекара қате сызылған" }),
        )
        .await;
    assert_eq!(w.status, StatusCode::OK, "{}", w.body);
    assert_eq!(w.body["status"], "withdrawn");
    let late = app
        .post(
            &format!("/api/v1/zones/{id}/establish"),
            &t.head.token,
            establish_body(2, &doc),
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    assert_eq!(late.code(), "zone-step-not-allowed");
    let listed = app
        .get("/api/v1/zones?status=withdrawn", &t.head.token)
        .await;
    assert_eq!(listed.body.as_array().unwrap().len(), 1, "{}", listed.body);
    let none = app.get("/api/v1/zones", &s_head.token).await;
    assert_eq!(none.body, json!([]));
    // GeoJSON for GIS: the boundary as drawn, the rest as properties.
    let geojson = app.get("/api/v1/zones/export", &t.inspector.token).await;
    assert_eq!(geojson.status, StatusCode::OK, "{}", geojson.body);
    assert_eq!(
        geojson.headers["content-type"].to_str().unwrap(),
        "application/geo+json"
    );
    let f = &geojson.body["features"][0];
    assert_eq!(f["type"], "Feature");
    assert_eq!(f["id"], id.as_str());
    assert_eq!(f["geometry"]["type"], "Polygon");
    assert_eq!(f["properties"]["status"], "withdrawn");
    assert_eq!(
        f["properties"]["regime_ru"],
        "Вывоз продукции за пределы зоны запрещён."
    );
    let away = app.get("/api/v1/zones/export", &s_head.token).await;
    assert_eq!(away.body["features"], json!([]));
    app.stop().await;
}
both_engines!(issue_14_zone_steps_refused_for_wrong_role_subtree_and_input);
