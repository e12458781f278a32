//! The running bot's health and metrics over HTTP, for the server it runs on: a service
//! manager's or a load balancer's probe, and a Prometheus scrape. Served on `--listen` only.
//!
//! ```text
//! GET /healthz  → 200 ok                                 (the store answers, Telegram answered lately)
//!               → 503 the store is being opened again after a failure
//! GET /metrics  → escale_updates_total 1234 …            (Prometheus text format)
//! ```

use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;

use crate::Escale;
use crate::metrics::Metrics;

/// How long without a successful Bot API call before the bot is called unhealthy (the bot asks
/// Telegram at least every 30 s: a long poll).
pub const API_SILENCE_SECS: u64 = 180;

/// Serves `/healthz` and `/metrics` on `listener` until the task is aborted.
pub fn serve(
    escale: Arc<Escale>,
    listener: tokio::net::TcpListener,
) -> tokio::task::JoinHandle<()> {
    let app = Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .with_state(escale);
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!(error = %e, "the health server stopped");
        }
    })
}

/// Whether the bot can do its work, and if not, why (one line).
pub fn check(escale: &Escale, now: u64) -> Result<(), String> {
    if !escale.store.is_healthy() {
        return Err("the store is being opened again after a failure (a full disk?)".into());
    }
    let last = Metrics::get(&escale.metrics.api_ok_at);
    if last == 0 {
        return Err("the Bot API has not answered yet".into());
    }
    let silence = now.saturating_sub(last);
    if silence > API_SILENCE_SECS {
        return Err(format!("the Bot API has not answered for {silence} s"));
    }
    Ok(())
}

async fn healthz(State(escale): State<Arc<Escale>>) -> (StatusCode, String) {
    match check(&escale, crate::unix_now()) {
        Ok(()) => (StatusCode::OK, "ok\n".into()),
        Err(reason) => (StatusCode::SERVICE_UNAVAILABLE, format!("{reason}\n")),
    }
}

async fn metrics(State(escale): State<Arc<Escale>>) -> String {
    let m = &escale.metrics;
    let counter = |out: &mut String, name: &str, help: &str, value: &AtomicU64| {
        let value = value.load(Ordering::Relaxed);
        let _ = writeln!(
            out,
            "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}"
        );
    };
    let mut out = String::new();
    counter(
        &mut out,
        "escale_updates_total",
        "Telegram updates received.",
        &m.updates,
    );
    counter(
        &mut out,
        "escale_updates_dropped_total",
        "Updates dropped: their chat sent more than its fair share.",
        &m.dropped,
    );
    counter(
        &mut out,
        "escale_updates_failed_total",
        "Updates that failed and were answered with an apology.",
        &m.failed,
    );
    let fsyncs = escale.store.fsyncs();
    let _ = writeln!(
        out,
        "# HELP escale_fsyncs_total Flushes of the store to disk (one per group of writes).\n\
         # TYPE escale_fsyncs_total counter\nescale_fsyncs_total {fsyncs}"
    );
    let healthy = u8::from(check(&escale, crate::unix_now()).is_ok());
    let _ = writeln!(
        out,
        "# HELP escale_healthy 1 while /healthz says ok.\n# TYPE escale_healthy gauge\n\
         escale_healthy {healthy}"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::i18n::I18n;
    use crate::store::Store;

    fn escale() -> Escale {
        Escale::new(
            Config::embedded(),
            I18n::embedded(),
            Store::temporary().unwrap(),
        )
    }

    #[test]
    fn healthy_only_while_telegram_answers() {
        let escale = escale();
        assert!(
            check(&escale, 1_000)
                .unwrap_err()
                .contains("not answered yet")
        );
        escale.metrics.api_ok_at.store(1_000, Ordering::Relaxed);
        assert_eq!(check(&escale, 1_000 + API_SILENCE_SECS), Ok(()));
        let late = check(&escale, 1_001 + API_SILENCE_SECS).unwrap_err();
        assert!(late.contains("181 s"), "{late}");
    }

    /// Over real HTTP, as a probe or a scrape asks.
    #[tokio::test]
    async fn healthz_and_metrics_answer_over_http() {
        use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
        let escale = Arc::new(escale());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = serve(escale.clone(), listener);
        let get = |path: &'static str| async move {
            let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
            let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            stream.write_all(request.as_bytes()).await.unwrap();
            let mut answer = String::new();
            stream.read_to_string(&mut answer).await.unwrap();
            answer
        };
        let unhealthy = get("/healthz").await;
        assert!(unhealthy.starts_with("HTTP/1.1 503"), "{unhealthy}");
        Metrics::add(&escale.metrics.updates);
        Metrics::mark(&escale.metrics.api_ok_at, crate::unix_now());
        let healthy = get("/healthz").await;
        assert!(
            healthy.starts_with("HTTP/1.1 200") && healthy.ends_with("ok\n"),
            "{healthy}"
        );
        let metrics = get("/metrics").await;
        assert!(metrics.contains("\nescale_updates_total 1\n"), "{metrics}");
        assert!(metrics.contains("\nescale_healthy 1\n"), "{metrics}");
        server.abort();
    }
}
