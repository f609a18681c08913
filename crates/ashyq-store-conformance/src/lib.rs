//! One conformance suite for every storage backend. Each test is a function generic over the store
//! traits, given a fresh, empty, migrated store; a backend runs them all with
//! [`conformance_suite!`], naming a function that opens such a store. A backend passes when its
//! answers are the ones the rest of ashyq was written against (SQLite's, today).
//!
//! This crate is test code (a dev-dependency of the backends): failures are panics.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod accounts;
pub mod comment_limits;
pub mod comments;
pub mod content;
pub mod conversation;
pub mod feeds;
pub mod limits;
pub mod listings;
pub mod site;
pub mod translations;

/// The environment variable that names a PostgreSQL server for tests (a `postgres://` URL whose
/// user may create schemas). `.ci/run` starts a throw-away cluster and sets it.
pub const POSTGRES_URL_VARIABLE: &str = "ASHYQ_TEST_POSTGRES";

/// The PostgreSQL URL for tests, if one is set. Without it a test that needs PostgreSQL must not
/// pass silently: under `CI=true` this panics (the CI script must provide one); elsewhere it prints
/// a loud SKIP line naming the test and returns `None`.
pub fn postgres_url_or_skip(test: &str) -> Option<String> {
    match std::env::var(POSTGRES_URL_VARIABLE) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ if std::env::var("CI").is_ok_and(|value| value == "true") => panic!(
            "{test}: {POSTGRES_URL_VARIABLE} is not set under CI=true; .ci/run must start PostgreSQL"
        ),
        _ => {
            eprintln!(
                "SKIP {test}: {POSTGRES_URL_VARIABLE} is not set (no PostgreSQL to test against)"
            );
            None
        }
    }
}

/// Declares one `#[tokio::test]` per conformance test. `$open` is an async function with no
/// arguments returning `Option<(guard, store)>`: the guard lives as long as the test (a temporary
/// folder, a schema), and `None` skips (see [`postgres_url_or_skip`]).
#[macro_export]
macro_rules! conformance_suite {
    ($open:path) => {
        $crate::conformance_suite!(@each $open;
            content::imports_and_reads_back_with_translations_tags_and_authors,
            content::a_conflicting_batch_writes_nothing,
            content::replace_updates_an_existing_article,
            content::only_published_articles_whose_time_has_come_are_public,
            content::every_save_is_a_revision_and_slug_conflicts_change_nothing,
            content::media_is_recorded_with_its_variants,
            comments::a_batch_of_comments_gets_ids_in_order_and_feeds_the_duplicate_check,
            comments::findings_and_flags_come_back_typed_as_written_issue_15,
            comments::decisions_and_labels_come_back_typed_issue_15,
            comments::only_confirmed_addresses_hear_of_replies_and_old_addresses_are_forgotten_issue_9_20,
            content::every_article_change_is_numbered_for_the_search_index,
            conversation::every_version_of_a_story_shows_one_conversation_issue_11,
            conversation::a_thread_stands_with_the_language_its_first_comment_is_written_in_issue_11,
            accounts::a_totp_step_is_accepted_once_even_by_twenty_concurrent_requests_issue_9_item_7,
            accounts::the_second_factor_is_turned_on_only_with_the_servers_live_secret_issue_9_item_8,
            accounts::rotating_a_session_ends_the_old_token_once_issue_9_item_6,
            accounts::only_the_newest_password_link_works_and_using_it_ends_everything_else_issue_9_item_9,
            accounts::api_tokens_are_scoped_expiring_revocable_and_separate_from_sessions_issue_9_item_5,
            accounts::a_taken_email_is_the_named_rule_and_writes_nothing_issue_15,
            feeds::feeds_and_the_sitemap_hold_only_what_readers_see_issue_12,
            listings::lists_are_paged_with_totals_and_only_visible_articles_count,
            listings::an_archive_is_imported_once_with_its_threads,
            translations::a_changed_original_marks_its_translated_units_and_a_restored_one_clears_them,
            translations::a_story_is_claimed_by_one_of_twenty_translators_at_once,
            translations::draft_units_are_written_over_one_by_one,
            translations::a_renamed_original_takes_its_drafts_and_claims_along,
            translations::review_decisions_are_written_only_on_the_text_the_reviewer_saw,
            translations::draft_units_are_written_only_as_their_writer_read_them_issue_11,
            translations::an_approved_import_is_written_only_while_what_its_check_read_is_unchanged_issue_11,
            translations::a_newsroom_save_is_written_only_while_what_its_approval_check_read_is_unchanged_issue_11,
            translations::an_archive_is_written_only_while_what_its_approval_check_read_is_unchanged_issue_11,
            translations::a_drafts_text_change_is_dated_and_a_review_or_resubmission_leaves_it_issue_11,
            site::settings_are_written_removed_seeded_and_each_change_moves_the_generation,
            site::an_article_change_moves_the_generation_and_wakes_a_waiter,
            limits::fifty_concurrent_reservations_on_one_key_let_exactly_the_limit_through_issue_15,
            limits::reservations_are_all_or_nothing_refunded_exactly_and_leave_their_window_issue_15,
            limits::remembered_keys_expire_and_pruning_keeps_only_live_rows_issue_15,
            comment_limits::a_batch_stores_what_the_comment_limit_admits_and_refuses_the_rest_issue_15,
            comment_limits::concurrent_batches_for_one_address_store_exactly_the_comment_limit_issue_15
        );
    };
    (@each $open:path; $($module:ident :: $name:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $name() {
                let Some((_guard, store)) = $open().await else { return };
                $crate::$module::$name(store).await;
            }
        )*
    };
}
