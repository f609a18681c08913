//! WordPress post HTML → our article body (Markdown with figures), through `html5ever`'s tokenizer.
//! Headings, paragraphs, lists, links, quotes, emphasis, code and tables become Markdown; `<img>`
//! and `<figure>` become figures; scripts, styles and embeds are dropped and listed; links with
//! schemes we refuse are kept as their text and listed. Text is escaped, so nothing in a post can
//! become HTML or a directive.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// A piece of a converted body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Markdown(String),
    Figure(FigureRef),
}

/// An image the post shows, by the address it had on the old site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureRef {
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

/// A converted body and what had to be adapted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    pub pieces: Vec<Piece>,
    /// Links whose scheme we refuse (kept as text): the addresses.
    pub refused_links: Vec<String>,
    /// Elements dropped with their content (`script`, `iframe`…).
    pub dropped: Vec<String>,
}

/// The tokens we act on.
#[derive(Debug)]
enum HtmlToken {
    Start { name: String, attrs: Vec<(String, String)>, self_closing: bool },
    End { name: String },
    Text(String),
}

#[derive(Default)]
struct Collector {
    tokens: RefCell<Vec<HtmlToken>>,
}

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, _line_number: u64) -> TokenSinkResult<()> {
        let mut tokens = self.tokens.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                match tag.kind {
                    TagKind::StartTag => tokens.push(HtmlToken::Start {
                        name,
                        attrs: tag
                            .attrs
                            .iter()
                            .map(|attr| (attr.name.local.to_string(), attr.value.to_string()))
                            .collect(),
                        self_closing: tag.self_closing,
                    }),
                    TagKind::EndTag => tokens.push(HtmlToken::End { name }),
                }
            }
            Token::CharacterTokens(text) => match tokens.last_mut() {
                Some(HtmlToken::Text(last)) => last.push_str(&text),
                _ => tokens.push(HtmlToken::Text(text.to_string())),
            },
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn tokenize(html: &str) -> Vec<HtmlToken> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Collector::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.tokens.take()
}

/// Elements whose content is never shown.
const DROPPED: [&str; 10] =
    ["script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "form"];

/// Converts post HTML (WordPress's stored form: blank lines are paragraph breaks) to our body.
pub fn convert(html: &str) -> Converted {
    let mut writer = Writer::default();
    let mut skipping: Option<(String, usize)> = None;
    for token in tokenize(html) {
        if let Some((name, depth)) = skipping.as_mut() {
            match &token {
                HtmlToken::Start { name: open, self_closing: false, .. } if open == name => {
                    *depth += 1;
                }
                HtmlToken::End { name: closed } if closed == name => {
                    *depth -= 1;
                    if *depth == 0 {
                        skipping = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        match token {
            HtmlToken::Start { name, attrs, self_closing } => {
                if DROPPED.contains(&name.as_str()) {
                    writer.converted.dropped.push(name.clone());
                    if !self_closing {
                        skipping = Some((name, 1));
                    }
                    continue;
                }
                writer.start(&name, &attrs);
            }
            HtmlToken::End { name } => writer.end(&name),
            HtmlToken::Text(text) => writer.text(&text),
        }
    }
    writer.finish()
}

/// Plain text of an HTML fragment (a comment): tags dropped, paragraphs kept as blank lines.
pub fn plain_text(html: &str) -> String {
    let mut out = String::new();
    let mut skipping = 0usize;
    for token in tokenize(html) {
        match token {
            HtmlToken::Start { name, self_closing, .. } => {
                if DROPPED.contains(&name.as_str()) && !self_closing {
                    skipping += 1;
                } else if skipping == 0 && matches!(name.as_str(), "p" | "br" | "div" | "li") {
                    out.push('\n');
                    if name == "p" {
                        out.push('\n');
                    }
                }
            }
            HtmlToken::End { name } => {
                if DROPPED.contains(&name.as_str()) {
                    skipping = skipping.saturating_sub(1);
                }
            }
            HtmlToken::Text(text) if skipping == 0 => out.push_str(&text),
            HtmlToken::Text(_) => {}
        }
    }
    let mut cleaned = String::new();
    for paragraph in out.split("\n\n").map(str::trim).filter(|part| !part.is_empty()) {
        if !cleaned.is_empty() {
            cleaned.push_str("\n\n");
        }
        cleaned.push_str(paragraph);
    }
    cleaned
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Bulleted,
    Numbered,
}

/// A table being read: rows of cells, and whether the first row was a header.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
}

#[derive(Default)]
struct Writer {
    converted: Converted,
    /// Output buffers: the body, then one per open blockquote, table cell or caption.
    buffers: Vec<String>,
    lists: Vec<ListKind>,
    /// For each open `<a>`: its address, when it is kept as a link.
    links: Vec<Option<String>>,
    pre: usize,
    tables: Vec<Table>,
    figure: Option<FigureRef>,
    in_caption: bool,
    in_credit: bool,
}

impl Writer {
    fn out(&mut self) -> &mut String {
        if self.buffers.is_empty() {
            self.buffers.push(String::new());
        }
        let last = self.buffers.len() - 1;
        &mut self.buffers[last]
    }

    /// Ends the current block: the next text starts a new paragraph.
    fn block_break(&mut self) {
        let out = self.out();
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        if trimmed == 0 {
            out.clear();
            return;
        }
        out.truncate(trimmed);
        out.push_str("\n\n");
    }

    fn line_break(&mut self) {
        let out = self.out();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str("\\\n");
        }
    }

    fn at_line_start(&mut self) -> bool {
        let out = self.out();
        out.is_empty() || out.ends_with('\n')
    }

    fn start(&mut self, name: &str, attrs: &[(String, String)]) {
        let attr = |key: &str| {
            attrs.iter().find(|(name, _)| name == key).map(|(_, value)| value.trim().to_owned())
        };
        match name {
            "p" | "div" | "section" | "article" | "header" | "footer" | "aside" | "main"
                if self.tables.is_empty() =>
            {
                self.block_break();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.block_break();
                let level = match name {
                    "h1" | "h2" => "## ",
                    "h3" => "### ",
                    _ => "#### ",
                };
                self.out().push_str(level);
            }
            "br" => {
                if self.tables.is_empty() && self.figure.is_none() {
                    self.line_break();
                } else {
                    self.out().push(' ');
                }
            }
            "hr" => {
                self.block_break();
                self.out().push_str("---\n\n");
            }
            "ul" | "ol" => {
                if self.lists.is_empty() {
                    self.block_break();
                }
                self.lists.push(if name == "ol" { ListKind::Numbered } else { ListKind::Bulleted });
            }
            "li" => {
                let depth = self.lists.len().max(1);
                let marker = match self.lists.last() {
                    Some(ListKind::Numbered) => "1. ",
                    _ => "- ",
                };
                let out = self.out();
                let trimmed = out.trim_end_matches([' ', '\n']).len();
                out.truncate(trimmed);
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&"   ".repeat(depth - 1));
                out.push_str(marker);
            }
            "blockquote" => {
                self.block_break();
                self.buffers.push(String::new());
            }
            "pre" => {
                self.block_break();
                self.pre += 1;
                self.buffers.push(String::new());
            }
            "em" | "i" => self.out().push('*'),
            "strong" | "b" => self.out().push_str("**"),
            "del" | "s" | "strike" => self.out().push_str("~~"),
            "code" if self.pre == 0 => self.out().push('`'),
            "a" => {
                let href = attr("href").unwrap_or_default();
                if href.is_empty() || self.figure.is_some() {
                    self.links.push(None);
                } else if ashyq_content::refused_link_scheme(&href).is_some() {
                    self.converted.refused_links.push(href);
                    self.links.push(None);
                } else {
                    self.out().push('[');
                    self.links.push(Some(href));
                }
            }
            "img" => {
                let image = FigureRef {
                    src: attr("src").unwrap_or_default(),
                    alt: attr("alt").unwrap_or_default(),
                    ..FigureRef::default()
                };
                if image.src.is_empty() {
                    return;
                }
                match self.figure.as_mut() {
                    Some(figure) if figure.src.is_empty() => {
                        figure.src = image.src;
                        figure.alt = image.alt;
                    }
                    _ => self.push_figure(image),
                }
            }
            "figure" => {
                self.block_break();
                self.figure = Some(FigureRef::default());
            }
            "figcaption" => {
                self.in_caption = true;
                self.buffers.push(String::new());
            }
            "cite" if self.in_caption => {
                self.in_credit = true;
                self.buffers.push(String::new());
            }
            "table" => {
                self.block_break();
                self.tables.push(Table::default());
            }
            "tr" => {
                if let Some(table) = self.tables.last_mut() {
                    table.rows.push(Vec::new());
                }
            }
            "td" | "th" => self.buffers.push(String::new()),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "p" | "div" | "section" | "article" | "header" | "footer" | "aside" | "main"
                if self.tables.is_empty() =>
            {
                self.block_break();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.block_break(),
            "ul" | "ol" => {
                self.lists.pop();
                if self.lists.is_empty() {
                    self.block_break();
                }
            }
            "blockquote" if self.buffers.len() > 1 => {
                let quoted = self.buffers.pop().unwrap_or_default();
                let quoted = quoted.trim();
                let out = self.out();
                for line in quoted.lines() {
                    out.push('>');
                    if !line.is_empty() {
                        out.push(' ');
                        out.push_str(line);
                    }
                    out.push('\n');
                }
                self.block_break();
            }
            "pre" if self.pre > 0 && self.buffers.len() > 1 => {
                self.pre -= 1;
                let code = self.buffers.pop().unwrap_or_default();
                let fence = "`".repeat(longest_run(&code, '`').max(2) + 1);
                let out = self.out();
                out.push_str(&fence);
                out.push('\n');
                out.push_str(code.trim_matches('\n'));
                out.push('\n');
                out.push_str(&fence);
                self.block_break();
            }
            "em" | "i" => self.out().push('*'),
            "strong" | "b" => self.out().push_str("**"),
            "del" | "s" | "strike" => self.out().push_str("~~"),
            "code" if self.pre == 0 => self.out().push('`'),
            "a" => {
                if let Some(Some(href)) = self.links.pop() {
                    let destination = href.replace(' ', "%20").replace(')', "%29");
                    let out = self.out();
                    out.push_str("](");
                    out.push_str(&destination);
                    out.push(')');
                }
            }
            "cite" if self.in_credit && self.buffers.len() > 1 => {
                self.in_credit = false;
                let credit = self.buffers.pop().unwrap_or_default();
                if let Some(figure) = self.figure.as_mut() {
                    figure.credit = collapse(&credit);
                }
            }
            "figcaption" if self.in_caption && self.buffers.len() > 1 => {
                self.in_caption = false;
                let caption = self.buffers.pop().unwrap_or_default();
                if let Some(figure) = self.figure.as_mut() {
                    figure.caption = collapse(&caption);
                }
            }
            "figure" => {
                if let Some(figure) = self.figure.take()
                    && !figure.src.is_empty()
                {
                    self.push_figure(figure);
                }
            }
            "td" | "th" if self.buffers.len() > 1 => {
                let cell = self.buffers.pop().unwrap_or_default();
                let cell = collapse(&cell).replace('|', "\\|");
                if let Some(row) = self.tables.last_mut().and_then(|table| table.rows.last_mut()) {
                    row.push(cell);
                }
            }
            "table" => {
                if let Some(table) = self.tables.pop() {
                    let markdown = table_markdown(&table);
                    self.out().push_str(&markdown);
                    self.block_break();
                }
            }
            _ => {}
        }
    }

    fn push_figure(&mut self, figure: FigureRef) {
        self.flush_markdown();
        self.converted.pieces.push(Piece::Figure(figure));
    }

    fn flush_markdown(&mut self) {
        if let Some(body) = self.buffers.first_mut() {
            let text = body.trim().to_owned();
            body.clear();
            if !text.is_empty() {
                self.converted.pieces.push(Piece::Markdown(text));
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            self.out().push_str(text);
            return;
        }
        let mut words = String::new();
        let mut whitespace = String::new();
        let mut parts: Vec<(String, bool)> = Vec::new();
        for ch in text.chars() {
            if ch.is_whitespace() {
                if !words.is_empty() {
                    parts.push((std::mem::take(&mut words), false));
                }
                whitespace.push(ch);
            } else {
                if !whitespace.is_empty() {
                    parts.push((std::mem::take(&mut whitespace), true));
                }
                words.push(ch);
            }
        }
        if !words.is_empty() {
            parts.push((words, false));
        }
        if !whitespace.is_empty() {
            parts.push((whitespace, true));
        }
        for (part, is_space) in parts {
            if is_space {
                let paragraph = part.matches('\n').count() >= 2
                    && self.tables.is_empty()
                    && self.lists.is_empty()
                    && self.buffers.len() == 1;
                if paragraph {
                    self.block_break();
                } else if !self.at_line_start() && !self.out().ends_with(' ') {
                    self.out().push(' ');
                }
            } else {
                let line_start = self.at_line_start();
                let escaped = escape_markdown(&part, line_start);
                self.out().push_str(&escaped);
            }
        }
    }

    fn finish(mut self) -> Converted {
        while self.buffers.len() > 1 {
            let rest = self.buffers.pop().unwrap_or_default();
            self.out().push_str(&rest);
        }
        self.flush_markdown();
        self.converted
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn longest_run(text: &str, wanted: char) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == wanted { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

fn table_markdown(table: &Table) -> String {
    let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return String::new();
    }
    let mut out = String::new();
    for (index, row) in table.rows.iter().enumerate() {
        out.push('|');
        for column in 0..columns {
            out.push(' ');
            out.push_str(row.get(column).map_or("", String::as_str));
            out.push_str(" |");
        }
        out.push('\n');
        if index == 0 {
            out.push('|');
            out.push_str(&" --- |".repeat(columns));
            out.push('\n');
        }
    }
    out
}

/// Escapes Markdown's punctuation in a word of text, and what would start a block at a line start.
fn escape_markdown(word: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    for (index, ch) in word.char_indices() {
        let special = matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&' | '$'
        );
        let block_start = line_start && index == 0 && matches!(ch, '-' | '+' | '=' | ':' | '@');
        if special || block_start {
            out.push('\\');
        }
        out.push(ch);
    }
    // "1." or "1)" at a line start is a numbered list.
    if line_start {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
            out.insert(digits, '\\');
        }
    }
    out
}

#[cfg(test)]
mod tests;
