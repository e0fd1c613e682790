//! The server's one way out (R-PD-3): every outbound call goes through this client,
//! which refuses any host that is not on the configured allow-list and logs the
//! refusal. Data stays in the country: the operator lists the in-country services
//! the server may reach (NCA's OCSP and CRL addresses, the object store).

use std::time::Duration;

/// An outbound call that was not made, and why.
#[derive(Debug, thiserror::Error)]
pub enum EgressError {
    #[error("{0} is not on the egress allow-list")]
    NotAllowed(String),
    #[error("not a usable http(s) address: {0}")]
    BadUrl(String),
    #[error("{0}")]
    Http(#[from] reqwest::Error),
}

#[derive(Clone)]
pub struct Egress {
    client: reqwest::Client,
    allowed: Vec<String>,
}

impl Egress {
    /// `allowed` holds host names (`ocsp.pki.gov.kz`) or `host:port`; `timeout`
    /// bounds every call.
    pub fn new(allowed: &[String], timeout: Duration) -> Result<Egress, EgressError> {
        Ok(Egress {
            client: reqwest::Client::builder()
                .timeout(timeout)
                // A redirect could lead anywhere: follow none.
                .redirect(reqwest::redirect::Policy::none())
                .build()?,
            allowed: allowed
                .iter()
                .map(|h| h.trim().to_ascii_lowercase())
                .collect(),
        })
    }

    /// Whether `url` may be called; refusals are logged here, once, for every caller.
    pub fn check(&self, url: &str) -> Result<reqwest::Url, EgressError> {
        let parsed = reqwest::Url::parse(url).map_err(|_| EgressError::BadUrl(url.to_string()))?;
        let host = match (parsed.scheme(), parsed.host_str()) {
            ("http" | "https", Some(h)) => h.to_ascii_lowercase(),
            _ => return Err(EgressError::BadUrl(url.to_string())),
        };
        let with_port = format!("{host}:{}", parsed.port_or_known_default().unwrap_or(0));
        if self.allowed.iter().any(|a| *a == host || *a == with_port) {
            Ok(parsed)
        } else {
            tracing::warn!(target: "egress", host = %with_port, "outbound call refused: host not on the allow-list");
            Err(EgressError::NotAllowed(with_port))
        }
    }

    pub async fn get(&self, url: &str) -> Result<reqwest::Response, EgressError> {
        let url = self.check(url)?;
        Ok(self.client.get(url).send().await?.error_for_status()?)
    }

    pub async fn post(
        &self,
        url: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Result<reqwest::Response, EgressError> {
        let url = self.check(url)?;
        Ok(self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body)
            .send()
            .await?
            .error_for_status()?)
    }

    /// A POST with the given headers; any answer status is returned to the caller
    /// (a push service's 404/410/5xx each mean something).
    pub async fn post_with_headers(
        &self,
        url: &str,
        headers: &[(&str, String)],
        body: Vec<u8>,
    ) -> Result<reqwest::Response, EgressError> {
        let url = self.check(url)?;
        let mut request = self.client.post(url).body(body);
        for (name, value) in headers {
            // reqwest sets Content-Length from the body.
            if !name.eq_ignore_ascii_case("content-length") {
                request = request.header(*name, value.as_str());
            }
        }
        Ok(request.send().await?)
    }

    /// The underlying client, for a library that sends its own requests (the S3
    /// store) to an endpoint this egress has checked.
    pub fn client_for(&self, url: &str) -> Result<reqwest::Client, EgressError> {
        self.check(url)?;
        Ok(self.client.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn egress(allowed: &[&str]) -> Egress {
        let allowed: Vec<String> = allowed.iter().map(|s| s.to_string()).collect();
        Egress::new(&allowed, Duration::from_secs(1)).unwrap()
    }

    #[test]
    fn r_pd_3_only_listed_hosts_and_ports_pass() {
        let e = egress(&["ocsp.pki.gov.kz", "127.0.0.1:9000"]);
        assert!(e.check("http://ocsp.pki.gov.kz/").is_ok());
        assert!(
            e.check("http://OCSP.pki.gov.kz:8080/x").is_ok(),
            "a bare host allows any port"
        );
        assert!(e.check("http://127.0.0.1:9000/bucket").is_ok());
        assert!(matches!(
            e.check("http://127.0.0.1:9001/"),
            Err(EgressError::NotAllowed(_))
        ));
        assert!(matches!(
            e.check("https://fcm.googleapis.com/fcm/send"),
            Err(EgressError::NotAllowed(_))
        ));
        assert!(matches!(
            e.check("http://ocsp.pki.gov.kz.evil.example/"),
            Err(EgressError::NotAllowed(_))
        ));
        assert!(matches!(
            e.check("file:///etc/passwd"),
            Err(EgressError::BadUrl(_))
        ));
        assert!(matches!(e.check("not a url"), Err(EgressError::BadUrl(_))));
    }

    #[tokio::test]
    async fn r_pd_3_a_refused_call_never_leaves_the_server() {
        // Something listens on this port; the call must not reach it.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let e = egress(&["ocsp.pki.gov.kz"]);
        assert!(matches!(e.get(&url).await, Err(EgressError::NotAllowed(_))));
        assert!(listener.accept().is_err(), "no connection was made");
    }
}
