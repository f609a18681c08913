//! What `import wxr`, `import disqus` and `import isso` print: every item skipped with its reason,
//! every adaptation, then the summary lines (in Fluent, like `import md`'s).

use ashyq_i18n::Catalog;
use ashyq_import::plan::Report;

/// The language of the command line's summary lines.
const CLI_LANGUAGE: &str = "en";

fn count(number: usize) -> i64 {
    i64::try_from(number).unwrap_or(i64::MAX)
}

/// Prints the report's details (skipped, adapted, missing images, shortcodes) to standard error.
pub(crate) fn print_details(report: &Report) {
    for (what, why) in &report.skipped {
        eprintln!("skipped {what}: {why}");
    }
    for note in &report.notes {
        eprintln!("adapted {note}");
    }
    for (address, file) in &report.missing_images {
        eprintln!("image not found: {address} (expected at MEDIA/{file}); left out");
    }
    for (name, posts) in &report.unknown_shortcodes {
        eprintln!("unknown shortcode [{name}] in {posts} post(s), kept as text");
    }
}

/// What was (or, in a dry run, would be) written.
pub(crate) struct Totals {
    pub(crate) articles: usize,
    pub(crate) comments: usize,
    pub(crate) images: usize,
}

/// Prints the summary lines to standard output.
pub(crate) fn print_summary(
    catalog: &Catalog,
    report: &Report,
    totals: &Totals,
    dry_run: bool,
    seconds: f64,
) {
    let l10n = catalog.localizer(CLI_LANGUAGE);
    let numbers = [
        ("articles", count(totals.articles)),
        ("comments", count(totals.comments)),
        ("images", count(totals.images)),
    ];
    if totals.articles == 0 && totals.comments == 0 && !dry_run {
        println!(
            "{}",
            l10n.msg_numbers(
                "import-archive-nothing",
                &[
                    ("articles", count(report.posts_already)),
                    ("comments", count(report.comments_already)),
                ],
                &[],
            )
        );
    } else if dry_run {
        println!("{}", l10n.msg_numbers("import-archive-dry-run", &numbers, &[]));
    } else {
        let seconds = format!("{seconds:.2}");
        println!("{}", l10n.msg_numbers("import-archive-done", &numbers, &[("seconds", &seconds)]));
    }
    println!(
        "{}",
        l10n.msg_numbers(
            "import-archive-counts",
            &[
                ("people", count(report.people)),
                ("skipped", count(report.skipped.len())),
                ("pingbacks", count(report.pingbacks)),
            ],
            &[],
        )
    );
}
