//! Secrets: random tokens, their hashes for storage, and Argon2id password hashes. Shared by the web
//! layer and the command line (`ashyq user add`).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use sha2::{Digest, Sha256};

/// Argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane): about 30–60 ms on a small
/// server, which makes guessing slow without making login feel slow.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Why a secret could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("the operating system's random source failed: {0}")]
    Random(String),
    #[error("password hashing failed: {0}")]
    Hash(String),
}

/// `N` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], SecretError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|error| SecretError::Random(error.to_string()))?;
    Ok(bytes)
}

/// A 256-bit random token as 64 hex characters (session cookies, one-time links, CSRF).
pub fn random_token() -> Result<String, SecretError> {
    Ok(hex::encode(random_bytes::<32>()?))
}

/// What storage keeps of a token: its SHA-256, so a leaked database holds no usable token.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A well-formed token: 64 lowercase hex characters.
pub fn is_token(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// What every personal API token starts with, so that a token pasted somewhere it should not be
/// is recognisable (by a person or a secret scanner), and never mistaken for a session token.
pub const API_TOKEN_PREFIX: &str = "ashyq_api_";

/// A new personal API token: the prefix and 256 random bits as hex.
pub fn random_api_token() -> Result<String, SecretError> {
    Ok(format!("{API_TOKEN_PREFIX}{}", random_token()?))
}

/// A well-formed API token: the prefix, then 64 lowercase hex characters.
pub fn is_api_token(text: &str) -> bool {
    text.strip_prefix(API_TOKEN_PREFIX).is_some_and(is_token)
}

/// Hashes a password as an Argon2id PHC string. CPU-heavy: call from a blocking thread.
pub fn hash_password(password: &str) -> Result<String, SecretError> {
    let salt = SaltString::encode_b64(&random_bytes::<16>()?)
        .map_err(|error| SecretError::Hash(error.to_string()))?;
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| SecretError::Hash(error.to_string()))
}

/// Checks a password against a stored hash (constant-time inside argon2). CPU-heavy.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|hash| argon2().verify_password(password.as_bytes(), &hash).is_ok())
}

/// A hash of a password nobody has, verified against when the e-mail is unknown, so that a wrong
/// address takes as long to refuse as a wrong password (no account enumeration by timing).
pub fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("no-such-account-placeholder").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_round_trip_and_differ_by_salt() {
        let first = hash_password("correct horse battery").unwrap();
        let second = hash_password("correct horse battery").unwrap();
        assert!(first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{first}");
        assert_ne!(first, second);
        assert!(verify_password("correct horse battery", &first));
        assert!(!verify_password("correct horse batterY", &first));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn tokens_are_random_hex_and_hash_stably() {
        let token = random_token().unwrap();
        assert!(is_token(&token));
        assert_ne!(token, random_token().unwrap());
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(!is_token("ABC"));
    }

    #[test]
    fn api_tokens_carry_their_prefix_and_are_not_session_tokens() {
        let token = random_api_token().unwrap();
        assert!(is_api_token(&token), "{token}");
        assert!(!is_token(&token), "an API token does not have a session token's shape");
        assert!(!is_api_token(&random_token().unwrap()));
        assert!(!is_api_token("ashyq_api_XYZ"));
    }
}
