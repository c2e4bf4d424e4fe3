//! The Redis adapters against a real Redis (`CHAT_TEST_REDIS_URL`, which
//! scripts/test sets with scripts/lib/redis.sh): token buckets match the
//! in-memory ones and are atomic across connections, presence and events
//! cross two "instances".

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chat_core::cluster::{BusListener, ClusterHealth};
use chat_core::ids::UserId;
use chat_core::limits::{Admission, CounterStore, Rule};
use chat_core::presence::Presence;
use chat_core::Timestamp;
use chat_redis::{ClusterTimings, RedisCluster};
use uuid::Uuid;

fn url() -> String {
    std::env::var("CHAT_TEST_REDIS_URL").unwrap_or_else(|_| {
        panic!("CHAT_TEST_REDIS_URL is not set: run scripts/test, or `source scripts/lib/redis.sh && start_redis`")
    })
}

async fn instance() -> Arc<RedisCluster> {
    let timings = ClusterTimings {
        presence_ttl: Duration::from_secs(2),
        presence_refresh: Duration::from_millis(300),
        reconnect_delay: Duration::from_millis(100),
    };
    RedisCluster::connect(&url(), &Uuid::new_v4().to_string(), timings)
        .await
        .unwrap()
}

#[derive(Default)]
struct Inbox(Mutex<Vec<Vec<u8>>>);

impl BusListener for Inbox {
    fn received(&self, message: &[u8]) {
        self.0.lock().unwrap().push(message.to_vec());
    }
}

async fn until(mut check: impl FnMut() -> bool) -> bool {
    for _ in 0..100 {
        if check() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

const FIVE_PER_5S: Rule = Rule {
    burst: 5,
    every: Duration::from_secs(1),
};

fn at(ms: i64) -> Timestamp {
    // Near the real time: the keys expire on Redis's clock.
    Timestamp::from_millis(chrono_now() + ms)
}

fn chrono_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[tokio::test]
async fn a_bucket_gives_its_burst_then_refuses_with_the_wait() {
    let c = instance().await.counters();
    let key = Uuid::new_v4().to_string();
    let t0 = at(0);
    for _ in 0..5 {
        assert_eq!(
            c.take(&key, FIVE_PER_5S, t0).await.unwrap(),
            Admission::Taken
        );
    }
    assert_eq!(
        c.take(&key, FIVE_PER_5S, t0).await.unwrap(),
        Admission::Refused {
            retry_after: Duration::from_secs(1)
        }
    );
    // A token given back can be taken again; a reset fills the bucket.
    c.give_back(&key, FIVE_PER_5S, t0).await.unwrap();
    assert_eq!(
        c.take(&key, FIVE_PER_5S, t0).await.unwrap(),
        Admission::Taken
    );
    c.reset(&key).await.unwrap();
    assert_eq!(
        c.take(&key, FIVE_PER_5S, t0).await.unwrap(),
        Admission::Taken
    );
    // One second later, one more token.
    let c2 = c.clone();
    let key2 = key.clone();
    for _ in 0..4 {
        c2.take(&key2, FIVE_PER_5S, t0).await.unwrap();
    }
    assert!(matches!(
        c.take(&key, FIVE_PER_5S, t0).await.unwrap(),
        Admission::Refused { .. }
    ));
    assert_eq!(
        c.take(&key, FIVE_PER_5S, t0.plus_millis(1000))
            .await
            .unwrap(),
        Admission::Taken
    );
}

#[tokio::test]
async fn concurrent_takes_on_two_instances_never_exceed_the_burst() {
    let (a, b) = (instance().await.counters(), instance().await.counters());
    let key = Uuid::new_v4().to_string();
    let t0 = at(0);
    let mut tasks = Vec::new();
    for i in 0..40 {
        let c = if i % 2 == 0 { a.clone() } else { b.clone() };
        let key = key.clone();
        tasks.push(tokio::spawn(async move {
            c.take(&key, FIVE_PER_5S, t0).await.unwrap()
        }));
    }
    let mut taken = 0;
    for t in tasks {
        if t.await.unwrap() == Admission::Taken {
            taken += 1;
        }
    }
    assert_eq!(taken, 5);
}

#[tokio::test]
async fn events_and_presence_cross_instances_and_each_skips_its_own() {
    let (a, b) = (instance().await, instance().await);
    let (inbox_a, inbox_b) = (Arc::new(Inbox::default()), Arc::new(Inbox::default()));
    a.start(inbox_a.clone());
    b.start(inbox_b.clone());
    // Subscribed: healthy.
    for _ in 0..50 {
        if a.check().await.is_ok() && b.check().await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    a.check().await.unwrap();

    a.bus().broadcast(b"one".to_vec());
    a.bus().broadcast(b"two".to_vec());
    assert!(until(|| inbox_b.0.lock().unwrap().len() == 2).await);
    assert_eq!(
        *inbox_b.0.lock().unwrap(),
        vec![b"one".to_vec(), b"two".to_vec()]
    );
    assert!(
        inbox_a.0.lock().unwrap().is_empty(),
        "a hears nothing of its own"
    );

    let user = UserId::from_uuid(Uuid::now_v7());
    let (pa, pb) = (a.presence(), b.presence());
    assert!(pa.connect(user), "first connection anywhere");
    assert!(until(|| pb.is_connected(user)).await, "b learns it");
    assert!(!pb.connect(user), "already online through a");
    // (a learns of b's connection from b's note or its next re-read.)
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(!pa.disconnect(user), "still connected through b");
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(pb.disconnect(user), "the last connection anywhere");
    assert!(until(|| !pa.is_connected(user)).await);

    // An instance that stops refreshing (as if killed) expires, and one
    // survivor (only one) is told to announce its users offline.
    let (mut lost_a, mut lost_b) = (pa.lost_users().unwrap(), pb.lost_users().unwrap());
    let other = UserId::from_uuid(Uuid::now_v7());
    let c = instance().await;
    c.presence().connect(other);
    assert!(until(|| pa.is_connected(other)).await);
    drop(c);
    assert!(
        until(|| !pa.is_connected(other)).await,
        "a dead instance's users stop counting within the TTL"
    );
    let mut told = Vec::new();
    for _ in 0..100 {
        while let Ok(u) = lost_a.try_recv() {
            told.push(("a", u));
        }
        while let Ok(u) = lost_b.try_recv() {
            told.push(("b", u));
        }
        if !told.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Give a second survivor time to (wrongly) claim it too.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    while let Ok(u) = lost_a.try_recv() {
        told.push(("a", u));
    }
    while let Ok(u) = lost_b.try_recv() {
        told.push(("b", u));
    }
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].1, other);
}
