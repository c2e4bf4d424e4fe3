//! [`bind`]: the HTTP server under the warp filters.
//!
//! Why not `warp::serve`: the gateway needs the raw upgraded connection to
//! choose its own WebSocket buffers (warp's WebSocket keeps a fixed 8 KiB
//! read buffer per socket, most of an idle socket's cost), and warp only
//! hands out its own WebSocket type. So this module runs hyper itself and
//! puts two things in each request's extensions for the filters to take:
//! the client's address ([`PeerAddr`], which `warp::service` would lose)
//! and the connection's pending upgrade ([`PendingUpgrade`]).

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};

use hyper::server::conn::{AddrIncoming, AddrStream};
use hyper::service::{make_service_fn, service_fn, Service};
use hyper::upgrade::OnUpgrade;
use hyper::{Body, Request};
use warp::filters::BoxedFilter;
use warp::Reply;

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

/// Binds `addr` and returns the bound address and the server, which runs
/// `filter` for every request until `shutdown` resolves, then lets the
/// requests in flight finish.
pub fn bind(
    addr: SocketAddr,
    filter: BoxedFilter<(Box<dyn Reply>,)>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(SocketAddr, impl Future<Output = ()>), hyper::Error> {
    let routes = warp::service(filter);
    let make = make_service_fn(move |conn: &AddrStream| {
        let peer = PeerAddr(conn.remote_addr());
        let routes = routes.clone();
        async move {
            Ok::<_, Infallible>(service_fn(move |request| {
                routes.clone().call(with_connection_facts(request, peer))
            }))
        }
    });
    let mut incoming = AddrIncoming::bind(&addr)?;
    // Events are small frames that must leave at once.
    incoming.set_nodelay(true);
    let bound = incoming.local_addr();
    let server = hyper::Server::builder(incoming)
        .serve(make)
        .with_graceful_shutdown(shutdown);
    let run = async move {
        if let Err(e) = server.await {
            tracing::error!(error = %e, "server error");
        }
    };
    Ok((bound, run))
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
}
