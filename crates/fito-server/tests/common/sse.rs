//! A reader of `text/event-stream` answers for tests (R-NOTIF-1): reqwest's
//! streaming body, split into events.

use std::time::Duration;

#[derive(Debug, Clone, Default)]
pub struct SseEvent {
    pub event: String,
    pub id: Option<String>,
    pub data: String,
    /// A comment line (`: keep-alive`).
    pub comment: Option<String>,
}

impl SseEvent {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.data).unwrap_or(serde_json::Value::Null)
    }
}

pub struct SseStream {
    response: reqwest::Response,
    buffer: String,
}

impl SseStream {
    /// Opens `GET {base}/api/v1/notifications/stream` with `token`, resuming after
    /// `last_event_id` when given.
    pub async fn open(
        base: &str,
        token: &str,
        last_event_id: Option<&str>,
        lang: &str,
    ) -> SseStream {
        let mut request = reqwest::Client::new()
            .get(format!("{base}/api/v1/notifications/stream"))
            .bearer_auth(token)
            .header("accept", "text/event-stream")
            .header("accept-language", lang);
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = request.send().await.expect("stream request");
        assert_eq!(response.status(), reqwest::StatusCode::OK);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/event-stream")
        );
        SseStream {
            response,
            buffer: String::new(),
        }
    }

    /// The next event that is not a comment. Fails the test if nothing comes
    /// within a minute (a hang guard, not a timing assertion).
    pub async fn next(&mut self) -> SseEvent {
        loop {
            let e = self.next_any().await;
            if e.comment.is_none() {
                return e;
            }
        }
    }

    /// Reads until the server closes the stream; true if it did within a minute.
    pub async fn ends(&mut self) -> bool {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        loop {
            match tokio::time::timeout_at(deadline, self.response.chunk()).await {
                Err(_) => return false,
                Ok(Ok(Some(_))) => continue,
                Ok(_) => return true,
            }
        }
    }

    /// The next event or comment.
    pub async fn next_any(&mut self) -> SseEvent {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut e = SseEvent::default();
                let mut data = Vec::new();
                for line in block.lines() {
                    if let Some(c) = line.strip_prefix(':') {
                        e.comment = Some(c.trim().to_string());
                    } else if let Some((field, value)) = line.split_once(':') {
                        let value = value.strip_prefix(' ').unwrap_or(value);
                        match field {
                            "event" => e.event = value.to_string(),
                            "id" => e.id = Some(value.to_string()),
                            "data" => data.push(value.to_string()),
                            _ => {}
                        }
                    }
                }
                e.data = data.join("\n");
                if e.comment.is_none() && e.event.is_empty() && e.data.is_empty() {
                    continue;
                }
                return e;
            }
            let chunk = tokio::time::timeout(Duration::from_secs(60), self.response.chunk())
                .await
                .expect("an event within a minute")
                .expect("stream readable")
                .expect("stream still open");
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
}
