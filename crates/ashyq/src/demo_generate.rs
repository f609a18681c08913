//! `ashyq demo generate`: a synthetic multilingual corpus for benchmarks. Stories in English, Russian
//! and Kazakh, some translated into the other two, with two-language interviews, figures, tags and
//! authors, built from word lists written for this file and fully determined by `--seed`. The
//! articles go through the same import pipeline as `ashyq import md`, in batches, or are written out
//! as article files with `--out`. When importing, readers' comments are generated too (`comments`);
//! article files carry none.

mod comments;
mod corpus;
mod words;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use ashyq_i18n::Catalog;
use ashyq_store::ArticleStore;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::GlobalArgs;
use crate::import::{
    Approval, ImageSource, prepare_batch, report_errors, resolve_relative, write_batch,
};
use crate::settings::Settings;
use corpus::{Corpus, paragraph, person_name};
use words::{EN, KK, RU, Words};

/// Generate a synthetic multilingual corpus and import it (or write it as article files).
#[derive(Debug, clap::Args)]
pub(crate) struct DemoGenerateArgs {
    /// How many articles to generate, translations included.
    #[arg(long)]
    articles: usize,
    /// The same seed gives the same corpus, byte for byte.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write article files (and their images) into this folder instead of importing them.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Articles per import transaction: large enough to amortize the commit's fsync, small enough to
/// keep memory flat at any corpus size.
const BATCH_ARTICLES: usize = 1000;

/// The corpus's time span: stories are spread evenly over ten years ending at this instant.
const LAST_PUBLISHED: i64 = 1_775_000_000; // 2026-03-31
const SPAN_SECONDS: i64 = 10 * 365 * 24 * 3600;

pub(crate) async fn run(global: &GlobalArgs, args: DemoGenerateArgs) -> anyhow::Result<ExitCode> {
    if args.articles == 0 {
        anyhow::bail!("--articles must be at least 1");
    }
    let started = Instant::now();
    let corpus = Corpus::new(args.seed, args.articles);
    let progress = progress_bar(args.articles);
    let mut counts = Counts::default();

    if let Some(out) = &args.out {
        let images_dir = out.join("images");
        let articles_dir = out.join("articles");
        for dir in [&images_dir, &articles_dir] {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        for (index, svg) in figure_images().iter().enumerate() {
            let path = images_dir.join(figure_file_name(index));
            std::fs::write(&path, svg)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        let mut story = 0;
        while counts.articles < args.articles {
            for file in corpus.story(story, args.articles - counts.articles, &mut counts) {
                let path = out.join(&file.name);
                std::fs::write(&path, &file.text)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                progress.inc(1);
            }
            story += 1;
        }
        progress.finish_and_clear();
        println!(
            "Wrote {} article files ({} stories, {} translations, {} with interviews) to {} in {:.2} s.",
            counts.articles,
            counts.stories,
            counts.translations,
            counts.interviews,
            out.display(),
            started.elapsed().as_secs_f64()
        );
        println!("Article files carry no comments; import into a data folder to get them.");
        return Ok(ExitCode::SUCCESS);
    }

    let settings = Settings::load(global, None)?;
    settings.prepare_data_dir()?;
    let store = crate::store::open_store(&settings).await?;
    let catalog = Catalog::new()?;
    let existing = store.article_slugs().await?;
    if existing.contains_key(&corpus.slug(0, None)) {
        anyhow::bail!(
            "{} already holds a corpus generated with seed {}; use another --seed or an empty data folder",
            settings.data_dir.display(),
            args.seed
        );
    }
    let images = GeneratedImages::new();
    let screen = crate::import_comments::site_screen(&settings, &store).await?;
    let mut comment_count = 0;
    let media_dir = settings.media_dir();
    let mut story = 0;
    let mut images_written = 0;
    while counts.articles < args.articles {
        let mut files = Vec::with_capacity(BATCH_ARTICLES + 3);
        // Whole stories per batch, so every translation's original is in the same batch.
        while files.len() < BATCH_ARTICLES && counts.articles < args.articles {
            files.extend(corpus.story(story, args.articles - counts.articles, &mut counts));
            story += 1;
        }
        progress.set_message(format!("stories up to {story}"));
        let batch = match prepare_batch(
            &files,
            &images,
            &catalog,
            &existing,
            &HashMap::new(),
            &ProgressBar::hidden(),
        ) {
            Ok(batch) => batch,
            Err(errors) => {
                progress.finish_and_clear();
                report_errors(&errors);
                anyhow::bail!("the generated articles are invalid (a bug in this build)");
            }
        };
        write_batch(&store, &media_dir, &batch, false, Approval::ByOperator).await?;
        let commented: Vec<comments::Commented> = batch
            .articles
            .iter()
            .map(|new| comments::Commented {
                slug: new.article.slug.as_str().to_owned(),
                lang: Lang::from_code(new.article.lang.as_str()),
                published: new.article.published.unix_timestamp(),
            })
            .collect();
        comment_count += comments::add(&store, &screen, args.seed, &commented).await?;
        images_written = images_written.max(batch.media.len());
        progress.inc(files.len() as u64);
    }
    progress.finish_and_clear();
    store.close().await;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "Imported {} generated articles ({} stories, {} translations, {} with interviews), {} comments and {} images in {:.2} s ({:.0} articles/s).",
        counts.articles,
        counts.stories,
        counts.translations,
        counts.interviews,
        comment_count,
        images_written,
        seconds,
        counts.articles as f64 / seconds.max(1e-9)
    );
    Ok(ExitCode::SUCCESS)
}

fn progress_bar(total: usize) -> ProgressBar {
    let bar = ProgressBar::new(total as u64);
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} generating [{bar:30}] {pos}/{len} {per_sec} eta {eta} {wide_msg}",
    ) {
        bar.set_style(style);
    }
    bar
}

#[derive(Debug, Default)]
struct Counts {
    articles: usize,
    stories: usize,
    translations: usize,
    interviews: usize,
}

/// SplitMix64: tiny, fast, and the same on every platform, which is all a corpus generator needs.
struct Rng(u64);

impl Rng {
    /// A generator for one part of the corpus, independent of how much was drawn elsewhere.
    fn derive(seed: u64, parts: &[u64]) -> Rng {
        let mut rng = Rng(seed ^ 0x5EED_A5B1_0000_0000);
        for part in parts {
            rng.0 ^= rng.next_u64().wrapping_add(*part);
        }
        rng
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    fn between(&mut self, low: usize, high_inclusive: usize) -> usize {
        low + self.below(high_inclusive - low + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// The three corpus languages, in the order of `Lang::index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    En,
    Ru,
    Kk,
}

impl Lang {
    const ALL: [Lang; 3] = [Lang::En, Lang::Ru, Lang::Kk];

    /// The corpus language for a code the generator wrote (anything else is English).
    fn from_code(code: &str) -> Lang {
        match code {
            "ru" => Lang::Ru,
            "kk" => Lang::Kk,
            _ => Lang::En,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Kk => "kk",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::Ru => &RU,
            Lang::Kk => &KK,
        }
    }

    /// The newsroom's clock: Almaty for Kazakh and English, Moscow for Russian.
    fn offset_hours(self) -> i8 {
        match self {
            Lang::Ru => 3,
            Lang::En | Lang::Kk => 5,
        }
    }
}

const FIGURE_IMAGES: usize = 6;

fn figure_file_name(index: usize) -> String {
    format!("figure-{}.svg", index + 1)
}

/// Small SVG illustrations, all different bytes so that each is stored once under its own name.
fn figure_images() -> Vec<String> {
    const SKIES: [&str; FIGURE_IMAGES] =
        ["#dcebf5", "#f5e6dc", "#e3f5dc", "#ece2f5", "#f5f1dc", "#dcf5f1"];
    const GROUNDS: [&str; FIGURE_IMAGES] =
        ["#c7ad5f", "#8fae6b", "#a58d6f", "#7f9bb3", "#b37f7f", "#9c9c9c"];
    (0..FIGURE_IMAGES)
        .map(|index| {
            let sun_x = 80 + index * 90;
            let mut svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 400\" width=\"640\" height=\"400\">\n\
                 <rect width=\"640\" height=\"400\" fill=\"{}\"/>\n\
                 <circle cx=\"{sun_x}\" cy=\"80\" r=\"36\" fill=\"#f6d365\"/>\n\
                 <path d=\"M0 300 Q160 {} 320 290 T640 280 V400 H0 Z\" fill=\"{}\"/>\n",
                SKIES[index],
                250 + index * 8,
                GROUNDS[index]
            );
            for house in 0..=index {
                let x = 40 + house * 95;
                let _ = writeln!(
                    svg,
                    "<rect x=\"{x}\" y=\"250\" width=\"48\" height=\"34\" fill=\"#f4efe4\" stroke=\"#8a7a5a\" stroke-width=\"2\"/>\n\
                     <polygon points=\"{},250 {},228 {},250\" fill=\"#5c7c99\"/>",
                    x - 4,
                    x + 24,
                    x + 52
                );
            }
            svg.push_str("</svg>\n");
            svg
        })
        .collect()
}

/// The generated figures, served to the import pipeline from memory.
struct GeneratedImages {
    by_path: HashMap<String, Vec<u8>>,
}

impl GeneratedImages {
    fn new() -> GeneratedImages {
        let by_path = figure_images()
            .into_iter()
            .enumerate()
            .map(|(index, svg)| (format!("images/{}", figure_file_name(index)), svg.into_bytes()))
            .collect();
        GeneratedImages { by_path }
    }
}

impl ImageSource for GeneratedImages {
    fn load(&self, article_name: &str, src: &str) -> Option<Vec<u8>> {
        self.by_path.get(&resolve_relative(article_name, src)).cloned()
    }
}

/// The files for `n` articles, all in memory (for tests).
#[cfg(test)]
fn generate_files(seed: u64, n: usize) -> (Vec<crate::import::SourceFile>, Counts) {
    let corpus = Corpus::new(seed, n);
    let mut counts = Counts::default();
    let mut files = Vec::new();
    let mut story = 0;
    while counts.articles < n {
        files.extend(corpus.story(story, n - counts.articles, &mut counts));
        story += 1;
    }
    (files, counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_articles_pass_every_import_check() {
        let (files, counts) = generate_files(7, 300);
        assert_eq!(files.len(), 300);
        assert_eq!(counts.articles, 300);
        let catalog = Catalog::new().unwrap();
        let batch = prepare_batch(
            &files,
            &GeneratedImages::new(),
            &catalog,
            &HashMap::new(),
            &HashMap::new(),
            &ProgressBar::hidden(),
        )
        .unwrap_or_else(|errors| {
            let messages: Vec<String> = errors.errors.iter().map(ToString::to_string).collect();
            panic!("generated content has errors:\n{}", messages.join("\n"))
        });
        for lang in ["en", "ru", "kk"] {
            assert!(batch.articles.iter().any(|new| new.article.lang.as_str() == lang), "{lang}");
        }
        assert!(batch.articles.iter().any(|new| new.article.has_interview()));
        assert!(batch.articles.iter().any(|new| new.article.translation_of.is_some()));
        assert!(batch.articles.iter().any(|new| new.article.figures.len() == 2));
        assert!(batch.media.len() <= FIGURE_IMAGES);
    }

    #[test]
    fn the_same_seed_gives_the_same_corpus() {
        let (first, _) = generate_files(3, 50);
        let (second, _) = generate_files(3, 50);
        let (other, _) = generate_files(4, 50);
        let texts = |files: &[crate::import::SourceFile]| {
            files.iter().map(|f| f.text.clone()).collect::<Vec<_>>()
        };
        assert_eq!(texts(&first), texts(&second));
        assert_ne!(texts(&first), texts(&other));
    }

    #[test]
    fn a_story_is_cut_to_the_requested_count() {
        for n in 1..20 {
            assert_eq!(generate_files(1, n).0.len(), n);
        }
    }
}
