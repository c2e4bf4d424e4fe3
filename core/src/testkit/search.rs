//! Contracts of [`SearchStore`]: every store returns the same messages as
//! the reference matcher ([`SearchFilter::matches`]) for the same query,
//! newest first, and sees edits and deletes at once.

use std::collections::HashSet;
use std::sync::Arc;

use super::attachments::attachment;
use super::fixtures::*;
use crate::channels::Channel;
use crate::direct::ChannelKind;
use crate::ids::{MessageId, UserId};
use crate::messages::{Message, MessageContent};
use crate::search::{SearchFilter, SearchQuery};
use crate::users::User;
use crate::Store;

/// A server with two channels and a few messages in several scripts.
struct Corpus {
    community: Community,
    random: Channel,
    bob: User,
    messages: Vec<Message>,
    /// The messages given attachments so far.
    with_files: HashSet<MessageId>,
}

const TEXTS: [&str; 9] = [
    "Deploying the new release to production tonight",
    "The café opens at nine, naïve tourists queue early",
    "CAFE CREME is my favourite order",
    "Release candidate two is out: https://example.com/rc2",
    "staging deploy failed again",
    "Привет, МИР! 東京 meetup 🎉party",
    "e-mail me the deployment notes @bob",
    "dry run of the release went fine",
    "see HTTP://EXAMPLE.ORG for the café menu",
];

async fn corpus(store: &Arc<dyn Store>) -> Corpus {
    let community = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    add_member(store, &community.server, bob.id, at(0)).await;
    let random = channel(community.server.id, "random", 1);
    store.insert_channel(&random).await.expect("insert_channel");
    let mut messages = Vec::new();
    for (i, text) in TEXTS.iter().enumerate() {
        let (place, author) = match i {
            3 => (&random, bob.id),
            8 => (&random, community.owner.id),
            _ => (&community.general, community.owner.id),
        };
        let mentions = if i == 6 { vec![bob.id] } else { Vec::new() };
        let m = Message {
            created_at: at(i as i64 * 10),
            mentions,
            ..message(place, author, text)
        };
        store.insert_message(&m).await.expect("insert_message");
        messages.push(m);
    }
    Corpus {
        community,
        random,
        bob,
        messages,
        with_files: HashSet::new(),
    }
}

impl Corpus {
    fn filter(&self, q: &str) -> SearchFilter {
        SearchFilter {
            query: SearchQuery::parse(q).expect("a valid query"),
            channels: vec![self.community.general.id, self.random.id],
            author: None,
            mentions: None,
            before: None,
            after: None,
            has_link: false,
            has_file: false,
        }
    }

    /// Gives message `i` an attachment.
    async fn attach(&mut self, store: &Arc<dyn Store>, i: usize) {
        let m = &self.messages[i];
        let place = if m.channel_id == self.random.id {
            &self.random
        } else {
            &self.community.general
        };
        let a = attachment(place, m.author_id, 0);
        store
            .insert_attachment(&a)
            .await
            .expect("insert_attachment");
        let claimed = store
            .claim_attachments(&[a.id], m.id, false)
            .await
            .expect("claim_attachments");
        assert_eq!(claimed, 1);
        self.with_files.insert(m.id);
    }

    /// Checks the store answers `expected` (indexes into `TEXTS`, newest
    /// first), that the reference agrees, and that the count does.
    async fn expect(&self, store: &Arc<dyn Store>, filter: &SearchFilter, expected: &[usize]) {
        let want: Vec<MessageId> = expected.iter().map(|&i| self.messages[i].id).collect();
        let mut reference: Vec<&Message> = self
            .messages
            .iter()
            .filter(|m| filter.matches(m, self.with_files.contains(&m.id)))
            .collect();
        reference.sort_by_key(|m| std::cmp::Reverse(m.id));
        let reference: Vec<MessageId> = reference.iter().map(|m| m.id).collect();
        assert_eq!(reference, want, "reference matcher for {filter:?}");
        let got = store
            .search_messages(filter, None, 100)
            .await
            .expect("search_messages");
        let got_texts: Vec<&str> = got.iter().map(|m| m.content.as_str()).collect();
        let want_texts: Vec<&str> = expected.iter().map(|&i| TEXTS[i]).collect();
        assert_eq!(got_texts, want_texts, "search_messages for {filter:?}");
        assert_eq!(got.iter().map(|m| m.id).collect::<Vec<_>>(), want);
        let count = store
            .count_search(filter, 1000)
            .await
            .expect("count_search");
        assert_eq!(count, expected.len() as u64, "count_search for {filter:?}");
    }
}

/// Every word must be found; the last one also matches as a prefix; case
/// and diacritics are ignored on both sides.
pub async fn search_finds_every_word_prefix_on_the_last_ignoring_case_and_accents(
    store: &Arc<dyn Store>,
) {
    let c = corpus(store).await;
    let cases: &[(&str, &[usize])] = &[
        ("release", &[7, 3, 0]),
        ("deplo", &[6, 4, 0]),
        ("deploy staging", &[4]),
        ("staging deploy", &[4]),
        ("cafe", &[8, 2, 1]),
        ("CAFÉ crè", &[2]),
        ("NAIVE tour", &[1]),
        ("the release", &[7, 0]),
        ("production", &[0]),
        ("nothinglikethis", &[]),
    ];
    for (q, expected) in cases {
        c.expect(store, &c.filter(q), expected).await;
    }
}

/// `"quoted phrases"` match consecutive words in order; `-word` and
/// `-"a phrase"` drop the messages that contain them; a word written with
/// punctuation inside (`e-mail`) is the phrase of its parts.
pub async fn search_matches_phrases_and_drops_excluded_terms(store: &Arc<dyn Store>) {
    let c = corpus(store).await;
    let cases: &[(&str, &[usize])] = &[
        ("\"release candidate\"", &[3]),
        ("\"candidate release\"", &[]),
        ("\"cafe creme\"", &[2]),
        ("release -dry", &[3, 0]),
        ("release -\"dry run\"", &[3, 0]),
        ("release -\"run dry\"", &[7, 3, 0]),
        ("cafe -menu -creme", &[1]),
        ("e-mail", &[6]),
        ("\"e mail\" notes", &[6]),
    ];
    for (q, expected) in cases {
        c.expect(store, &c.filter(q), expected).await;
    }
}

/// Words of any script: Cyrillic folds case, CJK runs are words, emoji
/// separate words, digits are word characters.
pub async fn search_tokenises_unicode_words(store: &Arc<dyn Store>) {
    let c = corpus(store).await;
    let cases: &[(&str, &[usize])] = &[
        ("мир", &[5]),
        ("ПРИВЕТ", &[5]),
        ("東京", &[5]),
        ("party", &[5]),
        ("meetup party", &[5]),
        ("rc2", &[3]),
    ];
    for (q, expected) in cases {
        c.expect(store, &c.filter(q), expected).await;
    }
}

/// Filters combine with the words: channel, author, mentioned user,
/// strictly before / after a time, and containing a link.
pub async fn search_filters_by_channel_author_mentions_dates_and_links(store: &Arc<dyn Store>) {
    let c = corpus(store).await;
    let only_random = SearchFilter {
        channels: vec![c.random.id],
        ..c.filter("the")
    };
    c.expect(store, &only_random, &[8]).await;
    let by_bob = SearchFilter {
        author: Some(c.bob.id),
        ..c.filter("release")
    };
    c.expect(store, &by_bob, &[3]).await;
    let mentioning_bob = SearchFilter {
        mentions: Some(c.bob.id),
        ..c.filter("deploy")
    };
    c.expect(store, &mentioning_bob, &[6]).await;
    let between = SearchFilter {
        after: Some(at(0)),
        before: Some(at(70)),
        ..c.filter("release")
    };
    c.expect(store, &between, &[3]).await;
    let links = SearchFilter {
        has_link: true,
        ..c.filter("cafe")
    };
    c.expect(store, &links, &[8]).await;
    let nowhere = SearchFilter {
        channels: Vec::new(),
        ..c.filter("release")
    };
    c.expect(store, &nowhere, &[]).await;
    let other_author = SearchFilter {
        author: Some(UserId::from_uuid(new_id())),
        ..c.filter("release")
    };
    c.expect(store, &other_author, &[]).await;
}

/// Pages run newest first below the cursor without gaps or repeats; the
/// count ignores the cursor and stops at the cap.
pub async fn search_pages_newest_first_below_the_cursor_and_counts_to_the_cap(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "owner").await;
    let mut made = Vec::new();
    for i in 0..23 {
        let m = Message {
            created_at: at(i),
            ..message(&c.general, c.owner.id, &format!("needle number {i}"))
        };
        store.insert_message(&m).await.expect("insert_message");
        made.push(m.id);
    }
    let other = message(&c.general, c.owner.id, "haystack only");
    store.insert_message(&other).await.expect("insert_message");
    made.reverse();
    let filter = SearchFilter {
        query: SearchQuery::parse("needle").expect("query"),
        channels: vec![c.general.id],
        author: None,
        mentions: None,
        before: None,
        after: None,
        has_link: false,
        has_file: false,
    };
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = store
            .search_messages(&filter, cursor, 10)
            .await
            .expect("search_messages");
        assert!(page.len() <= 10, "a page holds at most the limit");
        let Some(last) = page.last() else { break };
        cursor = Some(last.id);
        seen.extend(page.iter().map(|m| m.id));
    }
    assert_eq!(seen, made, "pages walk every match newest first once");
    assert_eq!(store.count_search(&filter, 1000).await.expect("count"), 23);
    assert_eq!(store.count_search(&filter, 5).await.expect("count"), 5);
}

/// An edit is found by its new words and no longer by its old ones; a
/// deleted message, or one whose channel, author or server was deleted,
/// is never found again.
pub async fn search_sees_edits_and_deletes_at_once(store: &Arc<dyn Store>) {
    let c = corpus(store).await;
    let target = &c.messages[4];
    let new_text = MessageContent::parse("Rollback finished cleanly").expect("content");
    store
        .edit_message(target.id, &new_text, &[], at(100))
        .await
        .expect("edit_message")
        .expect("the message exists");
    let find = |q: &str| {
        let filter = c.filter(q);
        async move {
            store
                .search_messages(&filter, None, 100)
                .await
                .expect("search_messages")
                .into_iter()
                .map(|m| m.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(find("staging").await, Vec::<MessageId>::new(), "old words");
    assert_eq!(find("rollback").await, vec![target.id], "new words");
    assert!(store.delete_message(target.id).await.expect("delete"));
    assert!(find("rollback").await.is_empty(), "deleted message");
    assert_eq!(
        store
            .count_search(&c.filter("rollback"), 1000)
            .await
            .expect("count"),
        0
    );

    assert_eq!(find("release").await.len(), 3);
    assert!(store
        .delete_channel(c.random.id)
        .await
        .expect("delete_channel"));
    assert_eq!(
        find("release").await,
        vec![c.messages[7].id, c.messages[0].id]
    );
    assert!(store
        .erase_user(&c.bob.tombstone())
        .await
        .expect("erase_user"));
    assert_eq!(
        find("release").await,
        vec![c.messages[7].id, c.messages[0].id],
        "an erased author's messages stay findable"
    );
    assert!(store
        .delete_server(c.community.server.id)
        .await
        .expect("delete_server"));
    assert!(
        find("release").await.is_empty(),
        "the server's messages are gone"
    );
}

/// `has_file` keeps the messages given at least one attachment (a
/// pending upload in the channel gives none), with every other filter.
pub async fn search_has_file_keeps_messages_with_attachments(store: &Arc<dyn Store>) {
    let mut c = corpus(store).await;
    let pending = attachment(&c.community.general, c.community.owner.id, 0);
    store
        .insert_attachment(&pending)
        .await
        .expect("insert_attachment");
    let files = |q: &str, c: &Corpus| SearchFilter {
        has_file: true,
        ..c.filter(q)
    };
    c.expect(store, &files("release", &c), &[]).await;
    c.attach(store, 0).await;
    c.attach(store, 3).await;
    c.attach(store, 3).await;
    c.attach(store, 8).await;
    c.expect(store, &files("release", &c), &[3, 0]).await;
    c.expect(store, &files("cafe", &c), &[8]).await;
    let by_bob = SearchFilter {
        author: Some(c.bob.id),
        ..files("release", &c)
    };
    c.expect(store, &by_bob, &[3]).await;
    let linked = SearchFilter {
        has_link: true,
        ..files("release", &c)
    };
    c.expect(store, &linked, &[3]).await;
}

/// A DM's or group's messages are searched like a server channel's: found
/// when the channel is listed, never otherwise.
pub async fn search_finds_direct_messages_only_in_listed_direct_channels(store: &Arc<dyn Store>) {
    let c = corpus(store).await;
    let owner = c.community.owner.id;
    let dm = super::direct::dm(owner, c.bob.id);
    store.open_dm(&dm).await.expect("open_dm");
    let group = super::direct::direct(
        ChannelKind::Group,
        "crew",
        Some(owner),
        &[owner, c.bob.id, add_user(store, "cat").await.id],
    );
    store.insert_group(&group).await.expect("insert_group");
    let said = message(&dm.channel, c.bob.id, "the release notes, privately");
    store.insert_message(&said).await.expect("insert_message");
    let elsewhere = message(&group.channel, owner, "release party in the group");
    store
        .insert_message(&elsewhere)
        .await
        .expect("insert_message");
    let find = |channels: Vec<crate::ids::ChannelId>| {
        let filter = SearchFilter {
            channels,
            ..c.filter("release")
        };
        async move {
            let found = store
                .search_messages(&filter, None, 100)
                .await
                .expect("search_messages");
            let count = store.count_search(&filter, 1000).await.expect("count");
            assert_eq!(count, found.len() as u64);
            found.into_iter().map(|m| m.id).collect::<Vec<_>>()
        }
    };
    assert_eq!(find(vec![dm.channel.id]).await, vec![said.id]);
    assert_eq!(
        find(vec![dm.channel.id, group.channel.id]).await,
        vec![elsewhere.id, said.id]
    );
    let server_only = find(vec![c.community.general.id, c.random.id]).await;
    assert!(!server_only.contains(&said.id) && !server_only.contains(&elsewhere.id));
}
