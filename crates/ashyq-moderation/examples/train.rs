//! Train the screen's model on labelled TSV files and write it: `train DIR_OR_FILES… OUT.bin`. Held-aside rows
//! are left out.
//!
//! Example: `cargo run --release -p ashyq-moderation --example train -- /work/shared/moderation-data/dev
//! crates/ashyq-moderation/data crates/ashyq-moderation/model/screen.bin`
use std::path::{Path, PathBuf};
use std::time::Instant;

use ashyq_moderation::{LabelledComment, TrainOptions, parse_tsv, split_held_aside, train};

fn tsv_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
            .collect();
        files.sort();
        Ok(files)
    } else {
        Ok(vec![path.to_path_buf()])
    }
}

/// Read every row of the given files or directories (directories: their `*.tsv`, sorted by name).
pub fn load(paths: &[String]) -> Result<Vec<LabelledComment>, Box<dyn std::error::Error>> {
    let mut rows = Vec::new();
    for path in paths {
        for file in tsv_files(Path::new(path))? {
            let text = std::fs::read_to_string(&file)?;
            rows.extend(parse_tsv(&text, &file.display().to_string())?);
        }
    }
    Ok(rows)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out, inputs)) = args.split_last() else {
        return Err("usage: train DIR_OR_TSV… OUT.bin".into());
    };
    if inputs.is_empty() {
        return Err("usage: train DIR_OR_TSV… OUT.bin".into());
    }
    // Held-aside rows (`sha256(text)[0] % 5 == 0`) are never trained on.
    let (rows, held) = split_held_aside(load(inputs)?);
    eprintln!("{} held-aside rows left out", held.len());
    let start = Instant::now();
    let model = train(&rows, &TrainOptions::default());
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes)?;
    eprintln!(
        "trained on {} rows in {:.1} s; wrote {} ({} bytes)",
        rows.len(),
        start.elapsed().as_secs_f64(),
        out,
        bytes.len()
    );
    Ok(())
}
