//! The application as a library (zero2prod's shape): built in process on
//! port 0, its address read from it, stopped by the future it was given.

use chat_server::{Application, Config, StorageKind};

fn config(data_dir: &std::path::Path) -> Config {
    Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        storage: StorageKind::Memory,
        database_url: None,
        web_dir: None,
        allowed_origins: chat_http::AllowedOrigins::any(),
        rate_limits: false,
        trust_forwarded_for: false,
        data_dir: data_dir.to_path_buf(),
        jwt_secret: None,
        audit_retention_days: 90,
        log_format: chat_server::config::LogFormat::default(),
        metrics_listen: None,
        max_upload_mib: 25,
        blob_store: None,
        cluster: None,
        session_recheck_seconds: 60,
        signup_challenge: None,
        command: None,
    }
}

#[tokio::test]
async fn an_application_on_port_0_tells_its_address_and_stops_when_told() {
    let data_dir = tempfile::tempdir().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = Application::build_with_shutdown(config(data_dir.path()), async move {
        let _ = stopped.await;
    })
    .await
    .unwrap();
    let address = app.address();
    assert_ne!(address.port(), 0, "the real port, not the one asked for");
    let server = tokio::spawn(app.run_until_stopped());
    let health = reqwest::get(format!("http://{address}/healthz"))
        .await
        .unwrap();
    assert_eq!(health.status().as_u16(), 200);
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn a_port_in_use_is_one_clear_error() {
    let data_dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let config = Config {
        listen: taken.local_addr().unwrap(),
        ..config(data_dir.path())
    };
    let error = Application::build_with_shutdown(config, std::future::pending())
        .await
        .err()
        .expect("the port is taken");
    assert!(
        format!("{error:#}").contains("cannot listen on"),
        "{error:#}"
    );
}
