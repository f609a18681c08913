//! Settings, from built-in defaults, then `ashyq.toml`, then `ASHYQ_*` environment variables and
//! command-line flags (clap merges those two, flags winning).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::Deserialize;

use crate::cli::GlobalArgs;

/// The file read when `--config` is not given, if it exists.
const DEFAULT_CONFIG_FILE: &str = "ashyq.toml";

/// `ashyq.toml` as written. Unknown keys are errors so that a typo is not silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawSettings {
    /// Address to listen on, e.g. "127.0.0.1:8080".
    listen: Option<SocketAddr>,
    /// The data folder.
    data: Option<PathBuf>,
    /// The site's public address, used in links printed for people (password links).
    public_url: Option<String>,
    /// Mark cookies `Secure` (default true; browsers still send them to localhost and .onion).
    secure_cookies: Option<bool>,
    /// How many comments one address may post in ten minutes (default 10).
    comments_per_address: Option<usize>,
    /// After how many days comment address hashes are dropped (default 30).
    address_retention_days: Option<i64>,
    /// A mail relay to send through (plain SMTP, usually on this machine). No mail without it.
    smtp_host: Option<String>,
    /// Its port (default 25).
    smtp_port: Option<u16>,
    /// The sender of the site's mail, e.g. "ashyq <newsroom@example.org>".
    mail_from: Option<String>,
    /// Seconds a client has to send a request's headers (default 10; slow clients are cut off).
    header_timeout_seconds: Option<u64>,
    /// Most open connections at once (default 4096).
    max_connections: Option<usize>,
    /// A moderation model file written by `ashyq moderation train` (a retrained screen, loaded at start
    /// without a rebuild); the model built into the binary when not set.
    moderation_model: Option<PathBuf>,
}

impl RawSettings {
    /// Applies `ASHYQ_*` environment variables for keys that have no command-line flag.
    fn with_environment(mut self) -> anyhow::Result<RawSettings> {
        fn read<T: std::str::FromStr>(name: &str) -> anyhow::Result<Option<T>> {
            match std::env::var(name) {
                Ok(value) => value.trim().parse().map(Some).map_err(|_| {
                    anyhow::anyhow!("environment variable {name}: `{value}` is not a valid value")
                }),
                Err(_) => Ok(None),
            }
        }
        self.public_url = read("ASHYQ_PUBLIC_URL")?.or(self.public_url);
        self.secure_cookies = read("ASHYQ_SECURE_COOKIES")?.or(self.secure_cookies);
        self.comments_per_address =
            read("ASHYQ_COMMENTS_PER_ADDRESS")?.or(self.comments_per_address);
        self.address_retention_days =
            read("ASHYQ_ADDRESS_RETENTION_DAYS")?.or(self.address_retention_days);
        self.smtp_host = read("ASHYQ_SMTP_HOST")?.or(self.smtp_host);
        self.smtp_port = read("ASHYQ_SMTP_PORT")?.or(self.smtp_port);
        self.mail_from = read("ASHYQ_MAIL_FROM")?.or(self.mail_from);
        self.header_timeout_seconds =
            read("ASHYQ_HEADER_TIMEOUT_SECONDS")?.or(self.header_timeout_seconds);
        self.max_connections = read("ASHYQ_MAX_CONNECTIONS")?.or(self.max_connections);
        self.moderation_model = read("ASHYQ_MODERATION_MODEL")?.or(self.moderation_model);
        Ok(self)
    }
}

/// Checked settings for a run.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Where the database and media live.
    pub(crate) data_dir: PathBuf,
    /// Where `serve` listens.
    pub(crate) listen: SocketAddr,
    /// The site's public address, without a trailing slash.
    pub(crate) public_url: String,
    /// Whether `public_url` was derived from `listen` rather than configured.
    pub(crate) public_url_is_default: bool,
    pub(crate) secure_cookies: bool,
    pub(crate) comments_per_address: usize,
    pub(crate) address_retention_days: i64,
    /// Where to send mail, when configured.
    pub(crate) mail: Option<ashyq_web::mail::MailSettings>,
    pub(crate) connections: ashyq_web::ConnectionLimits,
    /// A retrained moderation model to load instead of the built-in one.
    pub(crate) moderation_model: Option<PathBuf>,
}

impl Settings {
    /// Builds settings; `listen` is the flag or environment value, if any.
    pub(crate) fn load(
        global: &GlobalArgs,
        listen: Option<SocketAddr>,
    ) -> anyhow::Result<Settings> {
        let raw = match &global.config {
            Some(path) => read_config(path)?,
            None if Path::new(DEFAULT_CONFIG_FILE).exists() => {
                read_config(Path::new(DEFAULT_CONFIG_FILE))?
            }
            None => RawSettings::default(),
        };
        let raw = raw.with_environment()?;
        let data_dir =
            global.data.clone().or(raw.data).unwrap_or_else(|| PathBuf::from("./ashyq-data"));
        let listen =
            listen.or(raw.listen).unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
        let public_url_is_default = raw.public_url.is_none();
        let public_url = raw
            .public_url
            .unwrap_or_else(|| format!("http://{listen}"))
            .trim_end_matches('/')
            .to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            anyhow::bail!("public_url must start with http:// or https:// (got `{public_url}`)");
        }
        Ok(Settings {
            data_dir,
            listen,
            public_url,
            public_url_is_default,
            secure_cookies: raw.secure_cookies.unwrap_or(true),
            comments_per_address: raw.comments_per_address.unwrap_or(10).max(1),
            address_retention_days: raw.address_retention_days.unwrap_or(30).max(1),
            mail: match (raw.smtp_host, raw.mail_from) {
                (Some(host), Some(from)) => Some(ashyq_web::mail::MailSettings {
                    host,
                    port: raw.smtp_port.unwrap_or(25),
                    from,
                }),
                (Some(_), None) => anyhow::bail!("smtp_host is set, so mail_from must be set too"),
                _ => None,
            },
            connections: {
                let defaults = ashyq_web::ConnectionLimits::default();
                ashyq_web::ConnectionLimits {
                    header_timeout: raw
                        .header_timeout_seconds
                        .map_or(defaults.header_timeout, |seconds| {
                            std::time::Duration::from_secs(seconds.max(1))
                        }),
                    max_connections: raw
                        .max_connections
                        .unwrap_or(defaults.max_connections)
                        .max(16),
                    ..defaults
                }
            },
            moderation_model: raw.moderation_model,
        })
    }

    /// Creates the data folder (and its media folder) if needed.
    pub(crate) fn prepare_data_dir(&self) -> anyhow::Result<()> {
        std::fs::create_dir_all(self.media_dir())
            .with_context(|| format!("cannot create the data folder {}", self.data_dir.display()))
    }

    /// The account slice of the settings, for the web layer.
    pub(crate) fn auth(&self) -> ashyq_web::AuthSettings {
        ashyq_web::AuthSettings {
            secure_cookies: self.secure_cookies,
            public_url: self.public_url.clone(),
            ..ashyq_web::AuthSettings::default()
        }
    }

    /// The site's secret for keyed hashes, created on first use (`DATA/secret.key`, owner-only).
    pub(crate) fn load_or_create_secret(&self) -> anyhow::Result<[u8; 32]> {
        let path = self.data_dir.join("secret.key");
        if let Ok(bytes) = std::fs::read(&path) {
            return bytes.try_into().map_err(|_| {
                anyhow::anyhow!("{} is damaged: it must hold 32 bytes", path.display())
            });
        }
        let secret = ashyq_web::auth::secrets::random_bytes::<32>()?;
        let temporary = self.data_dir.join(".secret.key.tmp");
        write_private(&temporary, &secret)
            .with_context(|| format!("cannot write {}", temporary.display()))?;
        std::fs::rename(&temporary, &path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(secret)
    }

    pub(crate) fn media_dir(&self) -> PathBuf {
        self.data_dir.join("media")
    }
}

fn read_config(path: &Path) -> anyhow::Result<RawSettings> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    toml::from_str(&text).map_err(|error| {
        let line = error
            .span()
            .map_or(1, |span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        anyhow::anyhow!("{}:{line}: {}", path.display(), error.message())
    })
}

/// Writes a file readable by its owner only.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
