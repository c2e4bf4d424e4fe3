//! Store call latency on `/metrics` (`chat_store_call_duration_seconds`,
//! as the SQLite and PostgreSQL stores record it), taken from the
//! driver's command monitoring: every command is timed, with no code at
//! the call sites. The label is the command and its collection
//! (`find users`, `insert messages`), like PostgreSQL's verb and table;
//! the time is the driver's, from sending the command to its answer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use mongodb::bson::{Bson, Document};
use mongodb::event::command::CommandEvent;
use mongodb::event::EventHandler;

/// The metric of store call latency (`/metrics`), by operation.
const STORE_CALL_SECONDS: &str = "chat_store_call_duration_seconds";

/// Commands started and not yet answered, by request id, with their
/// label. Bounded: if answers were ever lost, it is emptied rather than
/// left to grow.
const MAX_IN_FLIGHT: usize = 10_000;

/// The handler to set as the client's `command_event_handler`.
pub(crate) fn handler() -> EventHandler<CommandEvent> {
    let in_flight: Arc<Mutex<HashMap<i32, String>>> = Arc::default();
    EventHandler::callback(move |event| {
        let mut labels = in_flight.lock().unwrap_or_else(PoisonError::into_inner);
        match event {
            CommandEvent::Started(e) => {
                if labels.len() >= MAX_IN_FLIGHT {
                    labels.clear();
                }
                labels.insert(e.request_id, operation_of(&e.command_name, &e.command));
            }
            CommandEvent::Succeeded(e) => {
                record(labels.remove(&e.request_id), &e.command_name, e.duration);
            }
            CommandEvent::Failed(e) => {
                record(labels.remove(&e.request_id), &e.command_name, e.duration);
            }
            _ => {}
        }
    })
}

fn record(label: Option<String>, command: &str, took: Duration) {
    let operation = label.unwrap_or_else(|| command.to_owned());
    metrics::histogram!(
        STORE_CALL_SECONDS,
        "store" => "mongo",
        "operation" => operation,
    )
    .record(took.as_secs_f64());
}

/// A command's label: its name and the collection it works on (the value
/// of its first field, or `collection` for `getMore`), or only its name.
fn operation_of(name: &str, command: &Document) -> String {
    let collection = match command.get(name) {
        Some(Bson::String(c)) => Some(c.as_str()),
        _ => command.get_str("collection").ok(),
    };
    match collection {
        Some(c) => format!("{} {c}", name.to_ascii_lowercase()),
        None => name.to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use mongodb::bson::doc;

    use super::operation_of;

    #[test]
    fn the_label_is_the_command_and_its_collection() {
        assert_eq!(
            operation_of("find", &doc! {"find": "users", "filter": {}}),
            "find users"
        );
        assert_eq!(
            operation_of("findAndModify", &doc! {"findAndModify": "read_states"}),
            "findandmodify read_states"
        );
        assert_eq!(
            operation_of(
                "getMore",
                &doc! {"getMore": 7_i64, "collection": "messages"}
            ),
            "getmore messages"
        );
        assert_eq!(operation_of("ping", &doc! {"ping": 1}), "ping");
    }
}
