//! What makes an acceptable e-mail address, display name and password.

/// Why an account field was refused; the message is shown next to the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountInputError {
    #[error("enter an e-mail address like name@example.org")]
    BadEmail,
    #[error("enter a name (1 to 100 characters)")]
    BadName,
    #[error(
        "use at least {min} characters; a few unrelated words make a strong, memorable password"
    )]
    PasswordTooShort { min: usize },
    #[error("use at most {max} characters")]
    PasswordTooLong { max: usize },
}

/// Minimum password length. Length beats composition rules (NIST SP 800-63B).
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Maximum, to bound hashing work.
pub const MAX_PASSWORD_CHARS: usize = 200;

/// Trims and lowercases an address and checks its basic shape. Delivery is the real test; this only
/// catches typos.
pub fn normalize_email(email: &str) -> Result<String, AccountInputError> {
    let email = email.trim().to_lowercase();
    let Some((local, domain)) = email.split_once('@') else {
        return Err(AccountInputError::BadEmail);
    };
    let shaped = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if shaped { Ok(email) } else { Err(AccountInputError::BadEmail) }
}

pub fn validate_name(name: &str) -> Result<String, AccountInputError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(AccountInputError::BadName);
    }
    Ok(name.to_owned())
}

pub fn validate_password(password: &str) -> Result<(), AccountInputError> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        return Err(AccountInputError::PasswordTooShort { min: MIN_PASSWORD_CHARS });
    }
    if length > MAX_PASSWORD_CHARS {
        return Err(AccountInputError::PasswordTooLong { max: MAX_PASSWORD_CHARS });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(normalize_email("  Dina@Example.ORG "), Ok("dina@example.org".to_owned()));
        for bad in [
            "",
            "dina",
            "dina@",
            "@example.org",
            "dina@example",
            "a b@example.org",
            "a@b@c.org",
            "a@.org",
        ] {
            assert_eq!(normalize_email(bad), Err(AccountInputError::BadEmail), "{bad:?}");
        }
    }

    #[test]
    fn names_and_passwords() {
        assert_eq!(validate_name("  Дина Муканова "), Ok("Дина Муканова".to_owned()));
        assert!(validate_name("").is_err());
        assert!(validate_name("a\u{0}b").is_err());
        assert!(validate_password("short").is_err());
        assert!(validate_password("correct horse battery").is_ok());
        assert!(validate_password(&"x".repeat(201)).is_err());
    }
}
