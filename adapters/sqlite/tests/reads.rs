//! The read-states query reads indexes only: every count over `messages`
//! and `message_mentions` is an index range (`SEARCH … USING … INDEX`),
//! never a `SCAN` of either table, so a user in 2,000 channels with a
//! million messages costs at most 101 index entries per channel.

use chat_sqlite::SqliteStore;

#[tokio::test]
async fn read_states_count_from_indexes_never_scanning_messages() {
    let store = SqliteStore::open_in_memory().unwrap();
    let plan = store.explain_read_states().await.unwrap();
    let text = plan.join("\n");
    assert!(text.contains("messages_history"), "{text}");
    assert!(text.contains("SEARCH mm USING PRIMARY KEY"), "{text}");
    for line in &plan {
        assert!(
            !(line.starts_with("SCAN m ") || line == "SCAN m" || line.starts_with("SCAN mm")),
            "a full scan in the read-states plan: {line}\n{text}"
        );
    }
}
