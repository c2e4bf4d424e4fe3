//! [`bind`]: the HTTP server under the warp filters.
//!
//! Why not `warp::serve`: the gateway needs the raw upgraded connection to
//! choose its own WebSocket buffers (warp's WebSocket keeps a fixed 8 KiB
//! read buffer per socket, most of an idle socket's cost), and warp only
//! hands out its own WebSocket type. So this module runs hyper itself and
//! puts two things in each request's extensions for the filters to take:
//! the client's address ([`PeerAddr`], which `warp::service` would lose)
//! and the connection's pending upgrade ([`PendingUpgrade`]). It also says
//! `Connection: close` on any answer given before the request's body was
//! read to its end (a refusal by route, method or authentication): hyper
//! then drops the connection, and a pooling client must not reuse it. And
//! it answers `HEAD` as the routes answer `GET`, without the body (every
//! HTTP server must, and warp routes do not).
//!
//! Slow and greedy clients ([`ServeLimits`]): a request's head must arrive
//! within `head_timeout` (hyper's header read timeout); a body within
//! `body_timeout` of the request (`upload_body_timeout` for the file
//! uploads, whose bodies are far larger); a keep-alive connection may stay idle
//! `idle_timeout`; and [`crate::gate`] caps open connections per address
//! and in all (and runs the idle timer, which hyper 0.14 lacks).

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures::Stream;
use hyper::body::HttpBody;
use hyper::header::{HeaderValue, CONNECTION};
use hyper::server::conn::AddrIncoming;
use hyper::service::{make_service_fn, service_fn, Service};
use hyper::upgrade::OnUpgrade;
use hyper::{Body, Method, Request, Response, StatusCode};
use tokio::time::Sleep;
use warp::filters::BoxedFilter;
use warp::Reply;

use crate::gate::{Counted, Gate};

/// The address of the client at the other end of the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeerAddr(pub SocketAddr);

/// The connection's upgrade (e.g. to a WebSocket), for the one filter that
/// answers `101 Switching Protocols` to take. Cloneable only so warp can
/// hand it to a filter; the upgrade itself can be taken once.
#[derive(Debug, Clone)]
pub struct PendingUpgrade(Arc<Mutex<Option<OnUpgrade>>>);

impl PendingUpgrade {
    /// The upgrade, resolving to the raw connection once the `101` answer
    /// has been sent; `None` if already taken.
    pub fn take(&self) -> Option<OnUpgrade> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).take()
    }
}

/// How the server treats slow and greedy clients.
#[derive(Debug, Clone)]
pub struct ServeLimits {
    /// Time for a request's head to arrive once it has begun (10 s).
    pub head_timeout: Duration,
    /// How long a keep-alive connection may stay idle between requests
    /// (60 s: below the 90 s a pooling client such as reqwest keeps an idle
    /// connection, above the gaps of an active browser tab).
    pub idle_timeout: Duration,
    /// Time for a request's body to arrive, from the request's start (30 s).
    pub body_timeout: Duration,
    /// The same for the file uploads (attachments, avatars, server icons;
    /// 10 minutes: a 25 MiB file at about 350 kbit/s).
    pub upload_body_timeout: Duration,
    /// Connections open at once from one address, an IPv6 /64 (256).
    pub connections_per_address: usize,
    /// Connections open at once in all (60,000: above the gateway's
    /// 50,000 sockets, so REST still answers when the sockets are full).
    pub max_connections: usize,
}

impl Default for ServeLimits {
    fn default() -> Self {
        Self {
            head_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            body_timeout: Duration::from_secs(30),
            upload_body_timeout: Duration::from_secs(600),
            connections_per_address: 256,
            max_connections: 60_000,
        }
    }
}

/// Binds `addr` and returns the bound address and the server, which runs
/// `filter` for every request until `shutdown` resolves, then lets the
/// requests in flight finish. With the default [`ServeLimits`].
pub fn bind(
    addr: SocketAddr,
    filter: BoxedFilter<(Box<dyn Reply>,)>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(SocketAddr, impl Future<Output = ()>), hyper::Error> {
    bind_with(addr, filter, shutdown, ServeLimits::default())
}

/// [`bind`] with these limits.
pub fn bind_with(
    addr: SocketAddr,
    filter: BoxedFilter<(Box<dyn Reply>,)>,
    shutdown: impl Future<Output = ()> + Send + 'static,
    limits: ServeLimits,
) -> Result<(SocketAddr, impl Future<Output = ()>), hyper::Error> {
    let routes = warp::service(filter);
    let timeouts = (limits.body_timeout, limits.upload_body_timeout);
    let make = make_service_fn(move |conn: &Counted| {
        let peer = PeerAddr(conn.remote_addr());
        let state = conn.state();
        let routes = routes.clone();
        async move {
            Ok::<_, Infallible>(service_fn(move |request| {
                let busy = state.start();
                let state = Arc::clone(&state);
                let request = head_as_get(request);
                let request = with_connection_facts(request, peer);
                let timeout = if is_upload(request.method(), request.uri().path()) {
                    timeouts.1
                } else {
                    timeouts.0
                };
                let (request, body_read) = track_body(request, timeout);
                let answer = routes.clone().call(request);
                async move {
                    let mut response = answer.await?;
                    if response.status() == StatusCode::SWITCHING_PROTOCOLS {
                        state.upgraded();
                    }
                    drop(busy);
                    if body_read.is_some_and(|read| !read.load(Ordering::Acquire)) {
                        close_after(&mut response);
                    }
                    Ok::<_, Infallible>(response)
                }
            }))
        }
    });
    let mut incoming = AddrIncoming::bind(&addr)?;
    // Events are small frames that must leave at once.
    incoming.set_nodelay(true);
    let bound = incoming.local_addr();
    let gate = Gate::new(
        incoming,
        limits.connections_per_address,
        limits.max_connections,
        limits.idle_timeout,
    );
    let server = hyper::Server::builder(gate)
        .http1_header_read_timeout(limits.head_timeout)
        .serve(make)
        .with_graceful_shutdown(shutdown);
    let run = async move {
        if let Err(e) = server.await {
            tracing::error!(error = %e, "server error");
        }
    };
    Ok((bound, run))
}

/// A `HEAD` request goes to the routes as the `GET` it asks about. hyper
/// still knows it was `HEAD`: it sends the answer's head (`Content-Length`
/// included) and never its body.
fn head_as_get(mut request: Request<Body>) -> Request<Body> {
    if request.method() == Method::HEAD {
        *request.method_mut() = Method::GET;
    }
    request
}

/// Wraps a request's body (if it has one) so it is known whether the
/// filters read it to its end, and so it fails once `timeout` has passed.
fn track_body(
    request: Request<Body>,
    timeout: Duration,
) -> (Request<Body>, Option<Arc<AtomicBool>>) {
    if request.body().is_end_stream() {
        return (request, None);
    }
    let read = Arc::new(AtomicBool::new(false));
    let (parts, body) = request.into_parts();
    let tracked = Tracked {
        body,
        read: Arc::clone(&read),
        deadline: Box::pin(tokio::time::sleep(timeout)),
    };
    (
        Request::from_parts(parts, Body::wrap_stream(tracked)),
        Some(read),
    )
}

/// Whether the request is one of the file uploads (`POST
/// /channels/{id}/attachments`, `PUT /me/avatar`, `PUT /servers/{id}/icon`).
fn is_upload(method: &Method, path: &str) -> bool {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    matches!(
        (method, segments.as_slice()),
        (&Method::POST, ["channels", _, "attachments"])
            | (&Method::PUT, ["me", "avatar"])
            | (&Method::PUT, ["servers", _, "icon"])
    )
}

fn close_after(response: &mut Response<Body>) {
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
}

/// A request body that records when it has been read to its end, and
/// fails when it has not arrived by its deadline.
struct Tracked {
    body: Body,
    read: Arc<AtomicBool>,
    deadline: Pin<Box<Sleep>>,
}

/// The body did not arrive in time.
#[derive(Debug)]
struct BodyTimeout;

impl std::fmt::Display for BodyTimeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the request body did not arrive in time")
    }
}

impl std::error::Error for BodyTimeout {}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl Stream for Tracked {
    type Item = Result<Bytes, BoxError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.deadline.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Some(Err(Box::new(BodyTimeout))));
        }
        let next = Pin::new(&mut self.body)
            .poll_data(cx)
            .map(|item| item.map(|chunk| chunk.map_err(BoxError::from)));
        if let Poll::Ready(None) = next {
            self.read.store(true, Ordering::Release);
        }
        next
    }
}

fn with_connection_facts(mut request: Request<Body>, peer: PeerAddr) -> Request<Body> {
    let extensions = request.extensions_mut();
    extensions.insert(peer);
    if let Some(upgrade) = extensions.remove::<OnUpgrade>() {
        extensions.insert(PendingUpgrade(Arc::new(Mutex::new(Some(upgrade)))));
    }
    request
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;
    use warp::Filter;

    /// A filter that answers with what `bind` recorded about the request.
    fn echo_facts() -> BoxedFilter<(Box<dyn Reply>,)> {
        warp::ext::optional::<PeerAddr>()
            .and(warp::ext::optional::<PendingUpgrade>())
            .map(|peer: Option<PeerAddr>, upgrade: Option<PendingUpgrade>| {
                let peer = peer.map(|PeerAddr(a)| a.to_string()).unwrap_or_default();
                let body = format!("{peer} upgrade={}", upgrade.is_some());
                Box::new(body) as Box<dyn Reply>
            })
            .boxed()
    }

    async fn ask(addr: SocketAddr, request: &str) -> (SocketAddr, String) {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let me = stream.local_addr().unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        (me, answer)
    }

    /// Reads the body only for `POST /read`; refuses everything else.
    fn reads_only_some_bodies() -> BoxedFilter<(Box<dyn Reply>,)> {
        let read = warp::path("read")
            .and(warp::body::bytes())
            .map(|_: Bytes| Box::new("read") as Box<dyn Reply>);
        let refuse = warp::any().map(|| {
            let refused = warp::reply::with_status("no", warp::http::StatusCode::UNAUTHORIZED);
            Box::new(refused) as Box<dyn Reply>
        });
        read.or(refuse).unify().boxed()
    }

    /// Sends the head, waits, then the body, as a slow client does; returns
    /// the head of the answer.
    async fn post_slowly(addr: SocketAddr, path: &str) -> String {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let head = format!("POST {path} HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n");
        stream.write_all(head.as_bytes()).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let _ = stream.write_all(b"{}").await;
        let mut answer = vec![0; 1024];
        let n = stream.read(&mut answer).await.unwrap();
        String::from_utf8_lossy(&answer[..n]).to_lowercase()
    }

    #[tokio::test]
    async fn an_answer_given_before_the_body_was_read_closes_the_connection() {
        let any_port = SocketAddr::from(([127, 0, 0, 1], 0));
        let (addr, server) =
            bind(any_port, reads_only_some_bodies(), std::future::pending()).unwrap();
        tokio::spawn(server);
        let refused = post_slowly(addr, "/refused").await;
        assert!(refused.starts_with("http/1.1 401"), "{refused}");
        assert!(refused.contains("connection: close"), "{refused}");
        let read = post_slowly(addr, "/read").await;
        assert!(read.starts_with("http/1.1 200"), "{read}");
        assert!(!read.contains("connection: close"), "{read}");
    }

    #[tokio::test]
    async fn head_is_answered_like_get_without_the_body() {
        let any_port = SocketAddr::from(([127, 0, 0, 1], 0));
        let hello = warp::get()
            .map(|| Box::new("hello") as Box<dyn Reply>)
            .boxed();
        let (addr, server) = bind(any_port, hello, std::future::pending()).unwrap();
        tokio::spawn(server);
        // HEAD, then GET on the same connection: no stray body in between.
        let requests = "HEAD / HTTP/1.1\r\nhost: x\r\n\r\n\
                        GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n";
        let (_, answer) = ask(addr, requests).await;
        let answers: Vec<&str> = answer.split("HTTP/1.1 ").skip(1).collect();
        assert_eq!(answers.len(), 2, "{answer}");
        assert!(answers[0].starts_with("200"), "{answer}");
        assert!(answers[0].contains("content-length: 5"), "{answer}");
        assert!(answers[0].ends_with("\r\n\r\n"), "{answer}");
        assert!(
            answers[1].starts_with("200") && answers[1].ends_with("hello"),
            "{answer}"
        );
    }

    #[tokio::test]
    async fn filters_see_the_peer_address_and_a_pending_upgrade() {
        let any_port = SocketAddr::from(([127, 0, 0, 1], 0));
        let (addr, server) = bind(any_port, echo_facts(), std::future::pending()).unwrap();
        tokio::spawn(server);

        let plain = "GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n";
        let (me, answer) = ask(addr, plain).await;
        assert!(answer.ends_with(&format!("{me} upgrade=false")), "{answer}");

        let upgrade =
            "GET / HTTP/1.1\r\nhost: x\r\nconnection: upgrade, close\r\nupgrade: websocket\r\n\r\n";
        let (me, answer) = ask(addr, upgrade).await;
        assert!(answer.ends_with(&format!("{me} upgrade=true")), "{answer}");
    }

    fn quick_limits() -> ServeLimits {
        ServeLimits {
            head_timeout: Duration::from_millis(300),
            idle_timeout: Duration::from_millis(300),
            body_timeout: Duration::from_millis(300),
            upload_body_timeout: Duration::from_secs(3),
            connections_per_address: 2,
            max_connections: 100,
        }
    }

    async fn serve(filter: BoxedFilter<(Box<dyn Reply>,)>) -> SocketAddr {
        let any_port = SocketAddr::from(([127, 0, 0, 1], 0));
        let (addr, server) =
            bind_with(any_port, filter, std::future::pending(), quick_limits()).unwrap();
        tokio::spawn(server);
        addr
    }

    fn hello() -> BoxedFilter<(Box<dyn Reply>,)> {
        warp::any()
            .and(warp::body::bytes())
            .map(|_: Bytes| Box::new("hello") as Box<dyn Reply>)
            .boxed()
    }

    /// Reads until the server closes the connection (bounded: 5 s, far
    /// above the timeouts under test); what was read.
    async fn until_closed(stream: &mut TcpStream) -> String {
        let mut all = Vec::new();
        let read = stream.read_to_end(&mut all);
        let outcome = tokio::time::timeout(std::time::Duration::from_secs(5), read).await;
        assert!(outcome.is_ok(), "the server kept the connection open");
        String::from_utf8_lossy(&all).to_lowercase()
    }

    #[tokio::test]
    async fn a_half_sent_head_is_closed_after_the_head_timeout() {
        let addr = serve(hello()).await;
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(b"GET / HTTP/1.1\r\nhost: x\r\nx-slow: ")
            .await
            .unwrap();
        let answer = until_closed(&mut stream).await;
        assert!(!answer.contains("hello"), "{answer}");
    }

    #[tokio::test]
    async fn keep_alive_serves_several_requests_then_an_idle_connection_is_closed() {
        let addr = serve(hello()).await;
        let mut stream = TcpStream::connect(addr).await.unwrap();
        for _ in 0..3 {
            stream
                .write_all(b"GET / HTTP/1.1\r\nhost: x\r\n\r\n")
                .await
                .unwrap();
            let mut answer = vec![0; 1024];
            let n = stream.read(&mut answer).await.unwrap();
            let answer = String::from_utf8_lossy(&answer[..n]).to_string();
            assert!(
                answer.starts_with("HTTP/1.1 200") && answer.ends_with("hello"),
                "{answer}"
            );
        }
        assert_eq!(until_closed(&mut stream).await, "");
    }

    #[tokio::test]
    async fn a_body_that_does_not_arrive_in_time_is_refused_and_the_connection_closed() {
        let addr = serve(hello()).await;
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let head = "POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\n\r\nab";
        stream.write_all(head.as_bytes()).await.unwrap();
        let answer = until_closed(&mut stream).await;
        assert!(!answer.contains("hello"), "{answer}");
    }

    #[test]
    fn uploads_are_told_apart_by_method_and_path() {
        let id = "0190a0b0-0000-7000-8000-000000000000";
        for (method, path) in [
            (Method::POST, format!("/channels/{id}/attachments")),
            (Method::PUT, "/me/avatar".to_owned()),
            (Method::PUT, format!("/servers/{id}/icon")),
        ] {
            assert!(is_upload(&method, &path), "{method} {path}");
        }
        for (method, path) in [
            (Method::GET, format!("/channels/{id}/attachments")),
            (Method::POST, format!("/channels/{id}/messages")),
            (Method::PUT, "/me".to_owned()),
            (Method::PUT, format!("/servers/{id}")),
            (Method::PUT, format!("/servers/{id}/icon/extra")),
        ] {
            assert!(!is_upload(&method, &path), "{method} {path}");
        }
    }

    #[tokio::test]
    async fn an_upload_body_may_take_longer_than_the_body_timeout() {
        let addr = serve(hello()).await;
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let head = "PUT /me/avatar HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: 4\r\n\r\nab";
        stream.write_all(head.as_bytes()).await.unwrap();
        // Past the 300 ms body timeout, well within the upload one.
        tokio::time::sleep(Duration::from_millis(600)).await;
        stream.write_all(b"cd").await.unwrap();
        let answer = until_closed(&mut stream).await;
        assert!(answer.contains("hello"), "{answer}");
    }

    #[tokio::test]
    async fn connections_beyond_the_per_address_cap_are_closed_at_once() {
        let addr = serve(hello()).await;
        let request = b"GET / HTTP/1.1\r\nhost: x\r\n\r\n";
        let mut open = Vec::new();
        for _ in 0..2 {
            let mut s = TcpStream::connect(addr).await.unwrap();
            s.write_all(request).await.unwrap();
            let mut answer = vec![0; 1024];
            assert!(s.read(&mut answer).await.unwrap() > 0);
            open.push(s);
        }
        let mut third = TcpStream::connect(addr).await.unwrap();
        let _ = third.write_all(request).await;
        assert_eq!(until_closed(&mut third).await, "");
        // Another address is not counted with these.
        let other = tokio::net::TcpSocket::new_v4().unwrap();
        other.bind("127.0.0.2:0".parse().unwrap()).unwrap();
        let mut other = other.connect(addr).await.unwrap();
        other.write_all(request).await.unwrap();
        let mut answer = vec![0; 1024];
        assert!(other.read(&mut answer).await.unwrap() > 0);
        // A closed connection frees its place.
        drop(open.pop());
        let mut again = None;
        for _ in 0..100 {
            let mut s = TcpStream::connect(addr).await.unwrap();
            s.write_all(request).await.unwrap();
            let mut answer = vec![0; 1024];
            if matches!(s.read(&mut answer).await, Ok(n) if n > 0) {
                again = Some(s);
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        assert!(again.is_some(), "the freed place was not given again");
    }
}
