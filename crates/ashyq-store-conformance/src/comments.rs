//! Comments: a batch stored with ids in order and the duplicate check fed, reply notices only to
//! confirmed addresses and old addresses forgotten, and the screen's findings, the form's flags,
//! decisions and labels read back as the values written.

use ashyq_store::{BanKind, NewComment, Store};

use crate::content::article;

pub fn comment(
    article_id: ashyq_store::ArticleId,
    body: &str,
    address: &str,
    exact: i64,
    created_at: i64,
) -> NewComment {
    use ashyq_store::{CommentStatus, StoredFingerprint};
    NewComment {
        article_id,
        parent_id: None,
        author_name: "Reader".to_owned(),
        email: None,
        email_hash: None,
        email_confirm: None,
        user_id: None,
        is_article_author: false,
        body: body.to_owned(),
        body_html: format!("<p>{body}</p>"),
        status: CommentStatus::Pending,
        language: Some("en".to_owned()),
        screen_score: 0.0,
        screen_flagged: false,
        screen_findings: Vec::new(),
        screen_label: None,
        fingerprint: StoredFingerprint { exact, simhash: -exact, tokens: 3 },
        address_hash: Some(address.to_owned()),
        commenter_token_hash: "browser".to_owned(),
        flags: ashyq_store::CommentFlags::new(),
        created_at,
        limit: None,
    }
}

pub async fn a_batch_of_comments_gets_ids_in_order_and_feeds_the_duplicate_check<S: Store>(
    store: S,
) {
    use ashyq_store::{NewUser, RecentLists, ScreeningQuery};
    store.import_articles(&[article("one", "en", None, "")], false).await.unwrap();
    let target = store.comment_target("one").await.unwrap().unwrap();
    let now = 1_800_000_000;
    let batch: Vec<NewComment> = (0..600)
        .map(|n| comment(target.article_id, &format!("note {n}"), "addr-a", 1000 + n, now - n))
        .collect();
    let ids = store
        .insert_comments(&batch)
        .await
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect::<Vec<_>>();
    assert_eq!(ids.len(), 600, "more rows than one INSERT statement carries");
    let second = store
        .insert_comments(&batch[..2])
        .await
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect::<Vec<_>>();
    assert!(ids.windows(2).all(|pair| pair[1].0 == pair[0].0 + 1));
    assert_eq!(second[0].0, ids[599].0 + 1);
    // Each id names the comment that was at its place in the batch.
    for (id, sent) in ids.iter().zip(&batch).step_by(97) {
        let stored = store.queued_comment(*id).await.unwrap().unwrap();
        assert_eq!(stored.body, sent.body);
    }

    let all = RecentLists { article: true, address: true, email: true };
    let query = |address, exact, since| ScreeningQuery {
        article_id: target.article_id,
        address_hash: Some(address),
        email_hash: None,
        exact,
        since,
        now,
        load: all,
    };
    let context = store.screening_context(&query("addr-b", 1005, now - 10)).await.unwrap();
    assert!(!context.banned);
    assert_eq!(context.exact_matches.len(), 1);
    assert_eq!(context.exact_matches[0].fingerprint.simhash, -1005);
    // The article's comments within the window: 10 of the first batch, both of the second.
    assert_eq!(context.article.as_ref().map(Vec::len), Some(12));
    assert_eq!(context.address.as_ref().map(Vec::len), Some(0), "nothing from addr-b");
    assert_eq!(context.email, None, "no e-mail given");
    let wide = store.screening_context(&query("addr-a", 7, 0)).await.unwrap();
    let article = wide.article.unwrap();
    assert_eq!(article.len(), 200, "the newest 200 only");
    assert!(article.windows(2).all(|pair| pair[0].created_at >= pair[1].created_at));
    assert_eq!(wide.address.map(|list| list.len()), Some(200));
    let only_article = ScreeningQuery {
        load: RecentLists { article: true, ..RecentLists::default() },
        ..query("addr-a", 7, 0)
    };
    let narrow = store.screening_context(&only_article).await.unwrap();
    assert!(narrow.address.is_none() && narrow.article.is_some());

    let moderator = store
        .create_user(
            &NewUser {
                email: "m@example.org".to_owned(),
                name: "M".to_owned(),
                roles: ashyq_accounts::Roles::new([ashyq_accounts::Role::Moderator]),
                password_hash: None,
            },
            now,
        )
        .await
        .unwrap();
    store.add_ban(BanKind::Address, "addr-b", now + 60, "test", moderator, now).await.unwrap();
    assert!(store.screening_context(&query("addr-b", 1, now)).await.unwrap().banned);
    assert!(!store.screening_context(&query("addr-a", 1, now)).await.unwrap().banned);
    // An e-mail ban holds against that e-mail hash from any address, and only against e-mail.
    store.add_ban(BanKind::Email, "mail-c", now + 60, "test", moderator, now).await.unwrap();
    let with_mail = |email| ScreeningQuery { email_hash: Some(email), ..query("addr-a", 1, now) };
    assert!(store.screening_context(&with_mail("mail-c")).await.unwrap().banned);
    assert!(!store.screening_context(&with_mail("mail-d")).await.unwrap().banned);
    assert!(!store.screening_context(&query("mail-c", 1, now)).await.unwrap().banned);
    let later = ScreeningQuery { now: now + 61, ..query("addr-b", 1, now) };
    assert!(!store.screening_context(&later).await.unwrap().banned, "bans end");
}

pub async fn only_confirmed_addresses_hear_of_replies_and_old_addresses_are_forgotten_issue_9_20<
    S: Store,
>(
    store: S,
) {
    use ashyq_store::{Decision, DecisionStamp, DecisionTarget, NewUser};
    store.import_articles(&[article("one", "en", None, "")], false).await.unwrap();
    let target = store.comment_target("one").await.unwrap().unwrap();
    let now = 1_800_000_000;
    let mut parent = comment(target.article_id, "Asking", "addr-a", 1, now);
    parent.email = Some("asel@example.org".to_owned());
    parent.email_confirm = Some(ashyq_store::EmailConfirmation {
        token_hash: "token-hash".to_owned(),
        expires_at: now + 100,
    });
    let parent_id = store
        .insert_comments(&[parent])
        .await
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect::<Vec<_>>()[0];
    let mut reply = comment(target.article_id, "Answering", "addr-b", 2, now + 1);
    reply.parent_id = Some(parent_id);
    let reply_id = store
        .insert_comments(&[reply])
        .await
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect::<Vec<_>>()[0];
    let user = NewUser {
        email: "m@example.org".to_owned(),
        name: "Mira".to_owned(),
        roles: ashyq_accounts::Roles::parse("moderator").unwrap(),
        password_hash: None,
    };
    let by = store.create_user(&user, 0).await.unwrap();
    for id in [parent_id, reply_id] {
        let stamp = DecisionStamp { by, now, link_hash: None };
        let target = [DecisionTarget { id, version: 1 }];
        store.decide_comments(&target, &Decision::Approve, stamp).await.unwrap();
    }
    assert_eq!(store.reply_notice(reply_id).await.unwrap(), None, "not confirmed yet");

    assert_eq!(store.email_confirmation("token-hash", now + 100).await.unwrap(), None, "expired");
    assert!(!store.confirm_email("token-hash", now + 100).await.unwrap(), "expired");
    assert!(store.email_confirmation("token-hash", now).await.unwrap().is_some());
    assert!(store.confirm_email("token-hash", now).await.unwrap());
    assert!(!store.confirm_email("token-hash", now).await.unwrap(), "used once");
    let notice = store.reply_notice(reply_id).await.unwrap().expect("confirmed now");
    assert_eq!(notice.email, "asel@example.org");

    // Retention: addresses (IP hashes and e-mails) of comments older than the cut-off go.
    assert_eq!(store.drop_old_personal_data(now).await.unwrap(), 0, "nothing is that old");
    assert_eq!(store.drop_old_personal_data(now + 2).await.unwrap(), 2);
    assert_eq!(store.reply_notice(reply_id).await.unwrap(), None, "the e-mail is gone");
    let kept = store.queued_comment(parent_id).await.unwrap().unwrap();
    assert_eq!(kept.address_hash, None);
    assert_eq!(kept.body, "Asking", "the comment itself stays");
}

/// What the screen found and the form's signals come back as the values written, on every engine
/// (issue 15: they were strings each caller parsed).
pub async fn findings_and_flags_come_back_typed_as_written_issue_15<S: Store>(store: S) {
    use ashyq_moderation::Label;
    use ashyq_store::{CommentFlag, CommentFlags, ScreenFinding};
    store.import_articles(&[article("one", "en", None, "")], false).await.unwrap();
    let target = store.comment_target("one").await.unwrap().unwrap();
    let mut written = comment(target.article_id, "Buy Ünïcode now", "addr-a", 7, 1_800_000_000);
    written.screen_findings = vec![
        ScreenFinding {
            label: Label::Spam,
            code: "spam.links".to_owned(),
            reason: "two links".to_owned(),
            spans: vec![(0, 3), (4, 12)],
            evidence: vec!["example.org".to_owned()],
        },
        ScreenFinding {
            label: Label::Suspect,
            code: "lexicon.suspect".to_owned(),
            reason: String::new(),
            spans: Vec::new(),
            evidence: Vec::new(),
        },
    ];
    written.flags = [CommentFlag::TooFast, CommentFlag::Honeypot].into_iter().collect();
    written.screen_label = Some(Label::Spam);
    let id = store
        .insert_comments(std::slice::from_ref(&written))
        .await
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect::<Vec<_>>()[0];
    let stored = store.queued_comment(id).await.unwrap().unwrap();
    assert_eq!(stored.screen_findings, written.screen_findings);
    assert_eq!(stored.screen_label, Some(Label::Spam));
    assert_eq!(stored.flags, written.flags);
    assert_eq!(
        stored.flags.iter().collect::<Vec<_>>(),
        [CommentFlag::TooFast, CommentFlag::Honeypot]
    );

    // The writer's edit replaces the findings; the flags stay those of the first post.
    let mut edited = written.clone();
    edited.body = "Plain words".to_owned();
    edited.screen_findings = Vec::new();
    edited.flags = CommentFlags::new();
    assert!(store.edit_own_comment(id, "browser", &edited).await.unwrap());
    let stored = store.queued_comment(id).await.unwrap().unwrap();
    assert!(stored.screen_findings.is_empty());
    assert_eq!(stored.flags, written.flags);

    // Word lists come back by kind, a value, as `add_ban` takes a `BanKind`.
    use ashyq_store::{NewUser, WordListKind};
    let moderator = store
        .create_user(
            &NewUser {
                email: "words@example.org".to_owned(),
                name: "Words".to_owned(),
                roles: ashyq_accounts::Roles::parse("moderator").unwrap(),
                password_hash: None,
            },
            1,
        )
        .await
        .unwrap();
    store.set_word_list("kk", WordListKind::Suspect, "a\nb", moderator, 2).await.unwrap();
    store.set_word_list("kk", WordListKind::Banned, "c", moderator, 2).await.unwrap();
    let lists = store.word_lists().await.unwrap();
    let kinds: Vec<(WordListKind, &str)> =
        lists.iter().map(|list| (list.kind, list.words.as_str())).collect();
    assert_eq!(kinds, [(WordListKind::Banned, "c"), (WordListKind::Suspect, "a\nb")]);
}

/// The queue's label filter, the logged actions with their reasons and the labels of decided
/// comments are values on every engine (issue 15: they were strings): a rejection is labelled by
/// its reason where that is one of the screen's labels, `toxic` for `other`.
pub async fn decisions_and_labels_come_back_typed_issue_15<S: Store>(store: S) {
    use ashyq_moderation::{DataLabel, Label};
    use ashyq_store::{ActionKind, CommentStatus, Decision, DecisionStamp, DecisionTarget};
    use ashyq_store::{NewUser, QueueFilter, RejectReason};
    store.import_articles(&[article("one", "en", None, "")], false).await.unwrap();
    let target = store.comment_target("one").await.unwrap().unwrap();
    let now = 1_800_000_000;
    let mut written = Vec::new();
    for (n, label) in
        [Some(Label::Spam), Some(Label::Hate), None, None, None, None].iter().enumerate()
    {
        let n = n as i64;
        let mut draft = comment(target.article_id, &format!("Comment {n}"), "addr", n + 1, now + n);
        draft.screen_label = *label;
        written.push(draft);
    }
    let ids = store
        .insert_comments(&written)
        .await
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect::<Vec<_>>();

    let queue = |label| QueueFilter {
        status: CommentStatus::Pending,
        article_slug: None,
        language: None,
        label,
        limit: 50,
    };
    let hateful = store.moderation_queue(&queue(Some(Label::Hate))).await.unwrap();
    assert_eq!(hateful.iter().map(|c| c.id).collect::<Vec<_>>(), [ids[1]]);
    assert!(store.moderation_queue(&queue(Some(Label::Obscene))).await.unwrap().is_empty());
    assert_eq!(store.moderation_queue(&queue(None)).await.unwrap().len(), 6);

    let by = store
        .create_user(
            &NewUser {
                email: "labels@example.org".to_owned(),
                name: "Labels".to_owned(),
                roles: ashyq_accounts::Roles::parse("moderator").unwrap(),
                password_hash: None,
            },
            0,
        )
        .await
        .unwrap();
    let reject = |reason| Decision::Reject { reason };
    let decisions = [
        (ids[0], 1, Decision::Approve),
        (ids[1], 1, reject(RejectReason::Hate)),
        (ids[2], 1, reject(RejectReason::Other)),
        (ids[3], 1, Decision::Spam),
        (ids[4], 1, reject(RejectReason::Attack)),
        (ids[0], 2, Decision::Feature(true)),
    ];
    for (id, version, decision) in &decisions {
        let stamp = DecisionStamp { by, now, link_hash: None };
        let target = [DecisionTarget { id: *id, version: *version }];
        store.decide_comments(&target, decision, stamp).await.unwrap();
    }
    let feature = store.recent_actions(1).await.unwrap()[0].id;
    assert!(store.undo_action(feature, by, now + 1).await.unwrap());

    let log = store.recent_actions(50).await.unwrap();
    let kinds: Vec<ActionKind> = log.iter().map(|action| action.action).collect();
    use ActionKind::{Approve, Feature, Reject, Spam, Undo};
    assert_eq!(kinds, [Undo, Feature, Reject, Spam, Reject, Reject, Approve], "newest first");
    assert_eq!(log[0].comment_id, ids[0]);
    assert!(log[1].undone, "the feature was undone");
    let reasons: Vec<Option<RejectReason>> = log.iter().map(|action| action.reason).collect();
    use RejectReason::{Attack, Hate, Other};
    assert_eq!(reasons, [None, None, Some(Attack), None, Some(Other), Some(Hate), None]);
    let rejected = store.queued_comment(ids[1]).await.unwrap().unwrap();
    assert_eq!(rejected.decision_reason, Some(RejectReason::Hate));

    let labels: Vec<_> = store
        .decided_comments()
        .await
        .unwrap()
        .into_iter()
        .map(|row| (row.id, row.label))
        .collect();
    assert_eq!(
        labels,
        [
            (ids[0], DataLabel::Clean),
            (ids[1], DataLabel::Hate),
            (ids[2], DataLabel::Toxic),
            (ids[3], DataLabel::Spam),
            (ids[4], DataLabel::Attack),
        ],
        "the undecided comment has no label"
    );
}
