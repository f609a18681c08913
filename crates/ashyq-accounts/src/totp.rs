//! The optional second factor: time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s),
//! which every authenticator app speaks. Time is passed in, so this stays pure and testable.

use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, TOTP};

/// A secret that is not valid for TOTP.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TotpError {
    #[error("the second-factor secret is invalid: {0}")]
    BadSecret(String),
}

fn totp(secret: &[u8]) -> Result<TOTP, TotpError> {
    // `new_unchecked` accepts secrets shorter than 128 bits; ours are 160 bits, so the checked
    // constructor applies.
    TOTP::new(Algorithm::SHA1, 6, 1, 30, secret.to_vec())
        .map_err(|error| TotpError::BadSecret(error.to_string()))
}

/// The length of one TOTP step, in seconds.
pub const TOTP_STEP_SECONDS: u64 = 30;

/// The step of a code that is valid at `unix_seconds` (one step of clock drift either way is
/// accepted) and newer than `after_step`, the last step this account used. `None` means refuse: a
/// wrong code, or a code whose step was already used (a replay). The caller must still record the
/// step atomically (`UPDATE … WHERE last_step < step`), since two requests may race past this check.
pub fn verify_totp_code(
    secret: &[u8],
    code: &str,
    unix_seconds: u64,
    after_step: u64,
) -> Result<Option<u64>, TotpError> {
    let totp = totp(secret)?;
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let current = unix_seconds / TOTP_STEP_SECONDS;
    let candidates = [current.saturating_sub(1), current, current + 1];
    Ok(candidates.into_iter().filter(|step| *step > after_step).find(|step| {
        let expected = totp.generate(step * TOTP_STEP_SECONDS);
        bool::from(expected.as_bytes().ct_eq(code.as_bytes()))
    }))
}

/// The code for `unix_seconds` (for tests and for showing a sample during setup).
pub fn generate_totp_code(secret: &[u8], unix_seconds: u64) -> Result<String, TotpError> {
    Ok(totp(secret)?.generate(unix_seconds))
}

/// Base32 without padding, as authenticator apps expect.
fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// The secret as typed into an app, in groups of four.
pub fn secret_for_display(secret: &[u8]) -> String {
    let encoded = base32(secret);
    encoded
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `otpauth://` URI an app can import. Percent-encodes the label parts.
pub fn totp_uri(secret: &[u8], issuer: &str, account: &str) -> String {
    let encode = |text: &str| -> String {
        text.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    format!(
        "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits=6&period=30",
        issuer = encode(issuer),
        account = encode(account),
        secret = base32(secret),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B test secret ("12345678901234567890") and its SHA-1 vectors, last 6 digits.
    const SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn matches_the_rfc_test_vectors() {
        assert_eq!(generate_totp_code(SECRET, 59).unwrap(), "287082");
        assert_eq!(generate_totp_code(SECRET, 1_111_111_109).unwrap(), "081804");
        assert_eq!(generate_totp_code(SECRET, 2_000_000_000).unwrap(), "279037");
    }

    /// The step `verify_totp_code` accepts for `code` at `now`, with nothing used before.
    fn step_of(code: &str, now: u64) -> Option<u64> {
        verify_totp_code(SECRET, code, now, 0).unwrap()
    }

    #[test]
    fn accepts_one_step_of_drift_and_rejects_the_rest() {
        let now = 1_111_111_109;
        let step = now / 30;
        let code = generate_totp_code(SECRET, now).unwrap();
        assert_eq!(step_of(&code, now), Some(step));
        assert_eq!(step_of(&code, now + 30), Some(step), "a late clock");
        assert_eq!(step_of(&code, now - 30), Some(step), "an early clock");
        assert_eq!(step_of(&code, now + 90), None);
        assert_eq!(step_of("abcdef", now), None);
        assert_eq!(step_of("", now), None);
        assert_eq!(step_of("1234567", now), None);
        assert_eq!(step_of(&format!("{} {}", &code[..3], &code[3..]), now), Some(step));
    }

    #[test]
    fn a_used_step_is_refused_issue_9_item_7() {
        let now = 1_111_111_109;
        let step = now / 30;
        let code = generate_totp_code(SECRET, now).unwrap();
        assert_eq!(verify_totp_code(SECRET, &code, now, step - 1).unwrap(), Some(step));
        assert_eq!(verify_totp_code(SECRET, &code, now, step).unwrap(), None, "a replay");
        assert_eq!(verify_totp_code(SECRET, &code, now + 20, step).unwrap(), None);
        let next = generate_totp_code(SECRET, now + 30).unwrap();
        assert_eq!(verify_totp_code(SECRET, &next, now + 30, step).unwrap(), Some(step + 1));
    }

    #[test]
    fn a_short_secret_is_an_error_not_a_pass() {
        assert!(verify_totp_code(&[0; 4], "000000", 59, 0).is_err());
    }

    #[test]
    fn base32_and_uri() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(secret_for_display(b"foobar"), "MZXW 6YTB OI");
        let uri = totp_uri(SECRET, "ashyq", "dina@example.org");
        assert!(
            uri.starts_with(
                "otpauth://totp/ashyq:dina%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            ),
            "{uri}"
        );
    }
}
