//! The storage conformance suite: one async function per sentence of the
//! store ports' documentation, run unchanged against every store adapter.
//!
//! Why: the use cases trust each store method to do exactly what its doc
//! comment says (atomic joins, one owner, idempotent sends, gap-free
//! history pages…). Each adapter proves it by running this suite on a
//! brand-new store per contract. In an adapter's `tests/conformance.rs`:
//!
//! ```text
//! async fn fresh() -> chat_core::testkit::Fresh {
//!     // a brand-new, empty store, plus a guard kept alive for the test
//!     chat_core::testkit::Fresh::new(std::sync::Arc::new(MyStore::default()))
//! }
//! chat_core::conformance_suite!(fresh);
//! ```
//!
//! The macro expands to one `#[tokio::test(flavor = "multi_thread",
//! worker_threads = 2)]` per contract, named after it, so the adapter needs
//! `tokio` (features `macros`, `rt-multi-thread`) as a dev-dependency.
//! Contracts about concurrency race real tasks (`tokio::spawn`) on that
//! runtime. Every contract is also a public function here, to call alone.
//! Contracts panic (assert) on a broken promise, naming it.

use std::any::Any;
use std::sync::Arc;

use crate::Store;

pub mod fixtures;
mod latency;

mod account;
mod attachments;
mod audit;
mod bans;
pub mod blobs;
mod channels;
mod direct;
mod invites;
mod members;
mod messages;
mod pins;
mod reactions;
mod reads;
mod reads_scale;
mod replies;
mod search;
mod servers;
mod sessions;
mod text;
mod timeouts;
mod transfer;
mod users;

pub use account::*;
pub use attachments::*;
pub use audit::*;
pub use bans::*;
pub use channels::*;
pub use direct::*;
pub use invites::*;
pub use latency::Latencies;
pub use members::*;
pub use messages::*;
pub use pins::*;
pub use reactions::*;
pub use reads::*;
pub use reads_scale::{read_states_at_scale, ReadScale, ReadScaleFigures};
pub use replies::*;
pub use search::*;
pub use servers::*;
pub use sessions::*;
pub use text::*;
pub use timeouts::*;
pub use transfer::*;
pub use users::*;

/// A brand-new, empty store for one contract, and whatever must live as
/// long as it (a temporary directory, a database container…).
pub struct Fresh {
    /// The store under test.
    pub store: Arc<dyn Store>,
    /// Dropped after `store` (fields drop in order).
    _guard: Box<dyn Any + Send + Sync>,
}

impl Fresh {
    /// A store that needs nothing else kept alive.
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self::with_guard(store, Box::new(()))
    }

    /// A store with a guard that is dropped after the contract ran.
    pub fn with_guard(store: Arc<dyn Store>, guard: Box<dyn Any + Send + Sync>) -> Self {
        Self {
            store,
            _guard: guard,
        }
    }
}

/// `Ok` from a store that can serve requests.
pub async fn ping_answers_ok(store: &Arc<dyn Store>) {
    store.ping().await.expect("ping of a fresh store");
}

/// Expands to one `#[tokio::test]` per storage contract, each on a
/// brand-new store from `$fresh().await` (an `async fn() -> Fresh`).
#[macro_export]
macro_rules! conformance_suite {
    ($fresh:path) => {
        $crate::__conformance_tests!($fresh;
            ping_answers_ok,
            // read states and notification settings
            advance_read_marker_moves_forward_and_never_back,
            read_states_of_lists_every_channel_of_the_users_servers_only,
            unread_counts_are_exact_up_to_100_then_capped,
            mention_counts_follow_the_marker_and_edits,
            deleted_messages_leave_the_counts_right,
            unread_after_counts_from_the_given_marker,
            read_states_of_forgets_deleted_channels_and_servers_left,
            notification_settings_are_replaced_and_listed_for_current_places,
            direct_channels_have_read_states_where_others_messages_are_mentions,
            direct_unread_counts_are_capped_and_mentions_exact,
            // users
            insert_user_then_user_by_id_reads_it_back_or_none,
            user_by_username_ignores_case_or_returns_none,
            usernames_are_unique_ignoring_case,
            users_by_ids_returns_only_the_users_that_exist,
            update_profile_sets_display_name_and_bio_or_returns_none,
            set_status_stores_the_chosen_status_or_returns_false,
            set_custom_status_sets_or_clears_it_or_returns_none,
            swap_avatar_key_sets_or_clears_it_and_answers_the_previous,
            erase_user_keeps_a_tombstone_and_deletes_personal_data_only,
            erase_user_frees_the_username,
            erase_user_returns_false_when_there_is_no_such_user,
            // sessions
            create_session_then_session_by_id_reads_it_back_or_none,
            revoke_session_marks_it_revoked_or_returns_false,
            revoke_sessions_of_revokes_every_session_of_that_user_only,
            rotate_refresh_spends_the_token_and_stores_the_next,
            rotate_refresh_with_a_spent_token_reports_reuse_and_changes_nothing,
            rotate_refresh_with_an_unknown_token_is_invalid,
            rotate_refresh_with_an_expired_token_is_invalid,
            rotate_refresh_of_a_revoked_session_is_invalid,
            concurrent_rotations_of_one_token_rotate_exactly_once,
            // account
            sessions_keep_user_agent_ip_hint_and_last_used_at,
            sessions_of_lists_the_users_unrevoked_sessions_only,
            touch_session_moves_last_used_at_forward_or_returns_false,
            revoke_other_sessions_revokes_all_but_one_and_lists_them,
            set_password_hash_replaces_the_hash_or_returns_false,
            set_user_disabled_sets_and_clears_the_flag_or_returns_false,
            save_mfa_inserts_then_updates_only_from_the_expected_version,
            concurrent_mfa_saves_from_one_version_succeed_once,
            delete_mfa_removes_the_state_or_returns_false,
            mfa_tickets_are_stored_counted_and_deleted_once,
            create_mfa_ticket_drops_expired_tickets,
            erase_user_removes_their_mfa_state_and_tickets,
            // servers
            create_server_stores_the_server_its_owner_and_first_channel,
            create_server_is_all_or_nothing,
            server_by_id_of_an_unknown_id_is_none,
            servers_of_user_lists_their_servers_oldest_membership_first,
            servers_overview_lists_servers_with_counts_channels_and_roles,
            servers_overview_matches_the_one_by_one_reads_at_many_servers,
            update_server_sets_name_and_description_or_returns_none,
            swap_icon_key_sets_or_clears_it_and_answers_the_previous,
            delete_server_removes_everything_in_it_and_leaves_other_servers_intact,
            delete_server_returns_false_when_there_is_no_such_server,
            count_owned_by_counts_the_servers_the_user_owns,
            transfer_ownership_makes_to_the_owner_and_from_an_admin,
            transfer_ownership_changes_nothing_when_from_is_not_the_owner,
            transfer_ownership_changes_nothing_when_to_is_not_a_member,
            concurrent_transfers_leave_exactly_one_owner,
            // members
            member_returns_the_membership_or_none,
            members_of_lists_members_in_the_order_they_joined,
            memberships_of_lists_every_membership_of_the_user,
            member_count_counts_the_members,
            set_role_updates_the_stored_role_or_returns_none,
            remove_member_removes_the_membership_or_returns_false,
            // invites
            insert_invite_then_invite_by_code_reads_it_back_or_none,
            invites_of_lists_the_servers_invites_oldest_first,
            delete_invite_removes_it_or_returns_false,
            join_with_invite_stores_the_member_and_counts_a_use,
            join_with_invite_for_another_server_or_unknown_code_is_not_found,
            join_with_invite_when_already_a_member_uses_nothing,
            join_with_invite_when_banned_is_refused_until_the_ban_expires,
            join_with_invite_past_its_expiry_is_expired,
            join_with_invite_past_its_max_uses_is_expired,
            concurrent_joins_never_push_uses_past_max_uses,
            concurrent_joins_of_one_user_join_once,
            // bans
            ban_records_the_ban_and_removes_the_membership,
            active_ban_ignores_expired_bans,
            ban_replaces_an_earlier_ban_of_the_same_user,
            bans_of_lists_only_active_bans_oldest_first,
            unban_lifts_the_ban_or_returns_false,
            a_ban_racing_a_join_never_leaves_the_user_a_member,
            // timeouts
            set_timeout_then_timeout_until_reads_it_while_it_runs,
            set_timeout_replaces_an_earlier_timeout,
            timeouts_of_lists_only_running_timeouts_of_the_server,
            clear_timeout_lifts_it_or_returns_false,
            a_timeout_survives_leaving_the_server,
            // audit log
            insert_audit_entry_then_audit_entries_reads_it_back,
            audit_entries_pages_newest_first_before_an_id,
            audit_entries_filter_by_actor_and_action,
            prune_audit_log_deletes_entries_older_than_the_cutoff,
            delete_server_removes_its_audit_entries_and_timeouts,
            // transfer
            users_after_walks_every_user_in_id_order,
            servers_after_walks_every_server_in_id_order,
            insert_member_stores_it_as_given_or_returns_false,
            attachments_after_walks_pending_and_sent_in_id_order,
            read_markers_of_lists_every_marker_of_the_user_only,
            stored_notification_settings_lists_every_existing_place,
            // direct messages
            open_dm_stores_one_dm_per_pair_whichever_side_opens,
            concurrent_open_dm_stores_exactly_one,
            direct_channels_are_channels_and_delete_direct_removes_them,
            groups_keep_participants_owner_and_name,
            blocks_are_one_way_kept_once_and_lifted,
            dm_policy_is_none_until_set_then_replaced,
            // channels
            insert_channel_then_channel_by_id_reads_it_back_or_none,
            channel_names_are_unique_per_server_ignoring_case,
            channel_names_compare_unicode_case_blind,
            same_channel_name_is_allowed_in_two_servers,
            channels_of_orders_by_position_then_created_at_then_id,
            update_channel_replaces_name_topic_and_position_or_returns_false,
            update_channel_rejects_a_name_taken_in_the_server_ignoring_case,
            delete_channel_removes_it_and_its_messages_or_returns_false,
            channel_slowmode_is_stored_and_updated,
            // messages
            insert_message_then_message_by_id_reads_it_back_or_none,
            insert_message_with_a_used_nonce_returns_the_first_and_stores_nothing,
            nonces_are_unique_per_author_only,
            messages_without_a_nonce_never_collide,
            concurrent_inserts_with_one_nonce_store_exactly_one,
            history_without_before_returns_the_newest_page_oldest_first,
            history_pages_before_an_id_oldest_first,
            history_returns_at_most_limit_messages,
            history_pages_through_same_timestamp_messages_without_gaps_or_repeats,
            history_before_an_id_not_in_the_channel_still_orders_by_id,
            history_only_shows_messages_of_the_channel,
            edit_message_replaces_content_and_mentions_and_sets_edited_at,
            delete_message_removes_it_or_returns_false,
            // every text field
            text_fields_are_stored_exactly,
            // replies, jumping and pins
            insert_message_keeps_reply_to_even_after_the_original_is_deleted,
            messages_by_ids_returns_only_the_messages_that_exist,
            history_after_pages_forward_oldest_first,
            pin_message_pins_once_and_pinned_messages_lists_newest_pin_first,
            pin_message_refuses_past_max_and_messages_not_in_the_channel,
            unpin_message_unpins_or_returns_none,
            // reactions
            add_reaction_is_idempotent_and_counts_follow_first_use_with_me,
            add_reaction_refuses_a_new_emoji_past_the_maximum_only,
            remove_reaction_and_clear_reactions_remove_what_they_say,
            reactors_pages_the_users_of_one_emoji_by_id,
            reactions_go_with_their_message_and_channel_and_stay_with_an_erased_user,
            last_message_by_returns_the_authors_newest_message_in_the_channel,
            count_messages_by_counts_the_authors_messages_in_every_channel,
            // attachments
            insert_attachment_then_attachment_by_id_reads_it_back_or_none,
            claim_attachments_claims_pending_ones_once_and_lists_them_by_message,
            expired_attachments_lists_only_pending_ones_past_their_expiry,
            orphaned_attachments_lists_those_of_deleted_channels_and_servers,
            delete_attachments_and_attachment_usage_count_per_uploader,
            // search
            search_finds_every_word_prefix_on_the_last_ignoring_case_and_accents,
            search_matches_phrases_and_drops_excluded_terms,
            search_tokenises_unicode_words,
            search_filters_by_channel_author_mentions_dates_and_links,
            search_has_file_keeps_messages_with_attachments,
            search_finds_direct_messages_only_in_listed_direct_channels,
            search_pages_newest_first_below_the_cursor_and_counts_to_the_cap,
            search_sees_edits_and_deletes_at_once,
        );
    };
}

/// The expansion behind [`conformance_suite!`]; not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __conformance_tests {
    ($fresh:path; $($contract:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $contract() {
                let fresh: $crate::testkit::Fresh = $fresh().await;
                $crate::testkit::$contract(&fresh.store).await;
            }
        )*
    };
}
