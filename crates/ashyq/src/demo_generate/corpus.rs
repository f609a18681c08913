//! The corpus itself: each story's plan (languages, figures, interview, authors, tags), drawn
//! from the seed, and the article files written from it.

use std::fmt::Write as _;

use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use crate::import::SourceFile;

use super::words::{FAMILY_NAMES, GIVEN_NAMES, SLUG_WORDS, TOPICS, TOWNS, Words};
use super::{Counts, FIGURE_IMAGES, LAST_PUBLISHED, Lang, Rng, SPAN_SECONDS, figure_file_name};

/// What a story looks like, decided once so that its translations share figures, interview,
/// authors and tags.
pub(super) struct StoryPlan {
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

pub(super) struct InterviewPlan {
    interviewee: usize,
    interviewee_lang: Lang,
    turns: usize,
}

pub(super) struct Corpus {
    seed: u64,
    stories_estimate: usize,
}

impl Corpus {
    pub(super) fn new(seed: u64, articles: usize) -> Corpus {
        // About 1.5 articles per story (see `plan`): used only to spread publication dates.
        Corpus { seed, stories_estimate: (articles * 2 / 3).max(1) }
    }

    pub(super) fn plan(&self, story: usize) -> StoryPlan {
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

    pub(super) fn slug(&self, story: usize, translation: Option<Lang>) -> String {
        let plan = self.plan(story);
        slug_for(&plan, self.seed, story, translation)
    }

    /// The files of one story: the original, then its translations, at most `room` files.
    pub(super) fn story(&self, story: usize, room: usize, counts: &mut Counts) -> Vec<SourceFile> {
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

    pub(super) fn article(
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
    pub(super) fn interview(
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

pub(super) fn slug_for(
    plan: &StoryPlan,
    seed: u64,
    story: usize,
    translation: Option<Lang>,
) -> String {
    let mut slug = format!("{}-{}-s{seed}-{story}", plan.slug_words[0], plan.slug_words[1]);
    if let Some(lang) = translation {
        slug.push('-');
        slug.push_str(lang.code());
    }
    slug
}

pub(super) fn figure_fields(text: &mut String, rng: &mut Rng, words: &Words, image: usize) {
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

pub(super) fn paragraph(
    rng: &mut Rng,
    words: &Words,
    sentences: usize,
    town: Option<&str>,
) -> String {
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
pub(super) fn emphasize_first_noun(text: &str, words: &Words) -> String {
    for noun in words.nouns {
        if let Some(at) = text.find(&format!(" {noun} ")) {
            let start = at + 1;
            let end = start + noun.len();
            return format!("{}*{}*{}", &text[..start], &text[start..end], &text[end..]);
        }
    }
    text.to_owned()
}

pub(super) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn town_name(town: usize, lang: Lang) -> String {
    let (latin, cyrillic) = TOWNS[town % TOWNS.len()];
    match lang {
        Lang::En => latin.to_owned(),
        Lang::Ru | Lang::Kk => cyrillic.to_owned(),
    }
}

pub(super) fn person_parts(
    person: usize,
) -> (&'static (&'static str, &'static str), &'static (&'static str, &'static str)) {
    let given = &GIVEN_NAMES[person % GIVEN_NAMES.len()];
    let family = &FAMILY_NAMES[(person / GIVEN_NAMES.len()) % FAMILY_NAMES.len()];
    (given, family)
}

pub(super) fn person_name(person: usize, lang: Lang) -> String {
    let (given, family) = person_parts(person);
    match lang {
        Lang::En => format!("{} {}", given.0, family.0),
        Lang::Ru | Lang::Kk => format!("{} {}", given.1, family.1),
    }
}

pub(super) fn person_slug(person: usize) -> String {
    let (given, family) = person_parts(person);
    format!("{}-{}", given.0, family.0).to_ascii_lowercase()
}

pub(super) fn initials(person: usize, lang: Lang) -> String {
    let (given, family) = person_parts(person);
    let (given, family) = match lang {
        Lang::En => (given.0, family.0),
        Lang::Ru | Lang::Kk => (given.1, family.1),
    };
    given.chars().take(1).chain(family.chars().take(1)).collect()
}

/// A TOML basic string.
pub(super) fn toml_string(text: &str) -> String {
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
