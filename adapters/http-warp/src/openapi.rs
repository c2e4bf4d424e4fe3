//! The OpenAPI 3.1 document of the REST API (`docs/openapi.yaml`), embedded
//! at compile time and served as JSON at `GET /openapi.json`.

use serde_json::Value;

/// The document as written, YAML.
pub const OPENAPI_YAML: &str = include_str!("../../../docs/openapi.yaml");

/// The document as JSON (`Err` with the reason if the YAML is broken, which
/// a test rules out).
pub fn document_json() -> Result<Value, String> {
    serde_yaml::from_str(OPENAPI_YAML).map_err(|e| format!("docs/openapi.yaml is invalid: {e}"))
}
