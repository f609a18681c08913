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
