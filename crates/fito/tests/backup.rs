//! `fito backup` and `fito restore` (R-SEC-2, R-OPS-1): a backup restored into an empty
//! instance holds every row and every file, the audit journal still verifies, and a
//! damaged backup or a non-empty target is refused.

mod support;

use fito_store::Engine;
use fito_store::both_engines;
use fito_store::test_support::TestDb;
use serde_json::json;
use support::{Api, Server, dump_tables, files_under, fito, person};

fn run_ok(cmd: &mut std::process::Command) -> String {
    let out = cmd.output().expect("fito runs");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A PDF small enough to write by hand; the blob store keeps it by its SHA-256.
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

async fn r_sec_2_a_backup_restores_every_row_and_file_into_an_empty_instance(engine: Engine) {
    let source_db = TestDb::new(engine).await;
    let source_dir = tempfile::tempdir().unwrap();
    let source_data = source_dir.path().to_str().unwrap().to_string();
    let env = [
        ("FITO_DATABASE_URL", source_db.url.as_str()),
        ("FITO_DATA_DIR", source_data.as_str()),
    ];
    let server = Server::start(&env, None);
    let (email, one_time) = server.first_admin();
    let api = Api::new(&server.base);
    let token = api
        .first_sign_in(&email, &one_time, "restored admin password")
        .await;
    let roots = api.get("/api/v1/organizations", &token).await.1;
    let root = roots[0]["id"].as_str().unwrap().to_string();
    let (status, org) = api
        .post(
            "/api/v1/organizations",
            Some(&token),
            json!({ "parent_id": root, "name_kk": "Ақмола облысы", "name_ru": "Акмолинская область" }),
        )
        .await;
    assert_eq!(status, 201, "{org}");
    let mut user = person("backup", 11);
    user["role"] = json!("inspector");
    user["organization_id"] = org["id"].clone();
    let (status, body) = api.post("/api/v1/users", Some(&token), user.clone()).await;
    assert_eq!(status, 201, "{body}");
    // The inspector registers a field and attaches a document to it.
    let inspector = api
        .first_sign_in(
            user["email"].as_str().unwrap(),
            body["one_time_password"].as_str().unwrap(),
            "inspector's own password",
        )
        .await;
    let (status, object) = api
        .post(
            "/api/v1/objects",
            Some(&inspector),
            json!({ "type": "field", "name": "Бидай алқабы", "kato": "110000000", "crop": "wheat_spring",
                    "geometry": { "type": "Polygon", "coordinates": [[[71.40,51.10],[71.41,51.10],[71.41,51.11],[71.40,51.11],[71.40,51.10]]] } }),
        )
        .await;
    assert_eq!(status, 201, "{object}");
    let id = object["id"]
        .as_str()
        .or(object["properties"]["id"].as_str())
        .unwrap()
        .to_string();
    let upload = api
        .http
        .post(format!(
            "{}/api/v1/objects/{id}/documents?name=act.pdf",
            server.base
        ))
        .bearer_auth(&inspector)
        .body(PDF.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(
        upload.status().as_u16(),
        201,
        "{}",
        upload.text().await.unwrap()
    );

    // A backup while the server runs (as the scheduled ones are made).
    let backups = tempfile::tempdir().unwrap();
    let printed = run_ok(
        fito()
            .args(["backup", "--to"])
            .arg(backups.path())
            .envs(env),
    );
    server.kill();
    let folder = printed
        .trim()
        .strip_prefix("backup written: ")
        .unwrap_or_else(|| panic!("{printed}"))
        .to_string();
    let folder = std::path::PathBuf::from(folder);
    assert!(folder.join("manifest.json").is_file());
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).unwrap()).unwrap();
    assert!(
        manifest["parts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["path"].as_str().unwrap().starts_with("files/")),
        "{manifest}"
    );

    // Restore into a new, empty instance.
    let target_db = TestDb::new(engine).await;
    let target_dir = tempfile::tempdir().unwrap();
    let target_data = target_dir.path().to_str().unwrap().to_string();
    let target_env = [
        ("FITO_DATABASE_URL", target_db.url.as_str()),
        ("FITO_DATA_DIR", target_data.as_str()),
    ];
    // Without the master key file the restore is refused before anything is touched;
    // the operator brings the key, which backups never carry (R-PD-2).
    let keyless = fito()
        .args(["restore", "--from"])
        .arg(&folder)
        .envs(target_env)
        .output()
        .unwrap();
    assert!(!keyless.status.success());
    assert!(String::from_utf8_lossy(&keyless.stderr).contains("master key"));
    std::fs::copy(
        source_dir.path().join("master.key"),
        target_dir.path().join("master.key"),
    )
    .unwrap();
    let restored = run_ok(
        fito()
            .args(["restore", "--from"])
            .arg(&folder)
            .envs(target_env),
    );
    assert!(restored.starts_with("restored "), "{restored}");

    // Every table row for row, every file byte for byte.
    let (before, after) = (
        dump_tables(&source_db.url).await,
        dump_tables(&target_db.url).await,
    );
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (table, rows) in &before {
        assert_eq!(rows, &after[table], "table {table} differs after restore");
    }
    assert!(before["users"].len() >= 2 && !before["audit_log"].is_empty());
    let (files_before, files_after) = (
        files_under(&source_dir.path().join("files")),
        files_under(&target_dir.path().join("files")),
    );
    let files_before: std::collections::BTreeMap<_, _> = files_before
        .into_iter()
        .filter(|(k, _)| !k.starts_with(".incoming"))
        .collect();
    assert!(!files_before.is_empty());
    assert_eq!(files_before, files_after);
    let verified = run_ok(fito().args(["audit", "verify"]).envs(target_env));
    assert!(verified.contains("audit journal intact"), "{verified}");

    // The restored instance serves: the administrator signs in with the password
    // they had chosen, and the document is there.
    let server = Server::start(&target_env, None);
    let api = Api::new(&server.base);
    let token = api.login(&email, "restored admin password").await;
    let (status, docs) = api
        .get(&format!("/api/v1/objects/{id}/documents"), &token)
        .await;
    assert_eq!(status, 200, "{docs}");
    server.kill();

    // A non-empty instance is refused unless --force.
    let again = fito()
        .args(["restore", "--from"])
        .arg(&folder)
        .envs(target_env)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    run_ok(
        fito()
            .args(["restore", "--force", "--from"])
            .arg(&folder)
            .envs(target_env),
    );
    assert_eq!(dump_tables(&target_db.url).await, before);

    // A damaged backup is refused before anything is touched.
    let part = manifest["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap().to_string())
        .find(|p| p.starts_with("files/"))
        .unwrap();
    let mut bytes = std::fs::read(folder.join(&part)).unwrap();
    bytes[0] ^= 1;
    std::fs::write(folder.join(&part), bytes).unwrap();
    let fresh = TestDb::new(engine).await;
    let refused = fito()
        .args(["restore", "--from"])
        .arg(&folder)
        .env("FITO_DATABASE_URL", &fresh.url)
        .env("FITO_DATA_DIR", tempfile::tempdir().unwrap().path())
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("damaged"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
}
both_engines!(r_sec_2_a_backup_restores_every_row_and_file_into_an_empty_instance);

/// R-PD-2 with R-SEC-2: a person erased after a backup was made stays erased when that
/// older backup is restored, because `fito restore` re-applies the erasures recorded in
/// the newest backup of the same folder.
async fn r_pd_2_an_erased_person_does_not_come_back_with_an_older_backup(engine: Engine) {
    let source_db = TestDb::new(engine).await;
    let source_dir = tempfile::tempdir().unwrap();
    let source_data = source_dir.path().to_str().unwrap().to_string();
    let env = [
        ("FITO_DATABASE_URL", source_db.url.as_str()),
        ("FITO_DATA_DIR", source_data.as_str()),
    ];
    let server = Server::start(&env, None);
    let (email, one_time) = server.first_admin();
    let api = Api::new(&server.base);
    let admin = api
        .first_sign_in(&email, &one_time, "erasure admin password")
        .await;
    let root = api.get("/api/v1/organizations", &admin).await.1[0]["id"].clone();
    let mut person_body = person("erased", 21);
    person_body["role"] = json!("operator");
    person_body["organization_id"] = root;
    let (status, created) = api
        .post("/api/v1/users", Some(&admin), person_body.clone())
        .await;
    assert_eq!(status, 201, "{created}");
    let person_id = created["user"]["id"].as_str().unwrap().to_string();
    let person_email = person_body["email"].as_str().unwrap().to_string();
    api.first_sign_in(
        &person_email,
        created["one_time_password"].as_str().unwrap(),
        "the person's own password",
    )
    .await;

    let backups = tempfile::tempdir().unwrap();
    let older = run_ok(
        fito()
            .args(["backup", "--to"])
            .arg(backups.path())
            .envs(env),
    );
    let older = std::path::PathBuf::from(older.trim().strip_prefix("backup written: ").unwrap());
    let (status, body) = api
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/users/{person_id}"),
            Some(&admin),
            None,
        )
        .await
        .unwrap();
    assert!(status == 200 || status == 204, "{status} {body}");
    // Backup names carry the time to the second: the newer one must sort after.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    run_ok(
        fito()
            .args(["backup", "--to"])
            .arg(backups.path())
            .envs(env),
    );
    server.kill();

    // The older backup, restored into an empty instance with the source's master key.
    let target_db = TestDb::new(engine).await;
    let target_dir = tempfile::tempdir().unwrap();
    let target_data = target_dir.path().to_str().unwrap().to_string();
    let target_env = [
        ("FITO_DATABASE_URL", target_db.url.as_str()),
        ("FITO_DATA_DIR", target_data.as_str()),
    ];
    std::fs::copy(
        source_dir.path().join("master.key"),
        target_dir.path().join("master.key"),
    )
    .unwrap();
    run_ok(
        fito()
            .args(["restore", "--from"])
            .arg(&older)
            .envs(target_env),
    );

    let server = Server::start(&target_env, None);
    let api = Api::new(&server.base);
    let (status, _) = api
        .post(
            "/api/v1/auth/login",
            None,
            json!({ "email": person_email, "password": "the person's own password" }),
        )
        .await;
    assert_eq!(
        status, 401,
        "the erased person signs in again after a restore"
    );
    let admin = api.login(&email, "erasure admin password").await;
    let (_, shown) = api.get(&format!("/api/v1/users/{person_id}"), &admin).await;
    let shown = shown.to_string();
    for value in [
        &person_email,
        "Сейітқали",
        "Әйгерім",
        person_body["iin"].as_str().unwrap(),
    ] {
        assert!(
            !shown.contains(value),
            "{value} came back with the older backup: {shown}"
        );
    }
    let (_, users) = api.get("/api/v1/users", &admin).await;
    assert!(!users.to_string().contains(&person_email), "{users}");
    server.kill();
    let verified = run_ok(fito().args(["audit", "verify"]).envs(target_env));
    assert!(verified.contains("audit journal intact"), "{verified}");
}
both_engines!(r_pd_2_an_erased_person_does_not_come_back_with_an_older_backup);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_sec_2_automatic_backups_run_while_serving_and_old_ones_are_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    let config = dir.path().join("fito.toml");
    std::fs::write(
        &config,
        format!(
            "data_dir = \"{}\"\n[backup]\ndir = \"{}\"\ninterval_minutes = 1\nkeep = 2\n",
            dir.path().join("data").display(),
            backups.display()
        ),
    )
    .unwrap();
    run_ok(fito().arg("migrate").env("FITO_CONFIG", &config));
    // Three backups already there, made by hand: the scheduler keeps the newest two.
    for _ in 0..3 {
        run_ok(
            fito()
                .args(["backup", "--to"])
                .arg(&backups)
                .env("FITO_CONFIG", &config),
        );
    }
    let before: Vec<_> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before.len(), 3);
    let server = Server::start(&[("FITO_CONFIG", config.to_str().unwrap())], None);
    let started = std::time::Instant::now();
    let newest_before = before.iter().max().unwrap().clone();
    loop {
        let names: Vec<_> = std::fs::read_dir(&backups)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().starts_with("fito-backup-"))
            .collect();
        if names.iter().any(|n| n > &newest_before) && names.len() == 2 {
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(150),
            "no automatic backup: {names:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    server.kill();
}
