//! `/healthz` and `/openapi.json`.

use std::sync::Arc;

use serde_json::{json, Value};
use warp::filters::BoxedFilter;
use warp::http::StatusCode;
use warp::{Filter, Reply};

use crate::context::{any_of, finish, json, Ctx, Outcome};
use crate::error::ApiError;
use crate::openapi;

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let health = warp::path!("healthz")
        .and(warp::get())
        .and(ctx.with())
        .then(health)
        .map(finish);
    // Converted once, when the routes are built.
    let document = Arc::new(openapi::document_json());
    let docs = warp::path!("openapi.json")
        .and(warp::get())
        .map(move || finish(serve_document(&document)));
    any_of(vec![health.boxed(), docs.boxed()])
}

/// 200 `{"status":"ok"}` when storage answers, else 503.
async fn health(ctx: Ctx) -> Outcome {
    match ctx.chat.health().await {
        Ok(()) => Ok(json(StatusCode::OK, &json!({ "status": "ok" }))),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            Ok(json(
                StatusCode::SERVICE_UNAVAILABLE,
                &json!({ "status": "unavailable" }),
            ))
        }
    }
}

fn serve_document(document: &Result<Value, String>) -> Outcome {
    match document {
        Ok(doc) => Ok(json(StatusCode::OK, doc)),
        Err(e) => Err(ApiError::internal(e)),
    }
}
