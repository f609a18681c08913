//! Who is asking: cookies, secrets, CSRF protection for every form, the logged-in person, and rate
//! limits on guessing.

pub(crate) mod cookies;
pub(crate) mod csrf;
pub(crate) mod current_user;
pub(crate) mod limits;
pub(crate) mod login_limits;
pub(crate) mod password_work;
pub(crate) mod rate_limit;
pub mod secrets;

pub use current_user::CurrentUser;
pub use limits::Limits;
pub use rate_limit::RateLimiter;
