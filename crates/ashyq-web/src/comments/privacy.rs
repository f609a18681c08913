//! Keyed hashes instead of addresses: a commenter's IP address is never stored, only a hash keyed
//! with the site's secret and the current 30-day period, so histories link within a period and the
//! hash says nothing to someone without the key. E-mail addresses get a stable keyed hash for history.

use sha2::{Digest, Sha256};

/// How long an address key lasts before it rotates.
const ADDRESS_PERIOD_SECONDS: i64 = 30 * 24 * 3600;

/// The site's secret for keyed hashes (from `DATA/secret.key`).
#[derive(Clone)]
pub struct Hasher {
    secret: [u8; 32],
}

impl std::fmt::Debug for Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Hasher(<secret>)")
    }
}

fn keyed(secret: &[u8; 32], purpose: &str, value: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(secret);
    hasher.update(purpose.as_bytes());
    hasher.update([0]);
    hasher.update(value.as_bytes());
    hex::encode(&hasher.finalize()[..16])
}

impl Hasher {
    pub fn new(secret: [u8; 32]) -> Hasher {
        Hasher { secret }
    }

    /// The address hash for `now`'s period.
    pub fn address(&self, address: &str, now: i64) -> String {
        let period = now.div_euclid(ADDRESS_PERIOD_SECONDS);
        keyed(&self.secret, &format!("address:{period}"), address)
    }

    /// The e-mail hash (lowercased address).
    pub fn email(&self, email: &str) -> String {
        keyed(&self.secret, "email", &email.trim().to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_keyed_and_addresses_rotate() {
        let one = Hasher::new([1; 32]);
        let two = Hasher::new([2; 32]);
        assert_eq!(one.address("10.0.0.1", 0), one.address("10.0.0.1", 100));
        assert_ne!(
            one.address("10.0.0.1", 0),
            two.address("10.0.0.1", 0),
            "another key, another hash"
        );
        assert_ne!(
            one.address("10.0.0.1", 0),
            one.address("10.0.0.1", ADDRESS_PERIOD_SECONDS),
            "rotates"
        );
        assert_eq!(one.email("A@Example.org "), one.email("a@example.org"));
        assert!(!one.address("10.0.0.1", 0).contains("10.0.0.1"));
    }
}
