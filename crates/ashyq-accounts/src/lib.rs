//! The newsroom's people, as pure rules: roles and what each may do, what makes an acceptable e-mail
//! address and password, what an API token may do, and checking a TOTP code. Storage, hashing and HTTP live elsewhere; this
//! crate decides, it does not do.

pub mod permissions;
pub mod rules;
pub mod scopes;
pub mod totp;

pub use permissions::{Action, Role, Roles, may};
pub use rules::{AccountInputError, normalize_email, validate_name, validate_password};
pub use scopes::ApiScope;
pub use totp::{
    TOTP_STEP_SECONDS, TotpError, generate_totp_code, secret_for_display, totp_uri,
    verify_totp_code,
};
