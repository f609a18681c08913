//! Signed static copies of the site: `export site`, `verify`, the signing key (`key show`,
//! `key rotate`) and what the `/mirrors` page shows.

pub(crate) mod export_site;
mod files;
pub(crate) mod keys;
mod lock;
mod manifest;
pub(crate) mod verify;

use std::process::ExitCode;

use ashyq_render::{MirrorsView, RotationView};

use crate::cli::GlobalArgs;
use crate::settings::Settings;
use keys::{SigningKey, key_line, public_key_text};

/// What `/mirrors` shows, on the server and in a copy.
pub(crate) fn mirrors_view(settings: &Settings, key: &SigningKey) -> anyhow::Result<MirrorsView> {
    Ok(MirrorsView {
        public_key: public_key_text(&key.public)?.trim_end().to_owned(),
        public_key_line: key_line(&key.public),
        live_url: settings.public_url.clone(),
        rotations: keys::rotations(&settings.data_dir)?
            .into_iter()
            .map(|rotation| RotationView {
                statement: rotation.statement,
                signature: rotation.signature,
            })
            .collect(),
    })
}

/// `ashyq key show`: the public key as minisign writes a `.pub` file (made if there is none yet).
pub(crate) fn show_key(global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let settings = Settings::load(global, None)?;
    settings.prepare_data_dir()?;
    let key = SigningKey::load_or_create(&settings.data_dir)?;
    print!("{}", public_key_text(&key.public)?);
    Ok(ExitCode::SUCCESS)
}

/// `ashyq key rotate`: a new key, and a statement naming it signed by the old one.
pub(crate) fn rotate_key(global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let settings = Settings::load(global, None)?;
    settings.prepare_data_dir()?;
    let (key, rotation) = keys::rotate(&settings.data_dir, &settings.public_url)?;
    println!(
        "New signing key {} (statement {} signed by the old key).\n\
         Restart `ashyq serve` so /mirrors shows it, and export the site again so copies carry it.\n\n{}",
        keys::key_id(&key.public),
        keys::key_dir(&settings.data_dir).join("rotations").join(&rotation.file_name).display(),
        public_key_text(&key.public)?
    );
    Ok(ExitCode::SUCCESS)
}
