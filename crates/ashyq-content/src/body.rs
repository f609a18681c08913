//! The body's block directives: `::: figure ID` and `::: interview … :::`. Everything else is
//! Markdown and is left to pulldown-cmark; this module only cuts the body into blocks, line by line,
//! so that each error can name its line. Lines inside fenced code blocks are never directives.

use crate::article::{Block, Interview, Turn, Version};
use crate::errors::{ArticleError, ArticleErrorKind, Location};
use crate::language::LanguageTag;

/// Cuts `body` (whose first line is line `first_line` of `file`) into blocks.
pub fn parse_body(
    file: &str,
    body: &str,
    first_line: usize,
) -> Result<Vec<Block>, Vec<ArticleError>> {
    let mut parser =
        BodyParser { file, blocks: Vec::new(), errors: Vec::new(), markdown: String::new() };
    let mut interview: Option<InterviewBuilder> = None;
    let mut fence: Option<String> = None;

    for (index, raw_line) in body.split_inclusive('\n').enumerate() {
        let line_number = first_line + index;
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();

        // Fenced code: directives inside are text.
        if let Some(marker) = &fence {
            if trimmed.starts_with(marker.as_str()) {
                fence = None;
            }
            parser.push_text(&mut interview, raw_line, line_number);
            continue;
        }
        if let Some(marker) = fence_marker(trimmed) {
            fence = Some(marker);
            parser.push_text(&mut interview, raw_line, line_number);
            continue;
        }

        if let Some(directive) = line.strip_prefix(":::") {
            let directive = directive.trim();
            let location = Location::new(file, line_number, 1);
            match (&mut interview, directive) {
                (Some(_), "") => {
                    if let Some(builder) = interview.take() {
                        parser.finish_interview(builder);
                    }
                }
                (Some(_), _) => parser.error(location, ArticleErrorKind::NestedDirective),
                (None, "") => parser.error(location, ArticleErrorKind::StrayClose),
                (None, "interview") => {
                    parser.flush_markdown();
                    interview = Some(InterviewBuilder::new(location));
                }
                (None, other) => {
                    let mut words = other.split_whitespace();
                    match (words.next(), words.next(), words.next()) {
                        (Some("figure"), Some(id), None) => {
                            parser.flush_markdown();
                            parser.blocks.push(Block::Figure { id: id.to_owned(), location });
                        }
                        (Some("figure"), None, _) => {
                            parser.error(location, ArticleErrorKind::FigureWithoutId);
                        }
                        _ => parser
                            .error(location, ArticleErrorKind::UnknownDirective(other.to_owned())),
                    }
                }
            }
            continue;
        }

        let Some(builder) = interview.as_mut() else {
            parser.markdown.push_str(raw_line);
            continue;
        };
        if let Some(speaker) = trimmed.strip_prefix('@') {
            let location = Location::new(file, line_number, 1);
            if let Some(error) = builder.finish_turn() {
                parser.errors.push(error);
            }
            builder.swallow_text = false;
            let speaker = speaker.trim();
            if speaker.is_empty() || speaker.contains(char::is_whitespace) {
                parser.error(location, ArticleErrorKind::TurnWithoutSpeaker);
            } else {
                builder.turn = Some(TurnBuilder {
                    speaker: speaker.to_owned(),
                    location,
                    versions: Vec::new(),
                    has_bad_version: false,
                });
            }
            continue;
        }
        if let Some(inner) = version_marker(trimmed) {
            let location = Location::new(file, line_number, 2);
            match parse_version_marker(inner) {
                Err(kind) => {
                    // The turn's own checks, and the text that follows, would only repeat this
                    // problem in other words.
                    if let Some(turn) = builder.turn.as_mut() {
                        turn.has_bad_version = true;
                    }
                    builder.swallow_text = true;
                    parser.error(location, kind);
                }
                Ok((lang, original)) => match builder.turn.as_mut() {
                    None => {
                        builder.swallow_text = true;
                        parser.error(location, ArticleErrorKind::VersionOutsideTurn);
                    }
                    Some(turn) => {
                        builder.swallow_text = false;
                        if turn.versions.iter().any(|(version, _)| version.lang == lang) {
                            parser.error(
                                location.clone(),
                                ArticleErrorKind::DuplicateVersion { lang: lang.to_string() },
                            );
                        }
                        let first_line = location.line + 1;
                        let version =
                            Version { lang, original, markdown: String::new(), first_line };
                        turn.versions.push((version, location));
                    }
                },
            }
            continue;
        }
        parser.push_text(&mut interview, raw_line, line_number);
    }

    if let Some(builder) = interview.take() {
        let location = builder.location.clone();
        parser.finish_interview(builder);
        parser.error(location, ArticleErrorKind::UnclosedInterview);
    }
    parser.flush_markdown();
    if parser.errors.is_empty() { Ok(parser.blocks) } else { Err(parser.errors) }
}

struct BodyParser<'a> {
    file: &'a str,
    blocks: Vec<Block>,
    errors: Vec<ArticleError>,
    markdown: String,
}

impl BodyParser<'_> {
    fn error(&mut self, location: Location, kind: ArticleErrorKind) {
        self.errors.push(ArticleError::new(location, kind));
    }

    fn flush_markdown(&mut self) {
        if !self.markdown.trim().is_empty() {
            self.blocks.push(Block::Markdown(std::mem::take(&mut self.markdown)));
        }
        self.markdown.clear();
    }

    /// Adds a line of text to the open language version, or to the running Markdown outside
    /// interviews.
    fn push_text(
        &mut self,
        interview: &mut Option<InterviewBuilder>,
        raw_line: &str,
        line_number: usize,
    ) {
        let Some(builder) = interview.as_mut() else {
            self.markdown.push_str(raw_line);
            return;
        };
        if builder.swallow_text {
            return;
        }
        match builder.turn.as_mut().and_then(|turn| turn.versions.last_mut()) {
            Some((version, _)) => version.markdown.push_str(raw_line),
            None if raw_line.trim().is_empty() => {}
            None => self.error(
                Location::new(self.file, line_number, 1),
                ArticleErrorKind::TextOutsideVersion,
            ),
        }
    }

    fn finish_interview(&mut self, mut builder: InterviewBuilder) {
        if let Some(error) = builder.finish_turn() {
            self.errors.push(error);
        }
        self.blocks
            .push(Block::Interview(Interview { turns: builder.turns, location: builder.location }));
    }
}

struct InterviewBuilder {
    location: Location,
    turns: Vec<Turn>,
    turn: Option<TurnBuilder>,
    /// Set after a bad `[…]` line, so that its text does not raise more errors.
    swallow_text: bool,
}

struct TurnBuilder {
    speaker: String,
    location: Location,
    versions: Vec<(Version, Location)>,
    has_bad_version: bool,
}

impl InterviewBuilder {
    fn new(location: Location) -> InterviewBuilder {
        InterviewBuilder { location, turns: Vec::new(), turn: None, swallow_text: false }
    }

    /// Closes the open turn: checks it has one original and no empty version, and puts the original
    /// first.
    fn finish_turn(&mut self) -> Option<ArticleError> {
        let turn = self.turn.take()?;
        let speaker = turn.speaker.clone();
        if turn.has_bad_version {
            return None;
        }
        let error = |kind| Some(ArticleError::new(turn.location.clone(), kind));
        if turn.versions.is_empty() {
            return error(ArticleErrorKind::EmptyTurn);
        }
        if let Some((version, location)) =
            turn.versions.iter().find(|(version, _)| version.markdown.trim().is_empty())
        {
            return Some(ArticleError::new(
                location.clone(),
                ArticleErrorKind::EmptyVersion { lang: version.lang.to_string() },
            ));
        }
        match turn.versions.iter().filter(|(version, _)| version.original).count() {
            0 => return error(ArticleErrorKind::TurnWithoutOriginal { speaker }),
            1 => {}
            _ => return error(ArticleErrorKind::SeveralOriginals { speaker }),
        }
        let mut versions: Vec<Version> =
            turn.versions.into_iter().map(|(version, _)| version).collect();
        // A stable sort keeps the translations in the order the file gives them.
        versions.sort_by_key(|version| !version.original);
        self.turns.push(Turn { speaker, location: turn.location, versions });
        None
    }
}

/// The opening marker of a fenced code block (three or more backticks or tildes).
fn fence_marker(trimmed: &str) -> Option<String> {
    for fence_char in ['`', '~'] {
        let count = trimmed.chars().take_while(|c| *c == fence_char).count();
        if count >= 3 {
            return Some(fence_char.to_string().repeat(count));
        }
    }
    None
}

/// The inside of a `[…]` line when it looks like a version marker: a bracketed word that starts with
/// two or three letters (so ordinary Markdown such as `[1]: https://…` or a bracketed sentence is not
/// taken for one), or a slip an editor makes writing one: `[Russian original]`, `[ru-original]`,
/// `[Russian]`.
fn version_marker(trimmed: &str) -> Option<&str> {
    let inner = trimmed.strip_prefix('[')?.strip_suffix(']')?;
    let mut words = inner.split_whitespace();
    let first_word = words.next()?;
    let second_word = words.next();
    if words.next().is_some() {
        return None;
    }
    let slip = second_word.is_some_and(|word| word.eq_ignore_ascii_case("original"))
        || hyphenated_original(first_word).is_some()
        || (second_word.is_none() && code_for_language_name(first_word).is_some());
    let letters = first_word.chars().take_while(char::is_ascii_alphabetic).count();
    let rest_is_subtags =
        first_word[letters..].chars().all(|c| c == '-' || c.is_ascii_alphanumeric());
    (slip || ((2..=3).contains(&letters) && rest_is_subtags)).then_some(inner)
}

/// `ru` for `ru-original` (any case).
fn hyphenated_original(word: &str) -> Option<&str> {
    let split = word.len().checked_sub("-original".len())?;
    let (lang, suffix) = (word.get(..split)?, word.get(split..)?);
    (suffix.eq_ignore_ascii_case("-original") && !lang.is_empty()).then_some(lang)
}

/// Language names editors write instead of codes, in English and in the language itself.
const LANGUAGE_NAMES: &[(&str, &str)] = &[
    ("arabic", "ar"),
    ("azerbaijani", "az"),
    ("belarusian", "be"),
    ("chinese", "zh"),
    ("english", "en"),
    ("french", "fr"),
    ("georgian", "ka"),
    ("german", "de"),
    ("kazakh", "kk"),
    ("kyrgyz", "ky"),
    ("persian", "fa"),
    ("russian", "ru"),
    ("spanish", "es"),
    ("tajik", "tg"),
    ("turkish", "tr"),
    ("turkmen", "tk"),
    ("ukrainian", "uk"),
    ("uzbek", "uz"),
];

/// The code of a language written by its name (`Russian`, `русский`, `Қазақша`).
fn code_for_language_name(word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase();
    LANGUAGE_NAMES
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, code)| *code)
        .or_else(|| crate::language::code_for_native_name(&lower))
}

fn parse_version_marker(inner: &str) -> Result<(LanguageTag, bool), ArticleErrorKind> {
    let mut words = inner.split_whitespace();
    let lang = words.next().unwrap_or_default();
    let got = format!("[{inner}]");
    if let Some(code) = hyphenated_original(lang) {
        let code = code_for_language_name(code).unwrap_or(code);
        return Err(ArticleErrorKind::HyphenatedOriginal {
            got,
            fixed: format!("[{code} original]"),
        });
    }
    let original = match words.next() {
        None => false,
        Some(word) if word.eq_ignore_ascii_case("original") => true,
        Some(_) => return Err(ArticleErrorKind::BadVersionLine(got)),
    };
    if let Some(code) = code_for_language_name(lang) {
        let fixed = if original { format!("[{code} original]") } else { format!("[{code}]") };
        return Err(ArticleErrorKind::LanguageNameNotCode { name: lang.to_owned(), fixed });
    }
    let lang = LanguageTag::parse(lang).map_err(ArticleErrorKind::Language)?;
    Ok((lang, original))
}
