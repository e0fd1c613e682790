//! Printing the HTML act to PDF with Debian's Chromium: a fresh headless process per act
//! (cold), and one long-lived browser driven over the DevTools protocol (warm).
//!
//! The warm browser talks through `--remote-debugging-pipe`: JSON messages separated by
//! NUL bytes on the browser's file descriptors 3 (in) and 4 (out), no websocket needed.
//! A shell `exec` puts our pipes on those descriptors.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use base64::Engine;
use serde_json::{Value, json};

/// Flags of the cold run, as the issue gives them, plus no header/footer (the act
/// has its own footer) and a profile folder of our own.
pub fn cold_print(
    chromium: &Path,
    profile: &Path,
    html: &Path,
    pdf: &Path,
) -> anyhow::Result<Duration> {
    let _ = std::fs::remove_file(pdf);
    let started = Instant::now();
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(html)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .context("start chromium")?;
    let elapsed = started.elapsed();
    if !status.success() {
        bail!("chromium exited with {status}");
    }
    check_pdf(&std::fs::read(pdf).context("chromium wrote no PDF")?)?;
    Ok(elapsed)
}

fn check_pdf(bytes: &[u8]) -> anyhow::Result<()> {
    if !bytes.starts_with(b"%PDF-") {
        bail!("not a PDF ({} bytes)", bytes.len());
    }
    Ok(())
}

pub struct WarmBrowser {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    next_id: u64,
    events: VecDeque<Value>,
    session: String,
    _profile: tempfile::TempDir,
}

impl WarmBrowser {
    pub fn start(chromium: &Path) -> anyhow::Result<Self> {
        let profile = tempfile::tempdir()?;
        let script = r#"exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null"#;
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("start chromium")?;
        let input = child.stdin.take().context("stdin")?;
        let output = BufReader::new(child.stdout.take().context("stdout")?);
        let mut browser = Self {
            child,
            input,
            output,
            next_id: 0,
            events: VecDeque::new(),
            session: String::new(),
            _profile: profile,
        };
        let target = browser.call(None, "Target.createTarget", json!({ "url": "about:blank" }))?;
        let target_id = target["targetId"].as_str().context("targetId")?.to_owned();
        let attached = browser.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        )?;
        browser.session = attached["sessionId"]
            .as_str()
            .context("sessionId")?
            .to_owned();
        let session = browser.session.clone();
        browser.call(Some(&session), "Page.enable", json!({}))?;
        Ok(browser)
    }

    fn send(&mut self, session: Option<&str>, method: &str, params: Value) -> anyhow::Result<u64> {
        self.next_id += 1;
        let mut message = json!({ "id": self.next_id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message)?;
        bytes.push(0);
        self.input.write_all(&bytes)?;
        self.input.flush()?;
        Ok(self.next_id)
    }

    fn read(&mut self) -> anyhow::Result<Value> {
        let mut buf = Vec::new();
        let n = self.output.read_until(0, &mut buf)?;
        if n == 0 {
            bail!("chromium closed the DevTools pipe");
        }
        buf.pop_if(|b| *b == 0);
        Ok(serde_json::from_slice(&buf)?)
    }

    fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> anyhow::Result<Value> {
        let id = self.send(session, method, params)?;
        loop {
            let message = self.read()?;
            if message["id"].as_u64() == Some(id) {
                if let Some(error) = message.get("error") {
                    bail!("{method}: {error}");
                }
                return Ok(message["result"].clone());
            }
            if message.get("method").is_some() {
                self.events.push_back(message);
            }
        }
    }

    fn wait_event(&mut self, method: &str) -> anyhow::Result<()> {
        if let Some(at) = self.events.iter().position(|e| e["method"] == method) {
            self.events.drain(..=at);
            return Ok(());
        }
        self.events.clear();
        loop {
            if self.read()?["method"] == method {
                return Ok(());
            }
        }
    }

    /// Loads the page, waits for its load event and fonts, prints it; returns the PDF.
    pub fn print(&mut self, html: &Path) -> anyhow::Result<Vec<u8>> {
        let session = self.session.clone();
        let url = format!("file://{}", html.display());
        self.events.clear();
        self.call(Some(&session), "Page.navigate", json!({ "url": url }))?;
        self.wait_event("Page.loadEventFired")?;
        self.call(
            Some(&session),
            "Runtime.evaluate",
            json!({ "expression": "document.fonts.ready.then(() => 1)", "awaitPromise": true }),
        )?;
        let printed = self.call(
            Some(&session),
            "Page.printToPDF",
            json!({ "preferCSSPageSize": true, "printBackground": true, "displayHeaderFooter": false }),
        )?;
        let data = printed["data"].as_str().context("printToPDF data")?;
        let pdf = base64::engine::general_purpose::STANDARD.decode(data)?;
        check_pdf(&pdf)?;
        Ok(pdf)
    }
}

impl Drop for WarmBrowser {
    fn drop(&mut self) {
        let _ = self.send(None, "Browser.close", json!({}));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where Debian installs Chromium.
pub fn default_chromium() -> PathBuf {
    PathBuf::from("/usr/bin/chromium")
}
