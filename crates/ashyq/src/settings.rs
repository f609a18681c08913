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
    /// A `postgres://` URL: keep the site in PostgreSQL instead of SQLite in the data folder.
    database: Option<String>,
    /// The site's public address, used in links printed for people (password links).
    public_url: Option<String>,
    /// Mark cookies `Secure` (default: true, unless `public_url` is set and starts with http://;
    /// browsers still send them to localhost and .onion).
    secure_cookies: Option<bool>,
    /// Reverse proxies (addresses or CIDR blocks) whose `X-Forwarded-For`/`Forwarded` headers name
    /// the client (default none: every limit keys on the TCP peer).
    trusted_proxies: Option<Vec<String>>,
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
    /// The site's onion service (`xxxx….onion`, with or without `http://`); pages then send
    /// `Onion-Location` (docs/onion.md).
    onion_address: Option<String>,
    /// How many addresses one sitemap file lists before `/sitemap.xml` becomes an index of parts
    /// (default and most 50,000).
    sitemap_limit: Option<usize>,
    translation_claim_days: Option<i64>,
    /// The site's own settings (`name`, `tagline.ru` or `[site.tagline] ru = …`, `languages`…),
    /// written to the database on start for keys it does not hold yet: the database wins.
    site: Option<toml::Table>,
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
        if let Some(list) = read::<String>("ASHYQ_TRUSTED_PROXIES")? {
            self.trusted_proxies = Some(list.split(',').map(str::to_owned).collect());
        }
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
        self.onion_address = read("ASHYQ_ONION_ADDRESS")?.or(self.onion_address);
        self.sitemap_limit = read("ASHYQ_SITEMAP_LIMIT")?.or(self.sitemap_limit);
        self.translation_claim_days =
            read("ASHYQ_TRANSLATION_CLAIM_DAYS")?.or(self.translation_claim_days);
        Ok(self)
    }
}

/// Checked settings for a run.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Where the media, the search index and (with SQLite) the database live.
    pub(crate) data_dir: PathBuf,
    /// Which engine holds the site's data.
    pub(crate) database: crate::store::Database,
    /// Where `serve` listens.
    pub(crate) listen: SocketAddr,
    /// The site's public address, without a trailing slash.
    pub(crate) public_url: String,
    /// Whether `public_url` was derived from `listen` rather than configured.
    pub(crate) public_url_is_default: bool,
    pub(crate) secure_cookies: bool,
    /// Proxies whose forwarding headers are believed.
    pub(crate) trusted_proxies: ashyq_web::TrustedProxies,
    pub(crate) comments_per_address: usize,
    pub(crate) address_retention_days: i64,
    /// Where to send mail, when configured.
    pub(crate) mail: Option<ashyq_web::mail::MailSettings>,
    pub(crate) connections: ashyq_web::ConnectionLimits,
    /// A retrained moderation model to load instead of the built-in one.
    pub(crate) moderation_model: Option<PathBuf>,
    /// The onion address and sitemap size.
    pub(crate) reach: ashyq_web::ReachSettings,
    /// How many days a translator's claim on a story lasts (default 7).
    pub(crate) translation_claim_days: i64,
    /// `[site]` keys and values to seed the site settings with (checked when they are seeded).
    pub(crate) site: Vec<(String, String)>,
}

/// The origin (`http://NAME.onion`) of an onion address as written in the settings: a version 3
/// onion name (56 letters a–z and digits 2–7), with or without `http://` and a trailing slash.
fn onion_origin(written: &str) -> anyhow::Result<String> {
    let trimmed = written.trim().trim_end_matches('/');
    let host = trimmed.strip_prefix("http://").unwrap_or(trimmed).to_ascii_lowercase();
    let name = host.strip_suffix(".onion").unwrap_or("");
    let valid = name.len() == 56
        && name.bytes().all(|byte| byte.is_ascii_lowercase() || (b'2'..=b'7').contains(&byte));
    if !valid {
        anyhow::bail!(
            "onion_address: `{written}` is not a version 3 onion address (56 letters and digits \
             followed by .onion, as in the `hostname` file tor writes)"
        );
    }
    Ok(format!("http://{host}"))
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
        let database =
            crate::store::Database::parse(global.database.as_deref().or(raw.database.as_deref()))?;
        let listen =
            listen.or(raw.listen).unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
        let public_url_is_default = raw.public_url.is_none();
        let secure_cookies =
            raw.secure_cookies.unwrap_or_else(|| default_secure_cookies(raw.public_url.as_deref()));
        let trusted_proxies = ashyq_web::TrustedProxies::parse(
            raw.trusted_proxies.iter().flatten().map(String::as_str),
        )
        .map_err(|error| anyhow::anyhow!("trusted_proxies: {error}"))?;
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
            database,
            listen,
            public_url,
            public_url_is_default,
            secure_cookies,
            trusted_proxies,
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
            reach: ashyq_web::ReachSettings {
                onion_origin: raw.onion_address.as_deref().map(onion_origin).transpose()?,
                sitemap_limit: raw
                    .sitemap_limit
                    .unwrap_or(ashyq_render::SITEMAP_LIMIT)
                    .clamp(1, ashyq_render::SITEMAP_LIMIT),
            },
            translation_claim_days: raw
                .translation_claim_days
                .unwrap_or(ashyq_services::translations::claims::DEFAULT_CLAIM_DAYS)
                .max(1),
            site: match raw.site {
                Some(table) => flatten_site_table(&table)?,
                None => Vec::new(),
            },
        })
    }

    /// Creates the data folder and its media folder if needed, both owner-only (0700): the folder
    /// holds the database (second-factor secrets), the site's secret key and unpublished photos.
    /// Existing folders are tightened to 0700 too.
    pub(crate) fn prepare_data_dir(&self) -> anyhow::Result<()> {
        for dir in [&self.data_dir, &self.media_dir()] {
            create_private_dir(dir)
                .with_context(|| format!("cannot create the data folder {}", dir.display()))?;
        }
        Ok(())
    }

    /// The account slice of the settings, for the web layer.
    pub(crate) fn auth(&self) -> ashyq_web::AuthSettings {
        ashyq_web::AuthSettings {
            secure_cookies: self.secure_cookies,
            public_url: self.public_url.clone(),
            trusted_proxies: self.trusted_proxies.clone(),
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
        // Several servers may share the data folder and start together: each writes its own
        // temporary file and links it to the name only if nobody did first (a rename would
        // replace a key another server already uses); the loser reads the winner's key.
        let nonce = hex::encode(ashyq_web::auth::secrets::random_bytes::<8>()?);
        let temporary = self.data_dir.join(format!(".secret.key.{nonce}.tmp"));
        write_private(&temporary, &secret)
            .with_context(|| format!("cannot write {}", temporary.display()))?;
        let linked = std::fs::hard_link(&temporary, &path);
        let _ = std::fs::remove_file(&temporary);
        match linked {
            Ok(()) => Ok(secret),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => std::fs::read(&path)
                .with_context(|| format!("cannot read {}", path.display()))?
                .try_into()
                .map_err(|_| {
                    anyhow::anyhow!("{} is damaged: it must hold 32 bytes", path.display())
                }),
            Err(error) => Err(error).with_context(|| format!("cannot create {}", path.display())),
        }
    }

    pub(crate) fn media_dir(&self) -> PathBuf {
        self.data_dir.join("media")
    }
}

/// `[site]` as `(key, value)` pairs: `[site.tagline] ru = "…"` (or `tagline.ru = "…"`) becomes
/// `("tagline.ru", "…")`, a list of strings is joined with commas.
fn flatten_site_table(table: &toml::Table) -> anyhow::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for (key, value) in table {
        match value {
            toml::Value::String(text) => out.push((key.clone(), text.clone())),
            toml::Value::Array(items) => {
                let texts: Option<Vec<&str>> = items.iter().map(toml::Value::as_str).collect();
                let texts = texts
                    .ok_or_else(|| anyhow::anyhow!("[site] {key}: expected a list of strings"))?;
                out.push((key.clone(), texts.join(",")));
            }
            toml::Value::Table(by_language) => {
                for (lang, text) in by_language {
                    let text = text
                        .as_str()
                        .ok_or_else(|| anyhow::anyhow!("[site] {key}.{lang}: expected a string"))?;
                    out.push((format!("{key}.{lang}"), text.to_owned()));
                }
            }
            _ => anyhow::bail!("[site] {key}: expected a string"),
        }
    }
    Ok(out)
}

/// Whether cookies are `Secure` when the settings do not say: when the site's public address is
/// `http://`, browsers would drop `Secure` cookies and no form could be sent, so not; when it is
/// `https://`, or not configured (a site on localhost, or behind a proxy that has not been
/// described), they are.
fn default_secure_cookies(public_url: Option<&str>) -> bool {
    public_url.is_none_or(|url| !url.trim().to_ascii_lowercase().starts_with("http://"))
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

/// Creates `dir` (and missing parents) as owner-only, or makes an existing one owner-only.
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
        builder.mode(0o700);
        builder.create(dir)?;
        let mode = std::fs::metadata(dir)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    builder.create(dir)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_secure_unless_the_public_address_is_plain_http() {
        assert!(default_secure_cookies(None));
        assert!(default_secure_cookies(Some("https://news.example.org")));
        assert!(!default_secure_cookies(Some("http://news.example.org")));
        assert!(!default_secure_cookies(Some("HTTP://192.168.1.10:8080")));
    }

    /// Issue 12: an onion address is checked and turned into an origin once, at start.
    #[test]
    fn onion_addresses_are_checked_and_made_origins_issue_12() {
        let name = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx";
        assert_eq!(name.len(), 56);
        let origin = format!("http://{name}.onion");
        assert_eq!(onion_origin(&format!("{name}.onion")).unwrap(), origin);
        assert_eq!(onion_origin(&format!("http://{name}.onion/")).unwrap(), origin);
        assert_eq!(onion_origin(&format!("  {}.ONION ", name.to_uppercase())).unwrap(), origin);
        for bad in [
            "",
            "example.org",
            "short.onion",
            &format!("https://{name}.onion"),
            &format!("{name}1.onion"),
        ] {
            assert!(onion_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn servers_starting_together_on_one_data_folder_get_one_secret() {
        let dir = tempfile::tempdir().unwrap();
        let global = GlobalArgs {
            data: Some(dir.path().to_owned()),
            database: None,
            config: None,
            log: "info".to_owned(),
        };
        let settings = Settings::load(&global, None).unwrap();
        settings.prepare_data_dir().unwrap();
        let barrier = std::sync::Barrier::new(8);
        let secrets: Vec<[u8; 32]> = std::thread::scope(|scope| {
            let starts: Vec<_> = (0..8)
                .map(|_| {
                    scope.spawn(|| {
                        barrier.wait();
                        settings.load_or_create_secret().unwrap()
                    })
                })
                .collect();
            starts.into_iter().map(|start| start.join().unwrap()).collect()
        });
        assert!(secrets.iter().all(|secret| *secret == secrets[0]), "servers disagree on the key");
        assert_eq!(std::fs::read(dir.path().join("secret.key")).unwrap(), secrets[0]);
    }

    #[test]
    fn the_site_table_is_read_as_setting_keys() {
        let raw: RawSettings = toml::from_str(
            "[site]\nname = \"Steppe\"\nlanguages = [\"kk\", \"ru\"]\ntagline.ru = \"Новости\"\n[site.rules]\nkk = \"Ереже\"\n",
        )
        .unwrap();
        let mut pairs = flatten_site_table(&raw.site.unwrap()).unwrap();
        pairs.sort();
        let expected = [
            ("languages", "kk,ru"),
            ("name", "Steppe"),
            ("rules.kk", "Ереже"),
            ("tagline.ru", "Новости"),
        ];
        assert_eq!(pairs, expected.map(|(key, value)| (key.to_owned(), value.to_owned())));
        let bad: RawSettings = toml::from_str("[site]\nname = 3\n").unwrap();
        assert!(
            flatten_site_table(&bad.site.unwrap()).unwrap_err().to_string().contains("[site] name")
        );
    }

    #[test]
    fn trusted_proxies_are_read_from_the_file() {
        let raw: RawSettings =
            toml::from_str("trusted_proxies = [\"127.0.0.1\", \"10.0.0.0/8\"]").unwrap();
        assert_eq!(raw.trusted_proxies.unwrap(), ["127.0.0.1", "10.0.0.0/8"]);
    }
}
