//! Sending mail, when the site has a mail server: password links, new-comment notices to moderators
//! with signed one-click links, and reply notices to commenters who asked for them and confirmed
//! their address. Without a mail
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
    /// The mails still being sent, so that a stopping server can wait for them
    /// ([`Mailer::finish_sending`]): a confirmation link asked for just before a restart is not
    /// lost with the process.
    sending: tokio_util::task::TaskTracker,
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
        Ok(Mailer { transport, from, sending: tokio_util::task::TaskTracker::new() })
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
        self.sending.spawn(async move {
            if let Err(error) = transport.send(message).await {
                tracing::warn!(%error, "sending mail failed");
            }
        });
    }

    /// For a stopping server: lets the mails still being sent finish, for at most `grace`, and
    /// says how many were given up. Mails asked for after this call are still sent while the
    /// runtime lives.
    pub async fn finish_sending(&self, grace: std::time::Duration) {
        self.sending.close();
        if tokio::time::timeout(grace, self.sending.wait()).await.is_err() {
            tracing::warn!(
                unsent = self.sending.len(),
                "the server stopped with mails still being sent; they are lost"
            );
        }
    }
}

/// What a one-click moderation link says: decide `action` on version `version` of `comment`, for
/// `moderator`, until `expires`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LinkFields<'a> {
    pub(crate) comment: i64,
    pub(crate) version: i64,
    pub(crate) action: &'a str,
    pub(crate) moderator: i64,
    pub(crate) expires: i64,
}

impl LinkFields<'_> {
    fn mac(&self, key: &[u8; 32]) -> Option<Hmac<Sha256>> {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).ok()?;
        let LinkFields { comment, version, action, moderator, expires } = self;
        mac.update(
            format!("moderation-link:{comment}:{version}:{action}:{moderator}:{expires}")
                .as_bytes(),
        );
        Some(mac)
    }
}

/// Signs the fields of a one-click moderation link (HMAC-SHA256 with the site's link key).
pub(crate) fn sign_link(key: &[u8; 32], fields: LinkFields<'_>) -> String {
    fields.mac(key).map(|mac| hex::encode(mac.finalize().into_bytes())).unwrap_or_default()
}

/// Checks a link's signature in constant time.
pub(crate) fn verify_link(key: &[u8; 32], fields: LinkFields<'_>, signature: &str) -> bool {
    let Some(mac) = fields.mac(key) else { return false };
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
        let fields =
            LinkFields { comment: 5, version: 1, action: "approve", moderator: 2, expires: 1_000 };
        let signature = sign_link(&key, fields);
        assert!(verify_link(&key, fields, &signature));
        assert!(!verify_link(&key, LinkFields { action: "reject", ..fields }, &signature));
        assert!(!verify_link(&key, LinkFields { comment: 6, ..fields }, &signature));
        assert!(!verify_link(&key, LinkFields { expires: 2_000, ..fields }, &signature));
        assert!(!verify_link(&key, LinkFields { version: 2, ..fields }, &signature), "issue 9.10");
        assert!(!verify_link(&[8; 32], fields, &signature));
        assert!(!verify_link(&key, fields, "zz"));
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
