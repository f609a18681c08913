//! `ashyq demo generate`: a synthetic multilingual corpus for benchmarks. Stories in English, Russian
//! and Kazakh, some translated into the other two, with two-language interviews, figures, tags and
//! authors, built from word lists written for this file and fully determined by `--seed`. The
//! articles go through the same import pipeline as `ashyq import md`, in batches, or are written out
//! as article files with `--out`. When importing, readers' comments are generated too (`comments`);
//! article files carry none.

mod comments;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use ashyq_i18n::Catalog;
use ashyq_store::ArticleStore;
use indicatif::{ProgressBar, ProgressStyle};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use crate::cli::GlobalArgs;
use crate::import::{
    ImageSource, SourceFile, prepare_batch, report_errors, resolve_relative, write_batch,
};
use crate::settings::Settings;

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
    let screen = ashyq_moderation::Screen::default();
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
        write_batch(&store, &media_dir, &batch, false, true).await?;
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

/// One language's vocabulary. Sentences are built as adjective, noun, verb, adjective, noun, phrase:
/// not grammatical in Russian or Kazakh, but realistic in length, script and word shapes, which is
/// what rendering, storage and compression see.
struct Words {
    nouns: &'static [&'static str],
    verbs: &'static [&'static str],
    adjectives: &'static [&'static str],
    phrases: &'static [&'static str],
    question_openers: &'static [&'static str],
    caption_openers: &'static [&'static str],
    alt_openers: &'static [&'static str],
    credit: &'static str,
    subheadings: &'static [&'static str],
}

static EN: Words = Words {
    nouns: &[
        "newsroom",
        "editor",
        "reader",
        "reporter",
        "printing house",
        "district",
        "village",
        "court",
        "ministry",
        "school",
        "website",
        "almanac",
        "archive",
        "river",
        "market",
        "budget",
        "mirror",
        "radio station",
        "council",
        "hospital",
        "road",
        "factory",
        "teacher",
        "farmer",
        "letter",
        "licence",
        "inspection",
        "feed",
        "translator",
        "library",
        "bus route",
        "well",
        "bridge",
        "pension",
        "tender",
        "contract",
        "hearing",
        "channel",
        "signal",
        "warehouse",
    ],
    verbs: &[
        "published",
        "refused",
        "reported",
        "closed",
        "checked",
        "explained",
        "delayed",
        "repaired",
        "moved",
        "funded",
        "questioned",
        "translated",
        "archived",
        "blocked",
        "restored",
        "printed",
        "counted",
        "signed",
        "ignored",
        "answered",
    ],
    adjectives: &[
        "independent",
        "small",
        "local",
        "old",
        "open",
        "regional",
        "new",
        "quiet",
        "public",
        "unpaid",
        "blocked",
        "printed",
        "delayed",
        "second",
        "last",
        "annual",
        "official",
        "missing",
        "shared",
        "rural",
    ],
    phrases: &[
        "last winter",
        "in the district centre",
        "without a written reason",
        "after the hearing",
        "within a week",
        "for the third time",
        "before the spring floods",
        "according to the minutes",
        "at the request of readers",
        "in two languages",
        "on the night shift",
        "despite the block",
    ],
    question_openers: &[
        "Why was the",
        "When did the",
        "How did the",
        "Who decided that the",
        "What happened after the",
        "Did anyone expect the",
    ],
    caption_openers: &["The", "An", "A view of the", "Inside the", "Outside the"],
    alt_openers: &["A flat illustration of the", "A drawing of the", "A simple picture of the"],
    credit: "Illustration: ashyq generated corpus",
    subheadings: &[
        "What changed",
        "The numbers",
        "What readers said",
        "What comes next",
        "The answer",
    ],
};

static RU: Words = Words {
    nouns: &[
        "редакция",
        "редактор",
        "читатель",
        "корреспондент",
        "типография",
        "район",
        "село",
        "суд",
        "министерство",
        "школа",
        "сайт",
        "альманах",
        "архив",
        "река",
        "рынок",
        "бюджет",
        "зеркало",
        "радиостанция",
        "совет",
        "больница",
        "дорога",
        "завод",
        "учитель",
        "фермер",
        "письмо",
        "лицензия",
        "проверка",
        "лента",
        "переводчик",
        "библиотека",
        "автобус",
        "колодец",
        "мост",
        "пенсия",
        "тендер",
        "договор",
        "заседание",
        "канал",
        "сигнал",
        "склад",
    ],
    verbs: &[
        "опубликовал",
        "отказал",
        "сообщил",
        "закрыл",
        "проверил",
        "объяснил",
        "отложил",
        "отремонтировал",
        "перенёс",
        "оплатил",
        "спросил",
        "перевёл",
        "сохранил",
        "заблокировал",
        "восстановил",
        "напечатал",
        "посчитал",
        "подписал",
        "проигнорировал",
        "ответил",
    ],
    adjectives: &[
        "независимый",
        "небольшой",
        "местный",
        "старый",
        "открытый",
        "районный",
        "новый",
        "тихий",
        "общественный",
        "бесплатный",
        "заблокированный",
        "печатный",
        "отложенный",
        "второй",
        "последний",
        "ежегодный",
        "официальный",
        "пропавший",
        "общий",
        "сельский",
    ],
    phrases: &[
        "прошлой зимой",
        "в районном центре",
        "без письменного объяснения",
        "после заседания",
        "за неделю",
        "в третий раз",
        "перед весенним паводком",
        "согласно протоколу",
        "по просьбе читателей",
        "на двух языках",
        "в ночную смену",
        "несмотря на блокировку",
    ],
    question_openers: &[
        "Почему",
        "Когда",
        "Как",
        "Кто решил, что",
        "Что случилось после того, как",
        "Кто-нибудь ждал, что",
    ],
    caption_openers: &["Здесь", "Так выглядит", "Вид на", "Внутри:", "Снаружи:"],
    alt_openers: &["Плоская иллюстрация:", "Рисунок:", "Простая картинка:"],
    credit: "Иллюстрация: сгенерированный корпус ashyq",
    subheadings: &["Что изменилось", "Цифры", "Что сказали читатели", "Что дальше", "Ответ"],
};

static KK: Words = Words {
    nouns: &[
        "редакция",
        "редактор",
        "оқырман",
        "тілші",
        "баспахана",
        "аудан",
        "ауыл",
        "сот",
        "министрлік",
        "мектеп",
        "сайт",
        "альманах",
        "мұрағат",
        "өзен",
        "базар",
        "бюджет",
        "айна",
        "радио",
        "кеңес",
        "аурухана",
        "жол",
        "зауыт",
        "мұғалім",
        "фермер",
        "хат",
        "лицензия",
        "тексеру",
        "таспа",
        "аудармашы",
        "кітапхана",
        "автобус",
        "құдық",
        "көпір",
        "зейнетақы",
        "тендер",
        "келісімшарт",
        "отырыс",
        "арна",
        "сигнал",
        "қойма",
    ],
    verbs: &[
        "жариялады",
        "бас тартты",
        "хабарлады",
        "жапты",
        "тексерді",
        "түсіндірді",
        "кейінге қалдырды",
        "жөндеді",
        "көшірді",
        "қаржыландырды",
        "сұрады",
        "аударды",
        "сақтады",
        "бұғаттады",
        "қалпына келтірді",
        "басып шығарды",
        "санады",
        "қол қойды",
        "елемеді",
        "жауап берді",
    ],
    adjectives: &[
        "тәуелсіз",
        "шағын",
        "жергілікті",
        "ескі",
        "ашық",
        "аудандық",
        "жаңа",
        "тыныш",
        "қоғамдық",
        "тегін",
        "бұғатталған",
        "баспа",
        "кейінге қалған",
        "екінші",
        "соңғы",
        "жыл сайынғы",
        "ресми",
        "жоғалған",
        "ортақ",
        "ауылдық",
    ],
    phrases: &[
        "өткен қыста",
        "аудан орталығында",
        "жазбаша себепсіз",
        "отырыстан кейін",
        "бір апта ішінде",
        "үшінші рет",
        "көктемгі су тасқынына дейін",
        "хаттамаға сәйкес",
        "оқырмандардың өтініші бойынша",
        "екі тілде",
        "түнгі ауысымда",
        "бұғаттауға қарамастан",
    ],
    question_openers: &["Неге", "Қашан", "Қалай", "Кім шешті", "Не болды", "Біреу күтті ме"],
    caption_openers: &["Міне", "Осылай көрінеді:", "Көрініс:", "Ішінде:", "Сыртында:"],
    alt_openers: &["Жалпақ иллюстрация:", "Сурет:", "Қарапайым сурет:"],
    credit: "Иллюстрация: ashyq жасаған корпус",
    subheadings: &["Не өзгерді", "Сандар", "Оқырмандар не деді", "Әрі қарай не болады", "Жауап"],
};

/// Invented towns: (Latin spelling, Cyrillic spelling).
const TOWNS: &[(&str, &str)] = &[
    ("Aksuyek", "Аксуек"),
    ("Tasbulak", "Тасбулак"),
    ("Zhelkent", "Желкент"),
    ("Borlykol", "Борлыкол"),
    ("Sarybel", "Сарыбел"),
    ("Kokterek", "Коктерек"),
    ("Ushagash", "Ушагаш"),
    ("Myrzatal", "Мырзатал"),
    ("Karasay-Ozen", "Карасай-Озен"),
    ("Tenizbay", "Тенизбай"),
];

/// Topics: (English, Russian, Kazakh).
const TOPICS: &[[&str; 3]] = &[
    ["Press freedom", "Свобода прессы", "Сөз бостандығы"],
    ["Elections", "Выборы", "Сайлау"],
    ["Courts", "Суды", "Соттар"],
    ["Environment", "Экология", "Қоршаған орта"],
    ["Education", "Образование", "Білім"],
    ["Health", "Здравоохранение", "Денсаулық"],
    ["Water", "Вода", "Су"],
    ["Housing", "Жильё", "Тұрғын үй"],
    ["Labour", "Труд", "Еңбек"],
    ["Migration", "Миграция", "Көші-қон"],
    ["Media", "Медиа", "БАҚ"],
    ["Local government", "Местная власть", "Жергілікті билік"],
    ["Budget", "Бюджет", "Бюджет"],
    ["Agriculture", "Сельское хозяйство", "Ауыл шаруашылығы"],
    ["Transport", "Транспорт", "Көлік"],
    ["Culture", "Культура", "Мәдениет"],
    ["Internet", "Интернет", "Интернет"],
    ["Censorship", "Цензура", "Цензура"],
    ["Energy", "Энергетика", "Энергетика"],
    ["Corruption", "Коррупция", "Сыбайлас жемқорлық"],
];

/// People: (Latin spelling, Cyrillic spelling), combined into 12 × 12 invented full names.
const GIVEN_NAMES: &[(&str, &str)] = &[
    ("Aigerim", "Айгерим"),
    ("Nurlan", "Нурлан"),
    ("Dana", "Дана"),
    ("Timur", "Тимур"),
    ("Saule", "Сауле"),
    ("Marat", "Марат"),
    ("Olga", "Ольга"),
    ("Yerbol", "Ербол"),
    ("Asel", "Асель"),
    ("Ruslan", "Руслан"),
    ("Zhanna", "Жанна"),
    ("Daniyar", "Данияр"),
];
const FAMILY_NAMES: &[(&str, &str)] = &[
    ("Tasbergen", "Тасберген"),
    ("Oralkhan", "Оралхан"),
    ("Belova", "Белова"),
    ("Kuanysh", "Куаныш"),
    ("Sarsen", "Сарсен"),
    ("Zhumabay", "Жумабай"),
    ("Lebedeva", "Лебедева"),
    ("Esimkhan", "Есимхан"),
    ("Tokta", "Токта"),
    ("Abylay", "Абылай"),
    ("Grigoryan", "Григорян"),
    ("Nurbek", "Нурбек"),
];

/// Words for article addresses (slugs are ASCII whatever the article's language).
const SLUG_WORDS: &[&str] = &[
    "printers", "river", "archive", "mirror", "court", "village", "school", "budget", "radio",
    "bridge", "market", "letter", "licence", "tender", "feed", "signal", "harvest", "well", "road",
    "council",
];

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

/// What a story looks like, decided once so that its translations share figures, interview,
/// authors and tags.
struct StoryPlan {
    original: Lang,
    translations: Vec<Lang>,
    published: i64,
    slug_words: [&'static str; 2],
    town: usize,
    topics: Vec<usize>,
    authors: Vec<usize>,
    lead_figure: Option<usize>,
    body_figures: Vec<usize>,
    paragraphs: usize,
    interview: Option<InterviewPlan>,
}

struct InterviewPlan {
    interviewee: usize,
    interviewee_lang: Lang,
    turns: usize,
}

struct Corpus {
    seed: u64,
    stories_estimate: usize,
}

impl Corpus {
    fn new(seed: u64, articles: usize) -> Corpus {
        // About 1.5 articles per story (see `plan`): used only to spread publication dates.
        Corpus { seed, stories_estimate: (articles * 2 / 3).max(1) }
    }

    fn plan(&self, story: usize) -> StoryPlan {
        let mut rng = Rng::derive(self.seed, &[story as u64]);
        let original = *rng.pick(&Lang::ALL);
        let others: Vec<Lang> = Lang::ALL.into_iter().filter(|lang| *lang != original).collect();
        // 60 % of stories stay in one language, 30 % get one translation, 10 % get two.
        let translations = match rng.below(10) {
            0..=5 => Vec::new(),
            6..=8 => vec![*rng.pick(&others)],
            _ => others.clone(),
        };
        let step = SPAN_SECONDS / self.stories_estimate as i64;
        let published = LAST_PUBLISHED - SPAN_SECONDS
            + story as i64 * step.max(1)
            + rng.below(step.max(1) as usize) as i64;
        let n_topics = rng.between(1, 3);
        let mut topics = Vec::with_capacity(n_topics);
        while topics.len() < n_topics {
            let topic = rng.below(TOPICS.len());
            if !topics.contains(&topic) {
                topics.push(topic);
            }
        }
        let n_people = GIVEN_NAMES.len() * FAMILY_NAMES.len();
        let n_authors = if rng.chance(25) { 2 } else { 1 };
        let mut authors = Vec::with_capacity(n_authors);
        while authors.len() < n_authors {
            // Authors come from the first half of the people; interviewees from the second.
            let author = rng.below(n_people / 2);
            if !authors.contains(&author) {
                authors.push(author);
            }
        }
        let lead_figure = rng.chance(80).then(|| rng.below(FIGURE_IMAGES));
        let body_figures = (0..rng.between(0, 2)).map(|_| rng.below(FIGURE_IMAGES)).collect();
        let interview = rng.chance(35).then(|| InterviewPlan {
            interviewee: n_people / 2 + rng.below(n_people / 2),
            interviewee_lang: *rng.pick(&others),
            turns: rng.between(2, 5),
        });
        StoryPlan {
            original,
            translations,
            published,
            slug_words: [*rng.pick(SLUG_WORDS), *rng.pick(SLUG_WORDS)],
            town: rng.below(TOWNS.len()),
            topics,
            authors,
            lead_figure,
            body_figures,
            paragraphs: rng.between(5, 12),
            interview,
        }
    }

    fn slug(&self, story: usize, translation: Option<Lang>) -> String {
        let plan = self.plan(story);
        slug_for(&plan, self.seed, story, translation)
    }

    /// The files of one story: the original, then its translations, at most `room` files.
    fn story(&self, story: usize, room: usize, counts: &mut Counts) -> Vec<SourceFile> {
        let plan = self.plan(story);
        let original_slug = slug_for(&plan, self.seed, story, None);
        let mut files = Vec::with_capacity(1 + plan.translations.len());
        files.push(self.article(&plan, story, plan.original, &original_slug, None));
        for lang in plan.translations.iter().take(room.saturating_sub(1)) {
            let slug = slug_for(&plan, self.seed, story, Some(*lang));
            files.push(self.article(&plan, story, *lang, &slug, Some(&original_slug)));
            counts.translations += 1;
        }
        counts.stories += 1;
        counts.articles += files.len();
        if plan.interview.is_some() {
            counts.interviews += files.len();
        }
        files
    }

    fn article(
        &self,
        plan: &StoryPlan,
        story: usize,
        lang: Lang,
        slug: &str,
        translation_of: Option<&str>,
    ) -> SourceFile {
        let words = lang.words();
        let mut rng = Rng::derive(self.seed, &[story as u64, 1 + lang.index() as u64]);
        let town = town_name(plan.town, lang);
        let title = capitalize(&format!(
            "{} {} {} {}",
            rng.pick(words.adjectives),
            rng.pick(words.nouns),
            rng.pick(words.verbs),
            town
        ));
        let summary = paragraph(&mut rng, words, 2, Some(&town));
        let delay = if translation_of.is_some() { 86_400 + rng.below(86_400) as i64 } else { 0 };
        let published = OffsetDateTime::from_unix_timestamp(plan.published + delay)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
            .to_offset(UtcOffset::from_hms(lang.offset_hours(), 0, 0).unwrap_or(UtcOffset::UTC));
        let published = published.format(&Rfc3339).unwrap_or_default();

        let mut text = String::with_capacity(8192);
        text.push_str("+++\n");
        let _ = writeln!(text, "title = {}", toml_string(&title));
        let _ = writeln!(text, "slug = \"{slug}\"");
        let _ = writeln!(text, "lang = \"{}\"", lang.code());
        if let Some(original) = translation_of {
            let _ = writeln!(text, "translation_of = \"{original}\"");
        }
        let _ = writeln!(text, "published = {published}");
        let _ = writeln!(text, "summary = {}", toml_string(&summary));
        let mut tags: Vec<String> =
            plan.topics.iter().map(|topic| TOPICS[*topic][lang.index()].to_owned()).collect();
        tags.push(town.clone());
        let tags: Vec<String> = tags.iter().map(|tag| toml_string(tag)).collect();
        let _ = writeln!(text, "tags = [{}]", tags.join(", "));
        for author in &plan.authors {
            let _ = write!(
                text,
                "\n[[authors]]\nname = {}\nslug = \"{}\"\n",
                toml_string(&person_name(*author, lang)),
                person_slug(*author)
            );
        }
        if let Some(image) = plan.lead_figure {
            text.push_str("\n[lead_figure]\n");
            figure_fields(&mut text, &mut rng, words, image);
        }
        for (position, image) in plan.body_figures.iter().enumerate() {
            let _ = write!(text, "\n[[figures]]\nid = \"f{}\"\n", position + 1);
            figure_fields(&mut text, &mut rng, words, *image);
        }
        if let Some(interview) = &plan.interview {
            let interviewer = plan.authors[0];
            for (id, person, role) in
                [("q", interviewer, "interviewer"), ("a", interview.interviewee, "interviewee")]
            {
                let _ = write!(
                    text,
                    "\n[[speakers]]\nid = \"{id}\"\nname = {}\nrole = \"{role}\"\ninitials = {{ en = \"{}\", ru = \"{}\", kk = \"{}\" }}\n",
                    toml_string(&person_name(person, lang)),
                    initials(person, Lang::En),
                    initials(person, Lang::Ru),
                    initials(person, Lang::Kk),
                );
            }
        }
        text.push_str("+++\n\n");

        // The body: paragraphs, a subheading, the figures spread out, the interview in the middle.
        let interview_at = plan.paragraphs / 2;
        let subheading_at = (plan.paragraphs * 2 / 3).max(1);
        for index in 0..plan.paragraphs {
            if index == subheading_at {
                let _ = writeln!(text, "## {}\n", rng.pick(words.subheadings));
            }
            let sentences = rng.between(3, 6);
            let mut body = paragraph(&mut rng, words, sentences, Some(&town));
            if rng.chance(20) {
                body = emphasize_first_noun(&body, words);
            }
            let _ = writeln!(text, "{body}\n");
            if let Some(interview) = plan.interview.as_ref().filter(|_| index == interview_at) {
                self.interview(&mut text, plan, story, interview);
            }
            // Figure k goes after paragraph 2k + 1; any that do not fit go at the end.
            if index % 2 == 1 && index / 2 < plan.body_figures.len() {
                let _ = writeln!(text, "::: figure f{}\n", index / 2 + 1);
            }
        }
        for figure in plan.paragraphs / 2..plan.body_figures.len() {
            let _ = writeln!(text, "::: figure f{}\n", figure + 1);
        }
        SourceFile { name: format!("articles/{slug}.md"), text }
    }

    /// A two-language interview: questions asked in the story's language, answers given in the
    /// interviewee's; every turn has its original and one translation. Each version's text depends
    /// only on the story, the turn and the language, so translated articles carry the same interview.
    fn interview(
        &self,
        text: &mut String,
        plan: &StoryPlan,
        story: usize,
        interview: &InterviewPlan,
    ) {
        let asked_in = if interview.interviewee_lang == plan.original {
            // Cannot happen (the interviewee speaks another language), but stay valid regardless.
            Lang::ALL.into_iter().find(|other| *other != plan.original).unwrap_or(Lang::En)
        } else {
            plan.original
        };
        let answered_in = interview.interviewee_lang;
        text.push_str("::: interview\n");
        for turn in 0..interview.turns * 2 {
            let is_question = turn % 2 == 0;
            let (speaker, original, other) = if is_question {
                ("q", asked_in, answered_in)
            } else {
                ("a", answered_in, asked_in)
            };
            let _ = writeln!(text, "@{speaker}");
            for (version_lang, marker) in [(original, " original"), (other, "")] {
                let mut rng = Rng::derive(
                    self.seed,
                    &[story as u64, 100 + turn as u64, version_lang.index() as u64],
                );
                let words = version_lang.words();
                let _ = writeln!(text, "[{}{marker}]", version_lang.code());
                if is_question {
                    let question = format!(
                        "{} {} {} {}?",
                        rng.pick(words.question_openers),
                        rng.pick(words.nouns),
                        rng.pick(words.verbs),
                        rng.pick(words.phrases)
                    );
                    let _ = writeln!(text, "{question}");
                } else {
                    let paragraphs = 1 + rng.below(2);
                    for index in 0..paragraphs {
                        if index > 0 {
                            text.push('\n');
                        }
                        let sentences = rng.between(2, 5);
                        let _ = writeln!(text, "{}", paragraph(&mut rng, words, sentences, None));
                    }
                }
            }
            text.push('\n');
        }
        text.push_str(":::\n\n");
    }
}

fn slug_for(plan: &StoryPlan, seed: u64, story: usize, translation: Option<Lang>) -> String {
    let mut slug = format!("{}-{}-s{seed}-{story}", plan.slug_words[0], plan.slug_words[1]);
    if let Some(lang) = translation {
        slug.push('-');
        slug.push_str(lang.code());
    }
    slug
}

fn figure_fields(text: &mut String, rng: &mut Rng, words: &Words, image: usize) {
    let subject = format!("{} {}", rng.pick(words.adjectives), rng.pick(words.nouns));
    let _ = write!(
        text,
        "src = \"../images/{}\"\nalt = {}\ncaption = {}\ncredit = {}\nlicence = \"{}\"\n",
        figure_file_name(image),
        toml_string(&format!("{} {subject}.", rng.pick(words.alt_openers))),
        toml_string(&format!(
            "{} {subject} {}.",
            rng.pick(words.caption_openers),
            rng.pick(words.phrases)
        )),
        toml_string(words.credit),
        rng.pick(&["cc-by", "cc-by-sa", "used-with-permission", "cc0"]),
    );
}

fn paragraph(rng: &mut Rng, words: &Words, sentences: usize, town: Option<&str>) -> String {
    let mut out = String::with_capacity(sentences * 90);
    for index in 0..sentences {
        if index > 0 {
            out.push(' ');
        }
        let mut sentence = format!(
            "{} {} {} {} {}",
            rng.pick(words.adjectives),
            rng.pick(words.nouns),
            rng.pick(words.verbs),
            rng.pick(words.adjectives),
            rng.pick(words.nouns)
        );
        if let Some(town) = town.filter(|_| rng.chance(15)) {
            sentence.push(' ');
            sentence.push_str(town);
        }
        if rng.chance(60) {
            sentence.push(' ');
            sentence.push_str(rng.pick::<&str>(words.phrases));
        }
        if rng.chance(30) {
            let _ = write!(sentence, ", {} {}", rng.pick(words.nouns), rng.pick(words.verbs));
        }
        out.push_str(&capitalize(&sentence));
        out.push('.');
    }
    out
}

/// Puts the first word from the noun list that occurs in `text` in italics, as writers do with names
/// of publications.
fn emphasize_first_noun(text: &str, words: &Words) -> String {
    for noun in words.nouns {
        if let Some(at) = text.find(&format!(" {noun} ")) {
            let start = at + 1;
            let end = start + noun.len();
            return format!("{}*{}*{}", &text[..start], &text[start..end], &text[end..]);
        }
    }
    text.to_owned()
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn town_name(town: usize, lang: Lang) -> String {
    let (latin, cyrillic) = TOWNS[town % TOWNS.len()];
    match lang {
        Lang::En => latin.to_owned(),
        Lang::Ru | Lang::Kk => cyrillic.to_owned(),
    }
}

fn person_parts(
    person: usize,
) -> (&'static (&'static str, &'static str), &'static (&'static str, &'static str)) {
    let given = &GIVEN_NAMES[person % GIVEN_NAMES.len()];
    let family = &FAMILY_NAMES[(person / GIVEN_NAMES.len()) % FAMILY_NAMES.len()];
    (given, family)
}

fn person_name(person: usize, lang: Lang) -> String {
    let (given, family) = person_parts(person);
    match lang {
        Lang::En => format!("{} {}", given.0, family.0),
        Lang::Ru | Lang::Kk => format!("{} {}", given.1, family.1),
    }
}

fn person_slug(person: usize) -> String {
    let (given, family) = person_parts(person);
    format!("{}-{}", given.0, family.0).to_ascii_lowercase()
}

fn initials(person: usize, lang: Lang) -> String {
    let (given, family) = person_parts(person);
    let (given, family) = match lang {
        Lang::En => (given.0, family.0),
        Lang::Ru | Lang::Kk => (given.1, family.1),
    };
    given.chars().take(1).chain(family.chars().take(1)).collect()
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            _ => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// The files for `n` articles, all in memory (for tests).
#[cfg(test)]
fn generate_files(seed: u64, n: usize) -> (Vec<SourceFile>, Counts) {
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
        let texts = |files: &[SourceFile]| files.iter().map(|f| f.text.clone()).collect::<Vec<_>>();
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
