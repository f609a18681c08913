//! `ashyq verify DIR [--key KEY]`: checks a copy's signature, following rotation statements from
//! the given key to the key that signed it, then every file against the manifest; names every
//! changed, missing or extra file.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use minisign::PublicKey;

use super::keys::{
    SigningKey, key_id, key_line, parse_public_key, read_rotations, signature_is_valid,
    statement_keys,
};
use super::lock::{ExportMark, LOCK_FILE, export_mark};
use super::manifest::{MANIFEST, Manifest, SIGNATURE, parse_manifest, sha256_hex};
use crate::cli::{GlobalArgs, VerifyArgs};
use crate::settings::Settings;

/// What is wrong with one file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Problem {
    Changed(String),
    Missing(String),
    Extra(String),
    NotAFile(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Changed(path) => write!(f, "changed: {path}"),
            Problem::Missing(path) => write!(f, "missing: {path}"),
            Problem::Extra(path) => write!(f, "extra: {path} (not in the manifest)"),
            Problem::NotAFile(path) => write!(f, "not a plain file (a link or a folder): {path}"),
        }
    }
}

/// The key that signed the manifest, reached from `trusted` through the copy's rotation
/// statements (each signed by the key before it); with the statements followed, in order.
fn signing_key(
    dir: &Path,
    trusted: &PublicKey,
    manifest: &[u8],
    signature: &str,
) -> anyhow::Result<Option<(PublicKey, Vec<String>)>> {
    let statements = read_rotations(&dir.join("keys").join("rotations"))?;
    let mut known: Vec<(PublicKey, Vec<String>)> = vec![(trusted.clone(), Vec::new())];
    let mut seen: BTreeSet<String> = BTreeSet::from([key_line(trusted)]);
    let mut index = 0;
    while index < known.len() {
        let (key, path) = known[index].clone();
        if signature_is_valid(&key, manifest, signature) {
            return Ok(Some((key, path)));
        }
        for rotation in &statements {
            let Some(keys) = statement_keys(&rotation.statement) else { continue };
            if keys.previous != key_line(&key)
                || seen.contains(&keys.next)
                || !signature_is_valid(&key, rotation.statement.as_bytes(), &rotation.signature)
            {
                continue;
            }
            let Ok(next) = PublicKey::from_base64(&keys.next) else { continue };
            seen.insert(keys.next.clone());
            let mut next_path = path.clone();
            next_path.push(format!("keys/rotations/{}", rotation.file_name));
            known.push((next, next_path));
        }
        index += 1;
    }
    Ok(None)
}

/// Every file problem of the copy in `dir` against `manifest`.
pub(crate) fn file_problems(dir: &Path, manifest: &Manifest) -> anyhow::Result<Vec<Problem>> {
    let mut problems = Vec::new();
    for (path, hash) in manifest {
        let full = dir.join(path);
        match std::fs::symlink_metadata(&full) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                problems.push(Problem::Missing(path.clone()));
            }
            Err(error) => {
                return Err(error).with_context(|| format!("cannot read {}", full.display()));
            }
            Ok(metadata) if !metadata.is_file() => problems.push(Problem::NotAFile(path.clone())),
            Ok(_) => {
                let bytes = std::fs::read(&full)
                    .with_context(|| format!("cannot read {}", full.display()))?;
                if &sha256_hex(&bytes) != hash {
                    problems.push(Problem::Changed(path.clone()));
                }
            }
        }
    }
    let mut folders = vec![String::new()];
    while let Some(folder) = folders.pop() {
        let full = dir.join(&folder);
        let entries =
            std::fs::read_dir(&full).with_context(|| format!("cannot list {}", full.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list {}", full.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = if folder.is_empty() { name } else { format!("{folder}/{name}") };
            let kind = entry.file_type().with_context(|| format!("cannot read {path}"))?;
            if kind.is_dir() {
                folders.push(path);
            } else if !manifest.contains_key(&path)
                && path != MANIFEST
                && path != SIGNATURE
                && path != LOCK_FILE
            {
                problems.push(Problem::Extra(path));
            }
        }
    }
    problems.sort();
    Ok(problems)
}

pub(crate) fn run(global: &GlobalArgs, args: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let trusted = match &args.key {
        Some(key) => parse_public_key(key)?,
        None => {
            let settings = Settings::load(global, None)?;
            SigningKey::load(&settings.data_dir)?
                .with_context(|| {
                    format!(
                        "{} has no signing key; give the newsroom's public key with --key RW… \
                         (it is on the site's /mirrors page)",
                        settings.data_dir.display()
                    )
                })?
                .public
        }
    };
    let dir = &args.dir;
    // Read before and after the files: an export that starts or ends meanwhile is named too.
    let mark_before = export_mark(dir)?;
    let manifest_bytes = std::fs::read(dir.join(MANIFEST)).with_context(|| match &mark_before {
        ExportMark::Finished => format!(
            "{} has no {MANIFEST}: it is not a copy made by `ashyq export site`",
            dir.display()
        ),
        ExportMark::Running(holder) | ExportMark::Interrupted(holder) => format!(
            "{} has no {MANIFEST} yet: its first export ({holder}) is running or never finished",
            dir.display()
        ),
    })?;
    let signature = std::fs::read_to_string(dir.join(SIGNATURE))
        .with_context(|| format!("{} has no {SIGNATURE}: the copy is not signed", dir.display()))?;

    let mut failed = false;
    match signing_key(dir, &trusted, &manifest_bytes, &signature)? {
        Some((key, path)) if path.is_empty() => {
            println!("Signature: good, by key {}.", key_id(&key));
        }
        Some((key, path)) => println!(
            "Signature: good, by key {}, which key {} handed over to through {}.",
            key_id(&key),
            key_id(&trusted),
            path.join(" then ")
        ),
        None => {
            failed = true;
            println!(
                "Signature: BAD. {MANIFEST} is not signed by key {} nor by any key it handed over \
                 to in keys/rotations/. Do not trust this copy; if the newsroom changed its key, \
                 get the new one from its /mirrors page another way and pass it with --key.",
                key_id(&trusted)
            );
        }
    }
    let text = String::from_utf8(manifest_bytes).context("manifest.txt is not UTF-8 text")?;
    let manifest = parse_manifest(&text)?;
    let problems = file_problems(dir, &manifest)?;
    for problem in &problems {
        println!("{problem}");
    }
    let mark = match export_mark(dir)? {
        ExportMark::Finished => mark_before,
        mark => mark,
    };
    match &mark {
        ExportMark::Finished => {}
        ExportMark::Running(holder) => {
            failed = true;
            println!(
                "Unfinished: an `ashyq export site` is writing into {} now ({holder}); its files \
                 and manifest may not match until it ends. Check again when it has finished.",
                dir.display()
            );
        }
        ExportMark::Interrupted(holder) => {
            failed = true;
            println!(
                "Unfinished: an `ashyq export site` into {} started and never finished \
                 ({holder}, its mark is {LOCK_FILE}); the files may be half-way between two \
                 exports. Export again to complete the copy.",
                dir.display()
            );
        }
    }
    if problems.is_empty() && !failed {
        println!("All {} files match the manifest.", manifest.len());
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "{} of {} listed files checked; {} problems. This copy is not what the newsroom signed.",
            manifest.len(),
            manifest.len(),
            problems.len()
        );
        Ok(ExitCode::FAILURE)
    }
}
