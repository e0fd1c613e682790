//! `fito-bench sync`: offline sync (R-MOB-2) of a field day — surveys with points and
//! findings, and act drafts on them — pushed to a release `fito serve` over loopback
//! in batches the way the app sends its outbox (oldest first, surveys before the act
//! drafts made on them). A fresh SQLite data folder, and a fresh PostgreSQL database
//! when a URL is given; the median of several runs.

use anyhow::{Context, bail};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use uuid::Uuid;

pub struct Options {
    pub fito: PathBuf,
    pub postgres_url: Option<String>,
    pub runs: usize,
    pub surveys: usize,
    pub points: usize,
    pub acts: usize,
    pub batch: usize,
}

struct Server {
    child: Child,
    base: String,
    _data: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

async fn start(fito: &PathBuf, database_url: Option<String>) -> anyhow::Result<(Server, String)> {
    let data = tempfile::tempdir()?;
    let port = free_port()?;
    // One client: the per-IP rate limit would measure itself.
    let config = data.path().join("fito.toml");
    // No seed policy: the benchmark's users push without consenting first.
    std::fs::write(
        &config,
        "[rate_limit]\nenabled = false\n[privacy]\nseed_policy = false\n",
    )?;
    let mut cmd = Command::new(fito);
    cmd.arg("--config")
        .arg(&config)
        .arg("serve")
        .env("FITO_DATA_DIR", data.path())
        .env("FITO_LISTEN", format!("127.0.0.1:{port}"))
        .env("FITO_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(url) = database_url {
        cmd.env("FITO_DATABASE_URL", url);
    }
    let mut child = cmd
        .spawn()
        .with_context(|| format!("starting {}", fito.display()))?;
    let stdout = child.stdout.take().context("stdout")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if let Some(rest) = line.strip_prefix("first administrator: ") {
                let _ = tx.send(rest.to_string());
            }
        }
    });
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
        _data: data,
    };
    let first = rx
        .recv_timeout(Duration::from_secs(60))
        .context("the server printed no first administrator")?;
    let password = first
        .split(" / ")
        .nth(1)
        .context("first administrator line")?
        .to_string();
    Ok((server, password))
}

async fn call(
    http: &reqwest::Client,
    url: String,
    token: Option<&str>,
    body: Value,
) -> anyhow::Result<Value> {
    let mut req = http.post(url).json(&body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await?;
    let status = res.status();
    let value: Value = res.json().await.unwrap_or(Value::Null);
    if !status.is_success() {
        bail!("{status}: {value}");
    }
    Ok(value)
}

/// Signs in with a one-time password and sets a new one.
async fn sign_in(
    http: &reqwest::Client,
    base: &str,
    email: &str,
    one_time: &str,
) -> anyhow::Result<String> {
    let login = call(
        http,
        format!("{base}/api/v1/auth/login"),
        None,
        json!({ "email": email, "password": one_time }),
    )
    .await?;
    let token = login["token"].as_str().context("token")?.to_string();
    call(
        http,
        format!("{base}/api/v1/auth/password"),
        Some(&token),
        json!({ "current_password": one_time, "new_password": "benchmark password 1" }),
    )
    .await?;
    Ok(token)
}

/// An inspector with a field to survey.
async fn prepare(
    http: &reqwest::Client,
    base: &str,
    admin_password: &str,
) -> anyhow::Result<(String, String)> {
    for _ in 0..100 {
        if http
            .get(format!("{base}/readyz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let admin = sign_in(http, base, "admin@fito.local", admin_password).await?;
    let orgs: Value = http
        .get(format!("{base}/api/v1/organizations"))
        .bearer_auth(&admin)
        .send()
        .await?
        .json()
        .await?;
    let root = orgs[0]["id"].as_str().context("root organisation")?;
    let user = call(
        http,
        format!("{base}/api/v1/users"),
        Some(&admin),
        json!({ "surname": "Бенчмарк", "first_name": "Инспектор", "phone": "+77010000000",
            "email": "bench@fito.kz", "iin": "900101300007", "position": "Инспектор",
            "organization_id": root, "role": "inspector" }),
    )
    .await?;
    let one_time = user["one_time_password"]
        .as_str()
        .context("one-time password")?;
    let inspector = sign_in(http, base, "bench@fito.kz", one_time).await?;
    let d = 0.01;
    let (lon, lat) = (71.4, 51.1);
    let field = call(
        http,
        format!("{base}/api/v1/objects"),
        Some(&inspector),
        json!({ "type": "field", "name": "Бидай алқабы",
            "geometry": { "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] } }),
    )
    .await?;
    Ok((
        inspector,
        field["id"].as_str().context("field id")?.to_string(),
    ))
}

/// The outbox of one field day: surveys, then the act drafts made on some of them.
fn outbox(o: &Options, field: &str) -> Vec<Value> {
    let mut records = Vec::new();
    let mut surveys = Vec::new();
    for s in 0..o.surveys {
        let id = Uuid::now_v7();
        surveys.push(id);
        let points: Vec<Value> = (0..o.points)
            .map(|p| {
                json!({ "lat": 51.1 + p as f64 * 0.0005, "lon": 71.4 + s as f64 * 0.00005,
                    "accuracy_m": 4.5, "fixed_at": "2026-06-10T05:31:00Z",
                    "findings": [{ "organism": "ACLRGL", "development_stage": "имаго",
                        "intensity": { "kind": "per_square_metre", "value": 3.5 },
                        "area_surveyed_ha": 2.0, "area_infested_ha": 0.5 }] })
            })
            .collect();
        records.push(json!({ "kind": "survey", "id": id, "base_version": null,
            "data": { "id": id, "object_id": field, "surveyed_at": "2026-06-10T05:30:00Z",
                "notes": format!("маршрут {s}"), "points": points } }));
    }
    for a in 0..o.acts {
        let id = Uuid::now_v7();
        records.push(json!({ "kind": "act_draft", "id": id, "base_version": null,
            "data": { "survey_id": surveys[a % surveys.len()], "act_type": "crop-monitoring",
                "location": "Ақмола облысы, Целиноград ауданы",
                "conclusions": "Шегірткелер табылды; өңдеу қажет.",
                "measures": [{ "text": "Инсектицидпен өңдеу", "deadline": "2026-06-20" }] } }));
    }
    records
}

async fn run_engine(o: &Options, label: &str, database_url: Option<String>) -> anyhow::Result<()> {
    let (server, password) = start(&o.fito, database_url).await?;
    let http = reqwest::Client::new();
    let (token, field) = prepare(&http, &server.base, &password).await?;
    let mut times = Vec::new();
    for _ in 0..o.runs {
        let records = outbox(o, &field);
        let started = Instant::now();
        for batch in records.chunks(o.batch) {
            let answer = call(
                &http,
                format!("{}/api/v1/sync/push", server.base),
                Some(&token),
                json!({ "records": batch }),
            )
            .await?;
            let results = answer["results"].as_array().context("results")?;
            if let Some(bad) = results.iter().find(|r| r["status"] != "applied") {
                bail!("a record was not applied: {bad}");
            }
        }
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "| {label} | {} surveys × {} points + {} act drafts, batches of {} | {:.2} s | {:.2}–{:.2} s |",
        o.surveys,
        o.points,
        o.acts,
        o.batch,
        median,
        times[0],
        times[times.len() - 1]
    );
    Ok(())
}

pub async fn run(o: &Options) -> anyhow::Result<()> {
    println!(
        "| engine | pushed | median of {} runs | fastest–slowest |",
        o.runs
    );
    println!("|---|---|---|---|");
    run_engine(o, "SQLite", None).await?;
    if let Some(admin_url) = &o.postgres_url {
        let db = format!("fito_bench_sync_{}", std::process::id());
        let store = fito_store::Store::connect(admin_url, &fito_store::PoolOptions::default())
            .await
            .context("PostgreSQL")?;
        fito_store::maintenance::create_database(&store, &db).await?;
        let url = format!(
            "{}/{db}",
            admin_url
                .rsplit_once('/')
                .map_or(admin_url.as_str(), |(base, _)| base)
        );
        let result = run_engine(o, "PostgreSQL", Some(url)).await;
        // Drop the benchmark database whatever happened (connections are closed by now).
        tokio::time::sleep(Duration::from_millis(500)).await;
        let _ = fito_store::maintenance::drop_database(&store, &db).await;
        result?;
    }
    Ok(())
}
