//! The site's signing key for copies: an Ed25519 key in minisign's format, made when first needed
//! and kept in `DATA/mirror-key/secret.key` (owner-only, 0600, in an owner-only folder), and the
//! rotation statements that link each key to the next (`DATA/mirror-key/rotations/`).
//!
//! We use the `minisign` crate (by minisign's author) rather than writing the format by hand: it
//! writes and reads exactly what the `minisign` tool does. The secret key is stored without a
//! password because exports run unattended; the folder and file permissions protect it, and a key
//! that may have leaked is replaced with `ashyq key rotate`.

use std::io::{Cursor, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use minisign::{KeyPair, PublicKey, SecretKey, SecretKeyBox, SignatureBox};

use crate::settings::create_private_dir;

/// The secret key file inside the key folder.
const SECRET_FILE: &str = "secret.key";

/// The first line of every rotation statement.
const STATEMENT_TITLE: &str = "ashyq signing key rotation";

/// The site's signing key.
pub(crate) struct SigningKey {
    secret: SecretKey,
    pub(crate) public: PublicKey,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("public", &key_line(&self.public))
            .finish_non_exhaustive()
    }
}

/// A statement that the site moved from one key to the next, and its signature by the first.
#[derive(Debug, Clone)]
pub(crate) struct Rotation {
    /// The file name, e.g. `0001.txt` (the signature is the same name plus `.minisig`).
    pub(crate) file_name: String,
    pub(crate) statement: String,
    pub(crate) signature: String,
}

/// What a rotation statement says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatementKeys {
    pub(crate) previous: String,
    pub(crate) next: String,
}

pub(crate) fn key_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("mirror-key")
}

fn minisign_error(what: &str) -> impl FnOnce(minisign::PError) -> anyhow::Error + '_ {
    move |error| anyhow::anyhow!("{what}: {error}")
}

/// The key's base64 line (what `minisign -P` takes).
pub(crate) fn key_line(public: &PublicKey) -> String {
    public.to_base64()
}

/// The key as minisign writes a `.pub` file: an untrusted comment line, then the key line.
pub(crate) fn public_key_text(public: &PublicKey) -> anyhow::Result<String> {
    Ok(public.to_box().map_err(minisign_error("cannot encode the public key"))?.into_string())
}

/// The key id minisign prints (16 hexadecimal digits).
pub(crate) fn key_id(public: &PublicKey) -> String {
    let keynum = public.keynum();
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&keynum[..8]);
    format!("{:016X}", u64::from_le_bytes(bytes))
}

/// A public key given on the command line: a key line, or a file holding one (a minisign `.pub`
/// file, or any text whose last non-empty line is the key).
pub(crate) fn parse_public_key(text_or_path: &str) -> anyhow::Result<PublicKey> {
    let text = if Path::new(text_or_path).is_file() {
        std::fs::read_to_string(text_or_path)
            .with_context(|| format!("cannot read the key file {text_or_path}"))?
    } else {
        text_or_path.to_owned()
    };
    let line = text.lines().map(str::trim).rfind(|line| !line.is_empty()).unwrap_or_default();
    PublicKey::from_base64(line).map_err(|error| {
        anyhow::anyhow!(
            "`{text_or_path}` is not a minisign public key (RW… as printed by `ashyq key show`): {error}"
        )
    })
}

impl SigningKey {
    /// The key in `data_dir`, made (and written owner-only) if there is none yet. Two processes
    /// making it at once end with the same key: the second finds the first's file and uses it.
    pub(crate) fn load_or_create(data_dir: &Path) -> anyhow::Result<SigningKey> {
        if let Some(key) = SigningKey::load(data_dir)? {
            return Ok(key);
        }
        let dir = key_dir(data_dir);
        create_private_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let pair = KeyPair::generate_unencrypted_keypair()
            .map_err(minisign_error("cannot make a signing key"))?;
        let text = secret_text(&pair.sk)?;
        let temporary = private_temporary(&dir, text.as_bytes())?;
        match temporary.persist_noclobber(dir.join(SECRET_FILE)) {
            Ok(_) => Ok(SigningKey { secret: pair.sk, public: pair.pk }),
            Err(error) if error.error.kind() == std::io::ErrorKind::AlreadyExists => {
                SigningKey::load(data_dir)?.context("the signing key vanished while it was made")
            }
            Err(error) => Err(error.error).context("cannot store the signing key"),
        }
    }

    /// The key in `data_dir`, if one was made. A key file others may read is refused, as ssh does.
    pub(crate) fn load(data_dir: &Path) -> anyhow::Result<Option<SigningKey>> {
        let path = key_dir(data_dir).join(SECRET_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => {
                return Err(error).with_context(|| format!("cannot read {}", path.display()));
            }
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path)
                .with_context(|| format!("cannot read {}", path.display()))?
                .permissions()
                .mode();
            if mode & 0o077 != 0 {
                anyhow::bail!(
                    "{} can be read by others (mode {:o}); the signing key may have leaked: \
                     `chmod 600` it and run `ashyq key rotate`",
                    path.display(),
                    mode & 0o777
                );
            }
        }
        let secret = SecretKeyBox::from_string(&text)
            .and_then(SecretKey::from_unencrypted_box)
            .map_err(|error| anyhow::anyhow!("{} is damaged: {error}", path.display()))?;
        let public = PublicKey::from_secret_key(&secret)
            .map_err(|error| anyhow::anyhow!("{} is damaged: {error}", path.display()))?;
        Ok(Some(SigningKey { secret, public }))
    }

    /// A detached signature of `data` in minisign's format, with `trusted_comment` signed too.
    pub(crate) fn sign(&self, data: &[u8], trusted_comment: &str) -> anyhow::Result<String> {
        let signature = minisign::sign(
            Some(&self.public),
            &self.secret,
            Cursor::new(data),
            Some(trusted_comment),
            Some(&format!("signature from ashyq key {}", key_id(&self.public))),
        )
        .map_err(minisign_error("cannot sign"))?;
        Ok(signature.into_string())
    }
}

fn secret_text(secret: &SecretKey) -> anyhow::Result<String> {
    Ok(secret
        .to_box(Some("ashyq site signing key (keep this file private)"))
        .map_err(minisign_error("cannot encode the signing key"))?
        .into_string())
}

/// A temporary file in `dir`, owner-only (tempfile creates them 0600), holding `bytes`, synced.
fn private_temporary(dir: &Path, bytes: &[u8]) -> anyhow::Result<tempfile::NamedTempFile> {
    let mut temporary = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    temporary.write_all(bytes).context("cannot write the signing key")?;
    temporary.as_file().sync_all().context("cannot write the signing key")?;
    Ok(temporary)
}

/// Whether `signature` is a valid minisign signature of `data` by `key`.
pub(crate) fn signature_is_valid(key: &PublicKey, data: &[u8], signature: &str) -> bool {
    SignatureBox::from_string(signature)
        .and_then(|signature| {
            minisign::verify(key, &signature, Cursor::new(data), true, false, false)
        })
        .is_ok()
}

/// The keys a statement names, if it is one.
pub(crate) fn statement_keys(statement: &str) -> Option<StatementKeys> {
    let mut lines = statement.lines();
    if lines.next()? != STATEMENT_TITLE {
        return None;
    }
    let mut previous = None;
    let mut next = None;
    for line in lines {
        if let Some(value) = line.strip_prefix("previous key: ") {
            previous = Some(value.trim().to_owned());
        } else if let Some(value) = line.strip_prefix("next key: ") {
            next = Some(value.trim().to_owned());
        }
    }
    Some(StatementKeys { previous: previous?, next: next? })
}

/// The rotation statements in `DATA/mirror-key/rotations`, oldest first.
pub(crate) fn rotations(data_dir: &Path) -> anyhow::Result<Vec<Rotation>> {
    read_rotations(&key_dir(data_dir).join("rotations"))
}

/// The statements (`NNNN.txt` with `NNNN.txt.minisig`) in `dir`, by name; none if it is missing.
pub(crate) fn read_rotations(dir: &Path) -> anyhow::Result<Vec<Rotation>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error).with_context(|| format!("cannot list {}", dir.display())),
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    let mut found = Vec::with_capacity(names.len());
    for file_name in names {
        let path = dir.join(&file_name);
        let statement = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let signature_path = dir.join(format!("{file_name}.minisig"));
        let signature = std::fs::read_to_string(&signature_path)
            .with_context(|| format!("cannot read {}", signature_path.display()))?;
        found.push(Rotation { file_name, statement, signature });
    }
    Ok(found)
}

/// Replaces the site's key with a new one, after writing a statement naming the new key, signed by
/// the old one. The old secret key is then gone: only the statement keeps its word.
pub(crate) fn rotate(data_dir: &Path, site: &str) -> anyhow::Result<(SigningKey, Rotation)> {
    let old = SigningKey::load_or_create(data_dir)?;
    let dir = key_dir(data_dir);
    let rotations_dir = dir.join("rotations");
    create_private_dir(&rotations_dir)
        .with_context(|| format!("cannot create {}", rotations_dir.display()))?;
    let pair = KeyPair::generate_unencrypted_keypair()
        .map_err(minisign_error("cannot make a signing key"))?;
    let now = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let statement = format!(
        "{STATEMENT_TITLE}\nsite: {site}\nprevious key: {}\nnext key: {}\ndate: {now}\n\
         From this date, copies of the site are signed with the next key. \
         This statement is signed with the previous key.\n",
        key_line(&old.public),
        key_line(&pair.pk),
    );
    let signature = old.sign(
        statement.as_bytes(),
        &format!("ashyq key rotation {} -> {}", key_id(&old.public), key_id(&pair.pk)),
    )?;
    let number = read_rotations(&rotations_dir)?.len() + 1;
    let file_name = format!("{number:04}.txt");
    for (name, text) in
        [(format!("{file_name}.minisig"), &signature), (file_name.clone(), &statement)]
    {
        private_temporary(&rotations_dir, text.as_bytes())?
            .persist_noclobber(rotations_dir.join(&name))
            .map_err(|error| error.error)
            .with_context(|| format!("cannot write {}", rotations_dir.join(&name).display()))?;
    }
    private_temporary(&dir, secret_text(&pair.sk)?.as_bytes())?
        .persist(dir.join(SECRET_FILE))
        .map_err(|error| error.error)
        .context("cannot store the new signing key")?;
    Ok((
        SigningKey { secret: pair.sk, public: pair.pk },
        Rotation { file_name, statement, signature },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_made_once_owner_only_and_signs_issue_12() {
        let data = tempfile::tempdir().unwrap();
        let key = SigningKey::load_or_create(data.path()).unwrap();
        let again = SigningKey::load_or_create(data.path()).unwrap();
        assert_eq!(key_line(&key.public), key_line(&again.public));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let path = key_dir(data.path()).join(SECRET_FILE);
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
            assert_eq!(
                std::fs::metadata(key_dir(data.path())).unwrap().permissions().mode() & 0o777,
                0o700
            );
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let refused = SigningKey::load(data.path()).unwrap_err().to_string();
            assert!(refused.contains("can be read by others"), "{refused}");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let signature = key.sign(b"manifest", "t").unwrap();
        assert!(signature_is_valid(&key.public, b"manifest", &signature));
        assert!(!signature_is_valid(&key.public, b"manifesT", &signature));
    }

    #[test]
    fn a_rotation_statement_names_the_new_key_and_is_signed_by_the_old_issue_12() {
        let data = tempfile::tempdir().unwrap();
        let old = SigningKey::load_or_create(data.path()).unwrap();
        let (new, rotation) = rotate(data.path(), "https://news.example").unwrap();
        let keys = statement_keys(&rotation.statement).unwrap();
        assert_eq!(keys.previous, key_line(&old.public));
        assert_eq!(keys.next, key_line(&new.public));
        assert!(signature_is_valid(
            &old.public,
            rotation.statement.as_bytes(),
            &rotation.signature
        ));
        assert!(!signature_is_valid(
            &new.public,
            rotation.statement.as_bytes(),
            &rotation.signature
        ));
        let loaded = SigningKey::load(data.path()).unwrap().unwrap();
        assert_eq!(key_line(&loaded.public), key_line(&new.public));
        assert_eq!(rotations(data.path()).unwrap().len(), 1);
    }
}
