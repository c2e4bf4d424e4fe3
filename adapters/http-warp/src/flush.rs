//! A write is acknowledged once its events have left this process: every
//! successful request other than `GET`/`HEAD`/`OPTIONS` awaits
//! [`Chat::events_flushed`] before its answer goes out. On a cluster that
//! is one Redis round trip (the events are already queued by then), so an
//! instance killed right after a 201 has still handed the write's event
//! to the others; on one instance it costs nothing.

use chat_core::Chat;
use warp::filters::BoxedFilter;
use warp::http::Method;
use warp::{Filter, Reply};

/// `routes`, whose successful writes answer only once their events left.
pub(crate) fn after_events_left(
    chat: Chat,
    routes: BoxedFilter<(Box<dyn Reply>,)>,
) -> BoxedFilter<(Box<dyn Reply>,)> {
    warp::method()
        .and(routes)
        .then(move |method: Method, reply: Box<dyn Reply>| {
            let chat = chat.clone();
            async move {
                if !is_write(&method) {
                    return reply;
                }
                let response = reply.into_response();
                if response.status().is_success() {
                    chat.events_flushed().await;
                }
                Box::new(response) as Box<dyn Reply>
            }
        })
        .boxed()
}

fn is_write(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_do_not_wait() {
        assert!(!is_write(&Method::GET));
        assert!(!is_write(&Method::HEAD));
        assert!(is_write(&Method::POST));
        assert!(is_write(&Method::DELETE));
        assert!(is_write(&Method::PATCH));
        assert!(is_write(&Method::PUT));
    }
}
