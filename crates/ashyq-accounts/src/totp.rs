//! The optional second factor: time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s),
//! which every authenticator app speaks. Time is passed in, so this stays pure and testable.

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

/// Whether `code` is valid at `unix_seconds` (one step of clock drift either way is accepted).
pub fn check_totp_code(secret: &[u8], code: &str, unix_seconds: u64) -> Result<bool, TotpError> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(false);
    }
    Ok(totp(secret)?.check(&code, unix_seconds))
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

    #[test]
    fn accepts_one_step_of_drift_and_rejects_the_rest() {
        let now = 1_111_111_109;
        let code = generate_totp_code(SECRET, now).unwrap();
        assert!(check_totp_code(SECRET, &code, now).unwrap());
        assert!(check_totp_code(SECRET, &code, now + 30).unwrap());
        assert!(!check_totp_code(SECRET, &code, now + 90).unwrap());
        assert!(!check_totp_code(SECRET, "abcdef", now).unwrap());
        assert!(!check_totp_code(SECRET, "", now).unwrap());
        assert!(check_totp_code(SECRET, &format!("{} {}", &code[..3], &code[3..]), now).unwrap());
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
