//! Regression guard: a fixed set of comments written for this test (English, Russian, Kazakh; clean and
//! abusive; l33t, spacing, lookalike letters, elongation, masking, links, repeats) is screened and a compact
//! summary of each verdict — findings (label, code, spans), score to three decimals, language, decision and
//! fingerprint — is compared with the summary recorded from the screen before it was optimised. Any change in
//! folding, word lists, feature hashing, the model or fingerprints shows up here.
//!
//! Each finding shows its evidence in braces (the list entries or the words that drove the model).
//!
//! When a change of behaviour is intended, run `cargo test -p ashyq-moderation --test golden -- --nocapture`
//! and review every changed line before pasting the new summaries in.
use ashyq_moderation::{CommentInput, Screen, Verdict, fingerprint};

struct Case {
    text: &'static str,
    hint: Option<&'static str>,
    /// Earlier comments whose fingerprints are passed in `recent`.
    recent: &'static [&'static str],
    expected: &'static str,
}

const fn case(text: &'static str, hint: Option<&'static str>, expected: &'static str) -> Case {
    Case { text, hint, recent: &[], expected }
}

const fn repeat(
    text: &'static str,
    recent: &'static [&'static str],
    expected: &'static str,
) -> Case {
    Case { text, hint: None, recent, expected }
}

fn summary(v: &Verdict) -> String {
    let findings: Vec<String> = v
        .labels
        .iter()
        .map(|f| {
            let spans: Vec<String> = f.spans.iter().map(|(s, e)| format!("{s}-{e}")).collect();
            format!("{}:{}[{}]{{{}}}", f.label, f.code, spans.join(","), f.evidence.join(","))
        })
        .collect();
    format!(
        "{} | {:.3} | {} | {} | {:016x}/{:016x}/{}",
        findings.join(" "),
        v.score,
        v.language.map_or("-", |l| l.code()),
        if v.should_not_be_approved { "reject" } else { "ok" },
        v.fingerprint.exact,
        v.fingerprint.simhash,
        v.fingerprint.tokens
    )
}

const CASES: &[Case] = &[
    // English, clean.
    case(
        "Thanks for the detailed write-up, the charts about rainfall were really helpful.",
        None,
        " | 0.205 | en | ok | 265013e8bce22af9/12e3ed9e4e13a857/13",
    ),
    case(
        "I disagree with the author: the new tram line will cost more than they say.",
        Some("en"),
        " | 0.695 | en | ok | 02a762382e1e985c/e59924bae2eaa775/15",
    ),
    case(
        "The class assessment in Middlesex was passed; cocktails at the Dickens pub later?",
        None,
        " | 0.774 | en | ok | 6bcbf58f5cc49ab0/0ca4417083ea0baa/13",
    ),
    case(
        "Great post!!! Visit my page for more",
        None,
        " | 0.786 | en | ok | f810256a1dea322d/d3125e92c2a8aa38/7",
    ),
    // English, abusive and evasive.
    case(
        "You are a complete idiot and everyone here knows it.",
        None,
        "attack:lexicon.attack[19-24]{idiot*} attack:model.attack[0-3,10-18,19-24]{You,complete,idiot} | 0.993 | en | reject | eebebf6d40d7c852/a38a221599027032/10",
    ),
    case(
        "what a sh1t take, go f*ck yourself",
        None,
        "obscene:lexicon.obscene.evasion[7-11,21-25]{shit*,fuck*} attack:model.attack[0-4,21-25,26-34]{what,f*ck,yourself} | 1.000 | en | reject | 182f5210aac270d6/0217a225047d4fc2/7",
    ),
    case(
        "shut up you stupid b i t c h",
        None,
        "obscene:lexicon.obscene.evasion[19-28]{bitch*} attack:lexicon.attack[12-18]{stupid} toxic:lexicon.toxic[0-7]{shut up} toxic:model.toxic[8-11,12-18,19-28]{you,stupid,b i t c h} | 1.000 | en | reject | 07fe4985adbd4394/9ab59b4e2968b516/5",
    ),
    case(
        "this is fuuuuuuucking ridiculous",
        Some("en"),
        "obscene:lexicon.obscene.evasion[8-21]{fuck*} attack:model.attack[22-32]{ridiculous} | 1.000 | en | reject | 01b5d2b0783211a9/349687a4046170fb/4",
    ),
    case(
        "you dumb аss",
        None,
        "obscene:lexicon.obscene.evasion[9-13]{ass} attack:lexicon.attack[4-8]{dumb} attack:model.attack[0-3,4-8,9-13]{you,dumb,аss} | 1.000 | en | reject | 0d366c06a3c78bc3/edfe6a9d1f3d3981/3",
    ), // Cyrillic а
    case(
        "F.U.C.K this whole thread",
        None,
        "obscene:lexicon.obscene.evasion[0-7]{fuck*} attack:model.attack[19-25]{thread} | 0.990 | en | reject | 25a3f8bcd5214057/3f6914f7c27a81d8/4",
    ),
    case(
        "go back to where you came from, you are all animals",
        None,
        " | 0.618 | en | ok | b5ce178245ff5d86/ab8d2c1d4c2a2fd4/11",
    ),
    case(
        "buy cheap watches http://watches.example/a www.deal-shop.com best-deals.net",
        None,
        "spam:spam.links[18-42,43-60,61-75]{http://watches.example/a,www.deal-shop.com,best-deals.net} | 0.842 | en | ok | 08d8287a6f5b867e/52214c28e70e7014/10",
    ),
    case(
        "AAAAAAAAAAAAAAAAAAA wow!!!!!!!!!!!!!!",
        None,
        "spam:spam.repeated_characters[0-19]{AAAAAAAAAAAAAAAAAAA} | 0.213 | en | ok | 6424a4065777f9fb/76ac3533ccf7ede5/2",
    ),
    // Russian, clean.
    case(
        "Спасибо за статью, очень подробно написано про новый мост.",
        None,
        " | 0.030 | ru | ok | 8318047eff533e4c/4b615dec39587120/9",
    ),
    case(
        "Не согласен с автором, цены на хлеб растут не из-за погоды.",
        Some("ru"),
        " | 0.029 | ru | ok | e3ddbc96e42a0f5c/24e6b0c4353ac85b/12",
    ),
    case(
        "Застрахуйте машину заранее, потом будет дороже.",
        None,
        " | 0.049 | ru | ok | 8249a563b60d7020/0198e0e8d11d6d12/6",
    ),
    // Russian, abusive and evasive.
    case(
        "ты просто тупой дебил",
        None,
        "attack:lexicon.attack[18-28,29-39]{тупой,дебил*} toxic:model.toxic[0-4,18-28,29-39]{ты,тупой,дебил} | 0.999 | ru | reject | b41fcf211d44d634/0e23521f23ec483c/4",
    ),
    case(
        "иди ты на х у й со своими советами",
        None,
        "obscene:lexicon.obscene.evasion[17-25]{*хуй*} toxic:model.toxic[0-6,7-11,17-25]{иди,ты,х у й} | 0.900 | ru | reject | 8ba9cde6facf6b12/a96c5e5b2126086a/7",
    ),
    case(
        "какая же это бл9дская пoмойка",
        None,
        "obscene:lexicon.obscene.evasion[23-38]{*бляд*} toxic:lexicon.toxic.evasion[39-52]{помойк*} toxic:model.toxic[0-10,23-38,39-52]{какая,бл9дская,пoмойка} | 0.987 | ru | reject | 2c94ad8156af9fc5/4cc7960e4b1528a2/5",
    ), // Latin o
    case(
        "пи*дец полный, автор идиот",
        None,
        "obscene:lexicon.obscene.evasion[0-11]{*пизд*} attack:lexicon.attack[37-47]{идиот*} toxic:model.toxic[]{the comment as a whole (4 words)} | 0.965 | ru | reject | 53e4360a04889ffc/3f064fc777e20655/4",
    ),
    case(
        "сууууука, опять свет отключили",
        Some("ru"),
        "obscene:lexicon.obscene.evasion[0-16]{сука} toxic:model.toxic[]{a character repeated 5 times} | 0.900 | ru | reject | 214a954e82202b5e/094168b2e1d7d860/4",
    ),
    case(
        "все они мрази и уроды",
        None,
        "attack:lexicon.attack[14-24,28-38]{мрази,уроды} toxic:model.toxic[0-6,14-24,28-38]{все,мрази,уроды} | 0.995 | ru | reject | 1f8b2691911e41d5/964c444d8628610a/5",
    ),
    // Kazakh: a reader asking for a translation, hard-topic civil comments, code-switching, Latin script,
    // keyboard spelling; insults in each form.
    case(
        "Туысым орысша оқымайды, қазақша аудармасы бола ма?",
        None,
        " | 0.058 | kk | ok | fdc0d6d591402c9a/fbcfdb0472cc051c/7",
    ),
    case(
        "Қаңтарда полиция атып өлтірген адамдардың есімдерін ұмытпайық.",
        None,
        " | 0.003 | kk | ok | 4ed9bec0b7f542a9/c7482cbbe1ed0dd3/7",
    ),
    case(
        "Мақала хорошая, но тым қысқа, пожалуйста жалғастырыңыздар.",
        None,
        " | 0.107 | kk | ok | a2f659b47658af5c/4f0808b8f73120d2/7",
    ),
    case(
        "Tuysym oryssha oqymaidy, qazaqshasy bola ma?",
        None,
        " | 0.172 | kk | ok | 7ef78f86a17f7915/50a80b02039b6a32/6",
    ),
    case(
        "Sen naghyz aqymaqsyn, oqymai jazasyn",
        None,
        "attack:model.attack[0-3,4-10,11-20]{Sen,naghyz,aqymaqsyn} | 0.981 | kk | reject | 12a378a283d4efb1/e2f9a54813eba65c/5",
    ),
    case(
        "Сен просто дебилсің, не жазып тұрғаныңды түсінбейсің.",
        None,
        "attack:lexicon.attack[20-36]{дебил*} attack:model.attack[0-6,20-36,54-74]{Сен,дебилсің,тұрғаныңды} | 0.996 | kk | reject | 90b38fc353e2451a/04920ae273a94b2d/7",
    ),
    case(
        "Сен акымаксын, окымай жазасын",
        Some("kk"),
        "attack:lexicon.attack[7-25]{ақымақсың} attack:model.attack[0-6]{Сен} | 0.948 | kk | reject | ca1f79eadeb7c905/dc307c76a06f98c9/4",
    ),
    case(
        "Шүршіттер бізге жау, бәрін қуу керек",
        None,
        "hate:lexicon.hate[0-18]{шүршіт*} hate:model.hate[0-18,38-48,56-66]{Шүршіттер,бәрін,керек} | 0.991 | kk | reject | 312f33b6ca7fa9b0/1fa72c02f03c3343/6",
    ),
    case(
        "Рахмет, мақала өте пайдалы болды.",
        None,
        " | 0.004 | kk | ok | 9097f3fa389aa0d7/ec3dd926a6372631/5",
    ),
    case(
        "Бұл жаңалық маған ұнады, жалғастырыңыз.",
        Some("kk-KZ"),
        " | 0.270 | kk | ok | 2bbbcafb907a3781/5638088fb6113130/5",
    ),
    case(
        "сен нағыз ақымақсың",
        None,
        "attack:lexicon.attack[18-36]{ақымақсың} attack:model.attack[0-6,7-17,18-36]{сен,нағыз,ақымақсың} | 0.999 | kk | reject | 3a60bde601ecf5cc/e412524f54d90721/3",
    ),
    case(
        "а қ ы м а қ адам ғой",
        Some("kk"),
        "attack:lexicon.attack.evasion[0-17]{ақымақ*} attack:model.attack[0-17,27-33]{а қ ы м а қ,ғой} | 0.990 | kk | reject | 83dbae8b8b5dca99/a2008024953c8c0a/3",
    ),
    case(
        "ол ақымааааақ қой",
        None,
        "attack:lexicon.attack.evasion[5-25]{ақымақ*} attack:model.attack[5-25,26-32]{ақымааааақ,қой} | 0.996 | kk | reject | 15837525ef11f4c6/3725c234f0bb56fc/3",
    ),
    // Mixed and edge cases.
    case("", None, " | 0.000 | - | ok | 147387a68c0fb299/0000000000000000/0"),
    case("!!! ??? ...", None, " | 0.000 | - | ok | 147387a68c0fb299/0000000000000000/0"),
    case("ok", Some("ru"), " | 0.350 | ru | ok | ca2deac556e7654a/ca2deac556e7654a/1"),
    case(
        "@anna I think you are wrong, but thanks for replying",
        None,
        " | 0.294 | en | ok | 6082a00bee521165/a8d2e4e24f2a1b12/10",
    ),
    // Repeats.
    repeat(
        "Subscribe to my channel for daily cooking videos!",
        &["SUBSCRIBE to my channel for daily cooking videos"],
        "duplicate:duplicate.exact[]{} spam:model.spam[0-9,16-23,28-33]{Subscribe,channel,daily} | 0.997 | en | reject | 5dc6d0a9318cfe02/a789e477817e18f8/8",
    ),
    repeat(
        "Please subscribe to my cooking channel, I upload new recipes every week and need your support",
        &[
            "Please subscribe to my cooking channel, I upload new recipe every week and need your support!!",
        ],
        "duplicate:duplicate.near[]{} spam:model.spam[0-6,7-16,31-38]{Please,subscribe,channel} | 0.976 | en | reject | 41f88d2de919ff7f/e4cac4f50d501e6a/16",
    ),
    repeat(
        "Подпишитесь на мой канал, там каждый день новые видео!",
        &["Погода сегодня отличная"],
        " | 0.076 | ru | ok | 8a2006cd95a7ea62/4e074dbf7a066dee/9",
    ),
];

#[test]
fn verdicts_match_the_recorded_summaries() {
    let screen = Screen::default();
    let mut mismatches = Vec::new();
    for c in CASES {
        let recent: Vec<_> = c.recent.iter().map(|t| fingerprint(t)).collect();
        let verdict =
            screen.screen(&CommentInput { text: c.text, lang_hint: c.hint, recent: &recent });
        let got = summary(&verdict);
        println!("{:?} => {got:?}", c.text);
        if got != c.expected {
            mismatches
                .push(format!("{:?}\n  expected {:?}\n  got      {got:?}", c.text, c.expected));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} changed:\n{}",
        mismatches.len(),
        CASES.len(),
        mismatches.join("\n")
    );
}
