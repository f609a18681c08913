//! XLIFF written and read back: escaping of hostile and mixed-script text, a file as a translator's
//! tool sends it back (reformatted, attributes reordered, states changed, `xml:space` on a target),
//! and every refusal with its line, column and unit.

use super::*;

fn unit(id: &str, source: &str, target: Option<&str>) -> XliffUnit {
    XliffUnit {
        id: id.to_owned(),
        kind: "block".to_owned(),
        source: source.to_owned(),
        target: target.map(str::to_owned),
        state: SegmentState::Initial,
        ashyq_state: "untranslated".to_owned(),
        source_hash: "0123456789abcdef".to_owned(),
        target_source_hash: String::new(),
        target_hash: String::new(),
        notes: Vec::new(),
        line: 0,
        column: 0,
    }
}

fn story(units: Vec<XliffUnit>) -> XliffStory {
    XliffStory {
        src_lang: "ru".to_owned(),
        trg_lang: "kk".to_owned(),
        slug: "parom".to_owned(),
        exported_at: Some(1_800_000_000),
        units,
    }
}

const HOSTILE: &str = "Цена < 5 & \"кавычки\" 'и' ]]> <script>alert(1)</script> العربية 🚢 \
                       [ссылка](https://example.org/?a=1&b=2)\nвторая строка\r\nтретья";

#[test]
fn written_files_read_back_unchanged_whatever_the_text_holds() {
    let mut first = unit("u-1a2b3c4d", HOSTILE, Some("Баға < 5 & «тырнақша» 🚢"));
    first.state = SegmentState::Translated;
    first.ashyq_state = "submitted".to_owned();
    first.target_source_hash = "fedcba9876543210".to_owned();
    first.target_hash = "00112233aabbccdd".to_owned();
    first.notes = vec![("review".to_owned(), "«&» <b>емес</b>".to_owned())];
    let written = story(vec![unit("title", "Паром", None), first]);
    let text = write_xliff(&written);
    assert!(!text.contains("<script>"), "markup in the text is escaped: {text}");
    assert!(text.contains("&lt;script&gt;") && text.contains("&amp;b=2"));
    let read = read_xliff(&text).unwrap();
    assert_eq!(read.slug, "parom");
    assert_eq!(read.exported_at, Some(1_800_000_000), "the export's time comes back");
    assert!(text.contains("ashyq:exported-at=\"2027-01-15T08:00:00Z\""), "{text}");
    assert_eq!((read.src_lang.as_str(), read.trg_lang.as_str()), ("ru", "kk"));
    assert_eq!(read.units.len(), 2);
    assert_eq!(read.units[0].target.as_deref(), Some(""), "an empty target is written");
    let back = &read.units[1];
    assert_eq!(back.source, HOSTILE, "carriage returns, quotes and emoji survive");
    assert_eq!(back.target.as_deref(), Some("Баға < 5 & «тырнақша» 🚢"));
    assert_eq!(back.state, SegmentState::Translated);
    assert_eq!(back.ashyq_state, "submitted");
    assert_eq!(back.source_hash, "0123456789abcdef");
    assert_eq!(back.target_source_hash, "fedcba9876543210");
    assert_eq!(back.target_hash, "00112233aabbccdd");
    assert_eq!(back.notes, vec![("review".to_owned(), "«&» <b>емес</b>".to_owned())]);
    assert!(back.line > 1 && back.column > 1, "the unit's place is kept for messages");
}

/// The file as a tool sends it back: prefix renamed, other indentation, attributes in another
/// order, states changed, a target filled in with `xml:space` and a CDATA section, units grouped.
#[test]
fn a_file_reformatted_by_a_tool_reads_the_same() {
    let tool = r#"<?xml version='1.0' encoding='utf-8'?>
<x:xliff trgLang="kk" srcLang="ru" version="2.0" xmlns:x="urn:oasis:names:tc:xliff:document:2.0" xmlns:a="urn:ashyq:xliff:1">
<x:file original="parom" id="f1"><x:group id="g">
<x:unit a:source-hash="0123456789abcdef" id="title" a:state="draft"><x:segment state="final"><x:source>Паром</x:source><x:target xml:space="preserve">Паром</x:target></x:segment></x:unit>
	</x:group>
	<x:unit id="u-1a2b3c4d"  a:kind="block">
		<x:segment state="translated">
			<x:source>Каждую пятницу &lt;газета&gt;.</x:source>
			<x:target xml:space="default"><![CDATA[Әр жұма <газет>]]> &amp; &#1179;айық.</x:target>
		</x:segment>
	</x:unit>
</x:file>
</x:xliff>"#;
    let read = read_xliff(tool).unwrap();
    assert_eq!(read.units.len(), 2);
    assert_eq!(read.units[0].id, "title");
    assert_eq!(read.units[0].state, SegmentState::Final);
    assert_eq!(read.units[0].ashyq_state, "draft");
    assert_eq!(read.units[1].source, "Каждую пятницу <газета>.");
    assert_eq!(read.units[1].target.as_deref(), Some("Әр жұма <газет> & қайық."));
    assert_eq!(read.units[1].source_hash, "", "a dropped attribute reads as empty");
    assert_eq!((read.units[1].line, read.units[1].column), (6, 2));
}

/// A file as the `xliff` npm package (6.x, under many i18n tools) writes ours back: no XML
/// declaration, no `original`, no `xml:space` or `state`, and our attributes kept with their
/// prefix but without its declaration. The story is still named by our `id="f-SLUG"`.
#[test]
fn a_file_the_xliff_npm_package_wrote_back_names_its_story_by_the_file_id_issue_11() {
    let tool = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"ru\" trgLang=\"kk\">
  <file id=\"f-kto-perevodit-nas\">
    <unit id=\"title\" canResegment=\"no\" ashyq:kind=\"title\" ashyq:state=\"untranslated\" ashyq:source-hash=\"f66bc2be77321e17\" ashyq:target-source-hash=\"\" ashyq:target-hash=\"e3b0c44298fc1c14\">
      <segment>
        <source>Кто нас переводит</source>
        <target>Бізді кім аударады</target>
      </segment>
    </unit>
  </file>
</xliff>";
    let read = read_xliff(tool).unwrap();
    assert_eq!(read.slug, "kto-perevodit-nas");
    assert_eq!(read.exported_at, None, "the tool dropped the export mark");
    assert_eq!(read.units[0].target.as_deref(), Some("Бізді кім аударады"));
    let error = refused(&tool.replace("f-kto-perevodit-nas", "story-1"));
    assert!(error.to_string().contains("an id `f-STORY`"), "{error}");
}

/// A file as a CAT tool leaves it: Windows line ends, our namespace under another prefix or gone
/// with its attributes, and the tool's own inline markup (annotations, paired codes, markers).
#[test]
fn a_file_a_cat_tool_rewrote_reads_as_text_issue_11() {
    let tool = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n\
<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:ns1=\"urn:ashyq:xliff:1\" version=\"2.0\" srcLang=\"ru\" trgLang=\"kk\">\r\n\
 <file id=\"f-parom\" original=\"parom\" ns1:exported-at=\"2027-01-15T13:00:00+05:00\">\r\n\
  <unit id=\"title\" ns1:source-hash=\"0123456789abcdef\">\r\n\
   <segment state=\"translated\"><source>Паром</source><target><mrk id=\"m1\" type=\"term\">Паром</mrk></target></segment>\r\n\
  </unit>\r\n\
  <unit id=\"u-1\">\r\n\
   <segment state=\"translated\"><source>Мост\r\nоткроют.</source><target>Көпір <pc id=\"1\">күзде <mrk id=\"m2\" translate=\"no\">ашылады</mrk></pc>.<sm id=\"c1\" type=\"comment\"/> Жол\r\nбар.<em startRef=\"c1\"/></target></segment>\r\n\
  </unit>\r\n\
 </file>\r\n\
</xliff>\r\n";
    let read = read_xliff(tool).unwrap();
    assert_eq!(read.exported_at, Some(1_800_000_000), "an offset other than Z is the same time");
    assert_eq!(read.units[0].target.as_deref(), Some("Паром"));
    assert_eq!(read.units[0].source_hash, "0123456789abcdef", "the prefix does not matter");
    assert_eq!(read.units[0].target_hash, "", "a dropped hash reads as empty");
    assert_eq!(read.units[1].source, "Мост\nоткроют.", "line ends are XML's");
    assert_eq!(read.units[1].target.as_deref(), Some("Көпір күзде ашылады. Жол\nбар."));
    assert_eq!(read.units[1].line, 7, "the unit's line, for messages");

    let no_mark = tool.replace(" ns1:exported-at=\"2027-01-15T13:00:00+05:00\"", "");
    assert_eq!(read_xliff(&no_mark).unwrap().exported_at, None);
    let bad = tool.replace("2027-01-15T13:00:00+05:00", "yesterday");
    let error = refused(&bad);
    assert_eq!(error.line, 3);
    assert!(error.to_string().contains("`yesterday`"), "{error}");
    // A placeholder stands for a code that cannot be put back as text: refused, with its place.
    let placeholder = tool.replace("<sm id=\"c1\" type=\"comment\"/>", "<ph id=\"p1\"/>");
    let error = refused(&placeholder);
    assert_eq!(error.line, 9, "after the source's line break");
    assert!(error.to_string().contains("unit `u-1` holds the inline element `<ph>`"), "{error}");
    let foreign =
        tool.replace("<mrk id=\"m1\" type=\"term\">Паром</mrk>", "<b xmlns=\"urn:x\">Паром</b>");
    assert!(refused(&foreign).to_string().contains("`<b>`"));
}

#[test]
fn a_unit_split_into_segments_is_joined() {
    let text = format!(
        "<xliff xmlns=\"{XLIFF_NS}\" version=\"2.0\" srcLang=\"ru\" trgLang=\"kk\"><file id=\"f\" original=\"s\">\
         <unit id=\"u-1\"><segment><source>А.</source><target>A.</target></segment>\
         <ignorable><source> </source><target> </target></ignorable>\
         <segment state=\"translated\"><source>Б.</source><target>B.</target></segment></unit></file></xliff>"
    );
    let read = read_xliff(&text).unwrap();
    assert_eq!(read.units[0].source, "А. Б.");
    assert_eq!(read.units[0].target.as_deref(), Some("A. B."));
}

fn refused(text: &str) -> ReadError {
    read_xliff(text).expect_err("refused")
}

fn document(attributes: &str, body: &str) -> String {
    format!("<xliff xmlns=\"{XLIFF_NS}\" {attributes}>\n{body}\n</xliff>")
}

const LANGS: &str = "version=\"2.0\" srcLang=\"ru\" trgLang=\"kk\"";

#[test]
fn what_is_not_an_xliff_2_story_is_refused_with_its_place() {
    let error = refused("<xliff version=\"2.0\"/>");
    assert!(error.to_string().contains("not `<xliff>` in `urn:oasis"), "{error}");
    let old = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\"/>";
    assert!(refused(old).to_string().contains("urn:oasis:names:tc:xliff:document:1.2"));
    let error = refused(&document("version=\"2.1\" srcLang=\"ru\" trgLang=\"kk\"", ""));
    assert!(error.to_string().contains("`2.1`, which is not version 2.0"), "{error}");
    let error = refused(&document("version=\"2.0\" srcLang=\"ru\"", "<file original=\"s\"/>"));
    assert!(error.to_string().contains("trgLang attribute"), "{error}");
    let error = refused(&document(LANGS, "<file id=\"f\"/>"));
    assert_eq!(error.line, 2);
    assert!(error.to_string().contains("original attribute"), "{error}");
    let two = "<file original=\"a\"/>\n<file original=\"b\"/>";
    let error = refused(&document(LANGS, two));
    assert_eq!(error.line, 3);
    assert!(error.to_string().contains("one story per file"), "{error}");
}

#[test]
fn units_without_id_or_segment_twice_the_same_id_or_inline_markup_are_refused() {
    let file = |units: &str| document(LANGS, &format!("<file original=\"s\">\n{units}\n</file>"));
    let seg = "<segment><source>a</source><target>b</target></segment>";
    let error = refused(&file(&format!("<unit>{seg}</unit>")));
    assert_eq!(error.line, 3);
    assert!(error.to_string().contains("id attribute"), "{error}");
    let error = refused(&file("<unit id=\"title\"></unit>"));
    assert!(error.to_string().contains("`<segment>` is missing inside `<unit>`"), "{error}");
    let twice = format!("<unit id=\"title\">{seg}</unit>\n  <unit id=\"title\">{seg}</unit>");
    let error = refused(&file(&twice));
    assert_eq!((error.line, error.column), (4, 3));
    assert!(error.to_string().contains("unit `title` appears twice"), "{error}");
    let inline = "<unit id=\"u-1\"><segment><source>a</source><target>b <ph id=\"1\"/></target></segment></unit>";
    let error = refused(&file(inline));
    assert!(error.to_string().contains("unit `u-1` holds the inline element `<ph>`"), "{error}");
    let state = "<unit id=\"u-1\"><segment state=\"done\"><source>a</source></segment></unit>";
    assert!(refused(&file(state)).to_string().contains("initial, translated, reviewed or final"));
}

#[test]
fn hostile_xml_is_refused_before_anything_is_read() {
    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n<xliff>&b;</xliff>";
    assert_eq!(refused(laughs).kind, ReadErrorKind::Doctype);
    let xxe = "<!DOCTYPE xliff [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xliff>&x;</xliff>";
    assert_eq!(refused(xxe).kind, ReadErrorKind::Doctype);
    let entity = document(
        LANGS,
        "<file original=\"s\"><unit id=\"t\"><segment><source>&nbsp;</source></segment></unit></file>",
    );
    assert_eq!(refused(&entity).kind, ReadErrorKind::Entity("nbsp".to_owned()));
    let huge = document(
        LANGS,
        &format!(
            "<file original=\"s\"><unit id=\"t\"><segment><source>{}</source></segment></unit></file>",
            "a".repeat(XLIFF_LIMITS.max_text_bytes + 1)
        ),
    );
    assert!(matches!(refused(&huge).kind, ReadErrorKind::TooLarge { .. }));
    let deep = document(LANGS, &format!("{}{}", "<group>".repeat(20), "</group>".repeat(20)));
    assert!(matches!(refused(&deep).kind, ReadErrorKind::TooDeep(_)));
}
