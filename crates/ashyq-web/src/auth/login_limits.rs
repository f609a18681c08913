//! The limits on guessing passwords at `/login` and codes at `/login/code`. Tight per (account,
//! address), loose per account, and per address across accounts; an attempt is reserved in all of
//! them, in the store and in one step, before the slow work (the database, Argon2), and refunded if
//! it turns out not to be a failure. An address that logged in to an account in the last 30 days
//! is exempt from that account's loose limit, so a stranger who exhausts it cannot lock the owner
//! out from their usual address. Every server counts in the same rows (see [`super::limits`]).

use std::time::Duration;

use ashyq_store::{LimitKey, LimitReservation, LimitStore, UserId};

use super::limits::{LimitKind, Limits};
use crate::error::WebError;
use crate::state::now;

/// The window every login limit counts in.
pub(crate) const LOGIN_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failed passwords per (account, address) in the window.
pub(crate) const PER_ACCOUNT_ADDRESS: usize = 5;
/// Failed passwords per account from addresses that have not logged in to it recently.
pub(crate) const PER_ACCOUNT: usize = 50;
/// Failed passwords and codes per address, whatever the account.
pub(crate) const PER_ADDRESS: usize = 20;
/// Wrong second-factor codes per account.
pub(crate) const CODES_PER_ACCOUNT: usize = 5;
/// How long a successful login exempts its address from the account's loose limit.
const KNOWN_FOR: Duration = Duration::from_secs(30 * 24 * 3600);

/// A reserved attempt. Dropped as it is, it counts as a failure; [`LoginAttempt::succeeded`] and
/// [`LoginAttempt::refund`] take it back.
#[derive(Debug)]
#[must_use = "a reserved attempt counts as a failure unless it is refunded"]
pub(crate) struct LoginAttempt {
    reservation: LimitReservation,
    /// The key cleared on success: the (account, address) pair, or the account's codes.
    cleared_on_success: LimitKey,
    /// The pair remembered on a successful password (none for a code).
    remember: Option<LimitKey>,
}

/// Reserves one password attempt for `account` (the normalized e-mail) from `address` (a limit
/// key): 429 if any limit is reached, and then nothing is counted.
pub(crate) async fn reserve_login<S: LimitStore + Clone + 'static>(
    limits: &Limits,
    store: &S,
    account: &str,
    address: &str,
    ui_lang: &'static str,
) -> Result<LoginAttempt, WebError> {
    let pair = limits.key(LimitKind::LoginPair, &[account, address]);
    let known = store.limit_key_remembered(&pair, now()).await?;
    let mut rules = vec![
        limits.rule(LimitKind::LoginPair, &[account, address], PER_ACCOUNT_ADDRESS, LOGIN_WINDOW),
        limits.rule(LimitKind::Address, &[address], PER_ADDRESS, LOGIN_WINDOW),
    ];
    if !known {
        rules.push(limits.rule(LimitKind::LoginAccount, &[account], PER_ACCOUNT, LOGIN_WINDOW));
    }
    let reservation = limits.reserve(store, &rules, ui_lang).await?;
    Ok(LoginAttempt { reservation, cleared_on_success: pair.clone(), remember: Some(pair) })
}

/// Reserves one second-factor code for `user` from `address`: 429 if the account's codes or the
/// address's attempts are at their limit.
pub(crate) async fn reserve_code<S: LimitStore + Clone + 'static>(
    limits: &Limits,
    store: &S,
    user: UserId,
    address: &str,
    ui_lang: &'static str,
) -> Result<LoginAttempt, WebError> {
    let user = user.0.to_string();
    let rules = [
        limits.rule(LimitKind::Code, &[&user], CODES_PER_ACCOUNT, LOGIN_WINDOW),
        limits.rule(LimitKind::Address, &[address], PER_ADDRESS, LOGIN_WINDOW),
    ];
    let reservation = limits.reserve(store, &rules, ui_lang).await?;
    Ok(LoginAttempt {
        reservation,
        cleared_on_success: limits.key(LimitKind::Code, &[&user]),
        remember: None,
    })
}

impl LoginAttempt {
    /// The password (or code) was right: the attempt was no failure, the pair's (or account's
    /// codes') failures are forgotten, and after a password the address is exempt from the
    /// account's loose limit for 30 days.
    pub(crate) async fn succeeded<S: LimitStore>(self, store: &S) -> Result<(), WebError> {
        store.refund_limits(&self.reservation).await?;
        store.clear_limit(&self.cleared_on_success).await?;
        if let Some(pair) = &self.remember {
            let until = now() + i64::try_from(KNOWN_FOR.as_secs()).unwrap_or(i64::MAX / 2);
            store.remember_limit_key(pair, until).await?;
        }
        Ok(())
    }

    /// The attempt was never checked (say, the server was too busy): it does not count.
    pub(crate) async fn refund<S: LimitStore>(self, store: &S) -> Result<(), WebError> {
        store.refund_limits(&self.reservation).await?;
        Ok(())
    }

    /// The attempt failed: it stays counted.
    pub(crate) fn failed(self) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    use ashyq_store_sqlite::SqliteStore;

    const LANG: &str = "en";

    async fn store(dir: &Path) -> SqliteStore {
        SqliteStore::open(dir).await.unwrap()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_concurrent_burst_gets_exactly_the_limit_through() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path()).await;
        let limits = std::sync::Arc::new(Limits::new(&[3; 32]));
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let (store, limits) = (store.clone(), std::sync::Arc::clone(&limits));
                tokio::spawn(async move {
                    let attempt =
                        reserve_login(&limits, &store, "owner@example.org", "ip:a", LANG).await;
                    // Slow work while the others arrive; then a failure.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    attempt.map(LoginAttempt::failed).is_ok()
                })
            })
            .collect();
        let mut passed = 0;
        for task in tasks {
            passed += usize::from(task.await.unwrap());
        }
        assert_eq!(passed, PER_ACCOUNT_ADDRESS);
        let refused = reserve_login(&limits, &store, "owner@example.org", "ip:a", LANG).await;
        let Err(WebError::TooMany { retry_after, .. }) = refused else { panic!("{refused:?}") };
        assert!((1..=LOGIN_WINDOW.as_secs()).contains(&retry_after), "{retry_after}");
    }

    #[tokio::test]
    async fn refunds_and_successes_do_not_count() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path()).await;
        let limits = Limits::new(&[3; 32]);
        let login = || reserve_login(&limits, &store, "a@example.org", "ip:a", LANG);
        for _ in 0..20 {
            login().await.unwrap().refund(&store).await.unwrap();
        }
        for _ in 0..4 {
            login().await.unwrap().failed();
        }
        login().await.unwrap().succeeded(&store).await.unwrap();
        for _ in 0..PER_ACCOUNT_ADDRESS {
            login().await.unwrap().failed();
        }
        assert!(login().await.is_err());
    }

    #[tokio::test]
    async fn strangers_cannot_lock_the_owner_out_of_their_usual_address() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path()).await;
        let limits = Limits::new(&[3; 32]);
        let owner = "owner@example.org";
        reserve_login(&limits, &store, owner, "ip:home", LANG)
            .await
            .unwrap()
            .succeeded(&store)
            .await
            .unwrap();
        // Many strangers, each under their own pair and address limits, exhaust the account's.
        for stranger in 0..PER_ACCOUNT {
            let address = format!("ip:stranger-{stranger}");
            reserve_login(&limits, &store, owner, &address, LANG).await.unwrap().failed();
        }
        assert!(
            reserve_login(&limits, &store, owner, "ip:new-stranger", LANG).await.is_err(),
            "the account's loose limit holds for new addresses"
        );
        assert!(
            reserve_login(&limits, &store, owner, "ip:home", LANG).await.is_ok(),
            "the owner's usual address still gets in"
        );
    }

    #[tokio::test]
    async fn one_address_cannot_spray_many_accounts_and_codes_count_with_passwords() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path()).await;
        let limits = Limits::new(&[3; 32]);
        for account in 0..PER_ADDRESS - 1 {
            let email = format!("person{account}@example.org");
            reserve_login(&limits, &store, &email, "ip:sprayer", LANG).await.unwrap().failed();
        }
        reserve_code(&limits, &store, UserId(7), "ip:sprayer", LANG).await.unwrap().failed();
        assert!(
            reserve_login(&limits, &store, "another@example.org", "ip:sprayer", LANG)
                .await
                .is_err()
        );
        assert!(
            reserve_login(&limits, &store, "another@example.org", "ip:other", LANG).await.is_ok()
        );
    }

    #[tokio::test]
    async fn five_wrong_codes_lock_the_account_and_a_right_one_clears_them() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path()).await;
        let limits = Limits::new(&[3; 32]);
        for _ in 0..CODES_PER_ACCOUNT - 1 {
            reserve_code(&limits, &store, UserId(1), "ip:a", LANG).await.unwrap().failed();
        }
        reserve_code(&limits, &store, UserId(1), "ip:b", LANG)
            .await
            .unwrap()
            .succeeded(&store)
            .await
            .unwrap();
        for _ in 0..CODES_PER_ACCOUNT {
            reserve_code(&limits, &store, UserId(1), "ip:c", LANG).await.unwrap().failed();
        }
        assert!(
            reserve_code(&limits, &store, UserId(1), "ip:d", LANG).await.is_err(),
            "the account's codes are limited from any address"
        );
        assert!(reserve_code(&limits, &store, UserId(2), "ip:d", LANG).await.is_ok());
    }
}
