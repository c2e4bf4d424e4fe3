//! The sample Grafana dashboard (`deploy/grafana/chat-server.json`) is
//! valid JSON and queries only metrics that docs/operations.md lists as
//! exported, so renaming a metric without the dashboard fails here.

use std::collections::BTreeSet;

fn metric_names(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = text[i..].find("chat_") {
        let start = i + at;
        let end = text[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(text.len(), |n| start + n);
        let before_ok =
            start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
        if before_ok {
            names.insert(text[start..end].to_owned());
        }
        i = end.max(start + 1);
    }
    names
}

#[test]
fn the_dashboard_queries_only_documented_metrics() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let dashboard =
        std::fs::read_to_string(format!("{root}/deploy/grafana/chat-server.json")).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&dashboard).expect("valid JSON");
    let mut exprs = String::new();
    for panel in parsed["panels"].as_array().expect("panels") {
        for target in panel["targets"].as_array().expect("targets") {
            exprs.push_str(target["expr"].as_str().expect("expr"));
            exprs.push('\n');
        }
    }
    let docs = std::fs::read_to_string(format!("{root}/docs/operations.md")).unwrap();
    let documented = metric_names(&docs);
    let queried: BTreeSet<String> = metric_names(&exprs)
        .into_iter()
        .map(|n| {
            ["_bucket", "_count", "_sum"]
                .iter()
                .find_map(|s| n.strip_suffix(s).map(str::to_owned))
                .unwrap_or(n)
        })
        .collect();
    assert!(queried.len() >= 10, "{queried:?}");
    let unknown: Vec<_> = queried.difference(&documented).collect();
    assert!(unknown.is_empty(), "not in docs/operations.md: {unknown:?}");
}
