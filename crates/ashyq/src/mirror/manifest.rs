//! `manifest.txt`: every file of a copy with its SHA-256, in `sha256sum`'s format (hash, two
//! spaces, path relative to the copy's top), so `sha256sum -c manifest.txt` checks it as it is.

use std::collections::BTreeMap;

/// The list of files at the top of a copy.
pub(crate) const MANIFEST: &str = "manifest.txt";
/// Its signature, in minisign's format.
pub(crate) const SIGNATURE: &str = "manifest.txt.minisig";

/// Path (relative, `/`-separated, as on disk) → SHA-256 in lowercase hexadecimal.
pub(crate) type Manifest = BTreeMap<String, String>;

/// The manifest's text, paths sorted.
pub(crate) fn manifest_text(files: &Manifest) -> String {
    let mut text = String::with_capacity(files.len() * 100);
    for (path, hash) in files {
        text.push_str(hash);
        text.push_str("  ");
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// A line that is not `HASH  PATH` with a safe relative path.
#[derive(Debug, thiserror::Error)]
#[error("{MANIFEST}:{line}: {problem}")]
pub(crate) struct ManifestError {
    line: usize,
    problem: String,
}

/// Whether `path` stays inside the copy: relative, no `.`/`..`/empty parts, no backslash (which
/// `sha256sum` would treat as an escape) and no control characters.
pub(crate) fn is_safe_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && path.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Reads a manifest; every line must be well formed.
pub(crate) fn parse_manifest(text: &str) -> Result<Manifest, ManifestError> {
    let mut files = Manifest::new();
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let fail = |problem: String| ManifestError { line: line_number, problem };
        let Some((hash, path)) = line.split_once("  ") else {
            return Err(fail("expected a SHA-256, two spaces and a path".to_owned()));
        };
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(fail(format!("`{hash}` is not a SHA-256 in hexadecimal")));
        }
        if !is_safe_path(path) || path == MANIFEST || path == SIGNATURE {
            return Err(fail(format!("`{path}` is not a file inside the copy")));
        }
        if files.insert(path.to_owned(), hash.to_ascii_lowercase()).is_some() {
            return Err(fail(format!("`{path}` is listed twice")));
        }
    }
    Ok(files)
}

/// The SHA-256 of `bytes` in lowercase hexadecimal.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_reads_back_and_refuses_paths_outside_the_copy_issue_12() {
        let mut files = Manifest::new();
        files.insert("index.html".to_owned(), sha256_hex(b"a"));
        files.insert("articles/x/index.html".to_owned(), sha256_hex(b"b"));
        let text = manifest_text(&files);
        assert!(text.starts_with(&format!("{}  articles/x/index.html\n", sha256_hex(b"b"))));
        assert_eq!(parse_manifest(&text).unwrap(), files);
        for bad in [
            format!("{}  ../etc/passwd", sha256_hex(b"a")),
            format!("{}  /etc/passwd", sha256_hex(b"a")),
            format!("{} a", sha256_hex(b"a")),
            "zz  a".to_owned(),
            format!("{}  manifest.txt", sha256_hex(b"a")),
        ] {
            assert!(parse_manifest(&bad).is_err(), "{bad}");
        }
    }
}
