//! `ashyq moderation eval` and `ashyq moderation train`: file handling and output around the pure
//! screening crate.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use ashyq_moderation::{
    EvalReport, LabelledComment, Model, Screen, TrainOptions, evaluate, parse_tsv,
    split_held_aside, train,
};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{GlobalArgs, ModerationEvalArgs, ModerationExportArgs, ModerationTrainArgs};
use crate::settings::Settings;

/// `*.tsv` files of a folder (sorted), or the file itself.
fn tsv_files(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| format!("cannot list {}", path.display()))?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|file| file.extension().is_some_and(|extension| extension == "tsv"))
            .collect();
        files.sort();
        Ok(files)
    } else {
        Ok(vec![path.to_owned()])
    }
}

/// Reads and parses every labelled file, with a progress bar on standard error.
fn load_rows(paths: &[PathBuf]) -> anyhow::Result<Vec<LabelledComment>> {
    let mut files = Vec::new();
    for path in paths {
        files.extend(tsv_files(path)?);
    }
    if files.is_empty() {
        anyhow::bail!("no .tsv files found in the given paths");
    }
    let bar = ProgressBar::new(files.len() as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} reading [{bar:30}] {pos}/{len} {wide_msg}")
    {
        bar.set_style(style);
    }
    let mut rows = Vec::new();
    for file in &files {
        bar.set_message(file.display().to_string());
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        rows.extend(parse_tsv(&text, &file.display().to_string())?);
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(rows)
}

fn percent(value: f64) -> String {
    format!("{:.1}%", value * 100.0)
}

/// The human-readable report.
fn print_report(report: &EvalReport) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "Should not be approved (any label but clean), {} comments:", report.rows)?;
    writeln!(
        out,
        "{:<10} {:>9} {:>9} {:>9} {:>8} {:>16}",
        "scope", "precision", "recall", "F1", "rows", "clean flagged"
    )?;
    writeln!(
        out,
        "{:<10} {:>9.3} {:>9.3} {:>9.3} {:>8} {:>16}",
        "overall",
        report.precision,
        report.recall,
        report.f1,
        report.rows,
        percent(report.false_positive_rate)
    )?;
    for (lang, figures) in &report.per_language {
        writeln!(
            out,
            "{:<10} {:>9.3} {:>9.3} {:>9.3} {:>8} {:>16}",
            lang,
            figures.precision,
            figures.recall,
            figures.f1,
            figures.rows,
            percent(figures.false_positive_rate)
        )?;
    }
    writeln!(out, "\nBy label (share flagged; for clean, the false-positive rate):")?;
    for (label, stats) in &report.per_label {
        writeln!(
            out,
            "{:<10} {:>9} rows  {:>7} flagged",
            label,
            stats.rows,
            percent(stats.recall)
        )?;
    }
    if !report.hard_civil.is_empty() {
        writeln!(
            out,
            "\nCivil comments on hard topics (violence, detention, ethnicity, language, politics) flagged:"
        )?;
        for (lang, stats) in &report.hard_civil {
            writeln!(
                out,
                "{:<10} {:>9} rows  {:>7} flagged",
                lang,
                stats.rows,
                percent(stats.recall)
            )?;
        }
    }
    writeln!(
        out,
        "\nLanguage detection (share detected as the row's language; share flagged Kazakh+Russian):"
    )?;
    for (group, stats) in &report.language_detection {
        writeln!(
            out,
            "{:<10} {:>9} rows  {:>7} right  {:>7} mixed",
            group,
            stats.rows,
            percent(stats.accuracy),
            percent(stats.mixed)
        )?;
    }
    writeln!(
        out,
        "\nThroughput: {:.0} comments per second (one thread, model loading excluded)",
        report.comments_per_second
    )
}

/// Reads a model file written by `ashyq moderation train` (the `moderation_model` setting, `eval --model`).
pub(crate) fn load_model(path: &Path) -> anyhow::Result<Model> {
    let bytes = std::fs::read(path)
        .with_context(|| format!("cannot read the moderation model {}", path.display()))?;
    Model::from_bytes(&bytes).with_context(|| {
        format!(
            "{} is not a usable moderation model (write one with `ashyq moderation train`)",
            path.display()
        )
    })
}

pub(crate) fn eval(args: &ModerationEvalArgs) -> anyhow::Result<ExitCode> {
    let mut rows = load_rows(&args.files)?;
    if args.held_aside {
        rows = split_held_aside(rows).1;
    }
    eprintln!("screening {} comments…", rows.len());
    let screen = match &args.model {
        Some(path) => Screen::with_model(load_model(path)?, &[]),
        None => Screen::default(),
    };
    let report = evaluate(&screen, &rows);
    if args.json {
        let json = serde_json::to_string(&report).context("encoding the report")?;
        let mut out = std::io::stdout().lock();
        writeln!(out, "{json}")?;
    } else {
        print_report(&report)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn train_model(args: &ModerationTrainArgs) -> anyhow::Result<ExitCode> {
    // Held-aside rows (`sha256(text)[0] % 5 == 0`) are never trained on: they measure the result.
    let (rows, held) = split_held_aside(load_rows(&args.data)?);
    eprintln!("{} held-aside comments left out for `eval --held-aside`", held.len());
    let started = Instant::now();
    let spinner = ProgressBar::new_spinner();
    spinner.set_message(format!("training on {} comments", rows.len()));
    spinner.enable_steady_tick(std::time::Duration::from_millis(200));
    let model = train(&rows, &TrainOptions::default());
    spinner.finish_and_clear();
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "trained on {} comments in {:.1} s; wrote {} ({} bytes). Point the `moderation_model` setting \
         (ASHYQ_MODERATION_MODEL) at it and restart to use it, or copy it over the built-in model and rebuild.",
        rows.len(),
        started.elapsed().as_secs_f64(),
        args.out.display(),
        bytes.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// One TSV field: every tab and line-break character becomes one space, as in the shared data, so
/// that character offsets stay the same and the file stays one comment per line.
fn tsv_field(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}' | '\u{1d}' | '\u{1e}' | '\u{85}'
            | '\u{2028}' | '\u{2029}' | '\0' => ' ',
            other => other,
        })
        .collect()
}

pub(crate) async fn export_labels(
    global: &GlobalArgs,
    args: &ModerationExportArgs,
) -> anyhow::Result<ExitCode> {
    use ashyq_store::CommentStore as _;
    let settings = Settings::load(global, None)?;
    let store = crate::store::open_store(&settings).await?;
    let rows = store.decided_comments().await?;
    store.close().await;
    let mut text = String::from("id\tlang\tlabel\ttext\torig_label\tspans\n");
    for ashyq_store::LabelledComment { id, lang, label, text: body } in &rows {
        text.push_str(&format!(
            "site-{id}\t{}\t{}\t{}\tsource=moderator\t\n",
            tsv_field(lang),
            label.name(),
            tsv_field(body)
        ));
    }
    match &args.out {
        Some(path) => {
            std::fs::write(path, &text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {} labelled comments to {}", rows.len(), path.display());
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
