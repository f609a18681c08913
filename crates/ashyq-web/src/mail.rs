//! Sending mail, when the site has a mail server: password links, new-comment notices to moderators
//! with signed one-click links, and reply notices to commenters who left an address. Without a mail
//! server nothing is sent and links go to the log, as before.
//!
//! The connection is plain SMTP to a relay the operator runs (typically on the same machine), which
//! handles onward delivery and TLS; that keeps a TLS stack out of this binary.

use hmac::{Hmac, Mac};
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sha2::Sha256;

/// Where mail goes.
#[derive(Debug, Clone)]
pub struct MailSettings {
    pub host: String,
    pub port: u16,
    /// The sender, e.g. `ashyq <newsroom@example.org>`.
    pub from: String,
}

/// A configured mail server.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from.to_string()).finish()
    }
}

impl Mailer {
    /// Checks the settings; nothing is sent yet.
    pub fn new(settings: &MailSettings) -> Result<Mailer, String> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|error| format!("mail_from `{}`: {error}", settings.from))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)
            .port(settings.port)
            .build();
        Ok(Mailer { transport, from })
    }

    /// Sends in the background; a failure is logged, never shown to the person who caused the mail.
    pub fn send_later(&self, to: &str, subject: &str, body: String) {
        let message = match to.parse::<Mailbox>().map(|to| {
            Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(subject)
                .header(ContentType::TEXT_PLAIN)
                .body(body)
        }) {
            Ok(Ok(message)) => message,
            Ok(Err(error)) => {
                tracing::warn!(%error, "a mail could not be built");
                return;
            }
            Err(error) => {
                tracing::warn!(%error, "a mail address is not valid");
                return;
            }
        };
        let transport = self.transport.clone();
        tokio::spawn(async move {
            if let Err(error) = transport.send(message).await {
                tracing::warn!(%error, "sending mail failed");
            }
        });
    }
}

/// Signs the parameters of a one-click moderation link (HMAC-SHA256 with the site's link key).
pub(crate) fn sign_link(
    key: &[u8; 32],
    comment: i64,
    action: &str,
    moderator: i64,
    expires: i64,
) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else { return String::new() };
    mac.update(format!("{comment}:{action}:{moderator}:{expires}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Checks a link's signature in constant time.
pub(crate) fn verify_link(
    key: &[u8; 32],
    comment: i64,
    action: &str,
    moderator: i64,
    expires: i64,
    signature: &str,
) -> bool {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else { return false };
    mac.update(format!("{comment}:{action}:{moderator}:{expires}").as_bytes());
    let Some(bytes) = (0..signature.len())
        .step_by(2)
        .map(|i| signature.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect::<Option<Vec<u8>>>()
    else {
        return false;
    };
    mac.verify_slice(&bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_verify_only_with_the_same_parameters_and_key() {
        let key = [7; 32];
        let signature = sign_link(&key, 5, "approve", 2, 1_000);
        assert!(verify_link(&key, 5, "approve", 2, 1_000, &signature));
        assert!(!verify_link(&key, 5, "reject", 2, 1_000, &signature));
        assert!(!verify_link(&key, 6, "approve", 2, 1_000, &signature));
        assert!(!verify_link(&key, 5, "approve", 2, 2_000, &signature));
        assert!(!verify_link(&[8; 32], 5, "approve", 2, 1_000, &signature));
        assert!(!verify_link(&key, 5, "approve", 2, 1_000, "zz"));
    }

    #[test]
    fn bad_sender_addresses_are_refused_early() {
        let settings =
            MailSettings { host: "127.0.0.1".into(), port: 25, from: "not an address".into() };
        assert!(Mailer::new(&settings).is_err());
        let settings = MailSettings {
            host: "127.0.0.1".into(),
            port: 25,
            from: "ashyq <news@example.org>".into(),
        };
        assert!(Mailer::new(&settings).is_ok());
    }
}
