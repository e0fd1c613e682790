//! HTTPS (R-SEC-1): the server terminates TLS itself (rustls on ring, TLS 1.2 and 1.3
//! only) when `[tls] cert` and `key` are set, and may answer plain HTTP on
//! `[tls] redirect_from` with a 308 to the HTTPS address. Behind a reverse proxy
//! (`[http] behind_proxy`), the proxy's `X-Forwarded-Proto`/`X-Forwarded-For` count
//! only on connections from `[http] trusted_proxies`.

use crate::config::{Config, TlsConfig};
use anyhow::{Context, bail};
use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use axum::http::{Extensions, HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::{self, ServerConfig};
use tokio_rustls::server::TlsStream;

/// The rustls configuration from the PEM files: TLS 1.2 and 1.3, HTTP/1.1.
pub fn server_config(tls: &TlsConfig) -> anyhow::Result<Arc<ServerConfig>> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let (Some(cert), Some(key)) = (&tls.cert, &tls.key) else {
        bail!("[tls] needs both cert and key");
    };
    let chain = CertificateDer::pem_file_iter(cert)
        .with_context(|| format!("cannot read the certificate {}", cert.display()))?
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("{}: not a PEM certificate chain", cert.display()))?;
    if chain.is_empty() {
        bail!("{}: no certificate in it", cert.display());
    }
    let key = PrivateKeyDer::from_pem_file(key)
        .with_context(|| format!("cannot read the private key {}", key.display()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .context("the certificate and key do not go together")?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// A listener whose connections are TLS streams. Handshakes run in their own tasks,
/// so a slow or silent client holds up nobody; finished ones queue for `accept`.
pub struct TlsListener {
    local: SocketAddr,
    ready: tokio::sync::mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    _accepting: tokio::task::JoinHandle<()>,
}

impl TlsListener {
    pub fn new(listener: TcpListener, config: Arc<ServerConfig>) -> std::io::Result<TlsListener> {
        let local = listener.local_addr()?;
        let acceptor = TlsAcceptor::from(config);
        let (tx, ready) = tokio::sync::mpsc::channel(64);
        let accepting = tokio::spawn(async move {
            loop {
                let (tcp, peer) = match listener.accept().await {
                    Ok(c) => c,
                    Err(e) => {
                        // Out of file descriptors and the like: wait, then go on.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let acceptor = acceptor.clone();
                let ready = tx.clone();
                tokio::spawn(async move {
                    let handshake =
                        tokio::time::timeout(Duration::from_secs(10), acceptor.accept(tcp)).await;
                    match handshake {
                        Ok(Ok(stream)) => {
                            let _ = ready.send((stream, peer)).await;
                        }
                        // A refused protocol version, a scanner, a timeout: nothing to serve.
                        Ok(Err(e)) => tracing::debug!(error = %e, "TLS handshake failed"),
                        Err(_) => tracing::debug!("TLS handshake timed out"),
                    }
                });
                if tx.is_closed() {
                    break;
                }
            }
        });
        Ok(TlsListener {
            local,
            ready,
            _accepting: accepting,
        })
    }
}

impl Drop for TlsListener {
    fn drop(&mut self) {
        self._accepting.abort();
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(c) => c,
            // The accepting task ended (it never does while the listener lives).
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.local)
    }
}

/// The plain-HTTP listener of `[tls] redirect_from`: 308 to `https://<host><path>`,
/// with the HTTPS port when it is not 443. Serves until the process ends.
pub async fn serve_redirect(listener: TcpListener, https_port: u16) -> std::io::Result<()> {
    let app = axum::Router::new().fallback(move |headers: HeaderMap, uri: Uri| async move {
        redirect(&headers, &uri, https_port)
    });
    axum::serve(listener, app).await
}

fn redirect(headers: &HeaderMap, uri: &Uri, https_port: u16) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .and_then(|h| h.parse::<axum::http::uri::Authority>().ok());
    let Some(host) = host else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let port = if https_port == 443 {
        String::new()
    } else {
        format!(":{https_port}")
    };
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let location = format!("https://{}{port}{path}", host.host());
    (
        StatusCode::PERMANENT_REDIRECT,
        [(header::LOCATION, location)],
    )
        .into_response()
}

/// Whether the forwarded headers of this request may be believed: the old blanket
/// `trust_proxy`, or `[http] behind_proxy` and a connection from a listed proxy.
pub fn forwarded_trusted(config: &Config, parts: &Parts) -> bool {
    forwarded_trusted_from(config, &parts.extensions)
}

pub fn forwarded_trusted_from(config: &Config, extensions: &Extensions) -> bool {
    if config.trust_proxy {
        return true;
    }
    config.http.behind_proxy
        && extensions
            .get::<ConnectInfo<SocketAddr>>()
            .is_some_and(|c| is_trusted_proxy(&config.http.trusted_proxies, c.0.ip()))
}

/// Whether the request reached us over HTTPS: this server terminates TLS, or a
/// trusted proxy says so in `X-Forwarded-Proto`.
pub fn is_https(config: &Config, headers: &HeaderMap, extensions: &Extensions) -> bool {
    if config.tls.enabled() {
        return true;
    }
    forwarded_trusted_from(config, extensions)
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"))
}

/// `ip` is one of `proxies`: addresses (`10.0.0.5`) or networks (`10.0.0.0/24`).
pub fn is_trusted_proxy(proxies: &[String], ip: IpAddr) -> bool {
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    };
    proxies.iter().any(|entry| {
        let (addr, bits) = match entry.split_once('/') {
            Some((a, b)) => (a, b.parse::<u32>().ok()),
            None => (entry.as_str(), None),
        };
        let Ok(net) = addr.trim().parse::<IpAddr>() else {
            return false;
        };
        match (net, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let bits = bits.unwrap_or(32).min(32);
                let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
                u32::from(n) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let bits = bits.unwrap_or(128).min(128);
                let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
                u128::from(n) & mask == u128::from(a) & mask
            }
            _ => false,
        }
    })
}

/// Refuses a configuration that cannot work before anything listens.
pub fn check(config: &Config) -> anyhow::Result<()> {
    let tls = &config.tls;
    if tls.cert.is_some() != tls.key.is_some() {
        bail!("[tls] needs both cert and key");
    }
    if tls.redirect_from.is_some() && !tls.enabled() {
        bail!("[tls] redirect_from needs cert and key");
    }
    for p in &config.http.trusted_proxies {
        let (addr, bits) = p.split_once('/').unwrap_or((p.as_str(), "0"));
        if addr.trim().parse::<IpAddr>().is_err() || bits.trim().parse::<u8>().is_err() {
            bail!("[http] trusted_proxies: {p} is not an address or network");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxies_match_by_address_or_network() {
        let list = vec!["10.0.0.0/24".to_string(), "::1".to_string()];
        assert!(is_trusted_proxy(&list, "10.0.0.7".parse().unwrap()));
        assert!(!is_trusted_proxy(&list, "10.0.1.7".parse().unwrap()));
        assert!(is_trusted_proxy(&list, "::1".parse().unwrap()));
        assert!(is_trusted_proxy(&list, "::ffff:10.0.0.9".parse().unwrap()));
        assert!(!is_trusted_proxy(
            &["0.0.0.0/0".into()],
            "::2".parse().unwrap()
        ));
    }

    #[test]
    fn redirect_keeps_host_path_and_query() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, "fito.example:8080".parse().unwrap());
        let r = redirect(&h, &"/api/v1/users?x=1".parse().unwrap(), 8443);
        assert_eq!(r.status(), StatusCode::PERMANENT_REDIRECT);
        assert_eq!(
            r.headers()[header::LOCATION],
            "https://fito.example:8443/api/v1/users?x=1"
        );
        let r = redirect(&h, &"/".parse().unwrap(), 443);
        assert_eq!(r.headers()[header::LOCATION], "https://fito.example/");
    }
}
