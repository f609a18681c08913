# English UI strings of ashyq. Keep ru.ftl, kk.ftl and ar.ftl in step: a test checks every id is in each.

site-name = ashyq
site-tagline = Independent news, open to every reader
skip-to-content = Skip to content
nav-languages = Languages
nav-home = Front page
footer-promise = No trackers, no third-party resources, no JavaScript needed.
footer-openness = This site needs no JavaScript and loads nothing from other sites: it works in Tor Browser at its safest setting.

front-title = Latest stories
front-all-languages = All languages
front-empty = No stories have been published yet.

feed-title-site = { $site }: all stories
feed-title-language = { $site }: stories in { $language }
feed-title-tag = { $site }: stories tagged “{ $tag }”
feed-title-author = { $site }: stories by { $author }
footer-feed = Follow this page in a feed reader (Atom feed)

epub-contents = Contents
epub-cover = Cover
epub-licence-title = About this book
epub-licence-made = Made by { $site } from stories published at { $url }, on { $date }.
epub-licence-texts = The texts belong to their authors and to { $site }. You are welcome to pass this book on as it is, whole and unchanged.
epub-licence-pictures = Each picture is published under the licence named beside it. If you reuse a picture, follow its licence and name its author.
epub-picture-list = Pictures in this book

byline-authors = { $count ->
    [one] Author
   *[other] Authors
}
byline-published = Published
article-also-in = Also in
article-translated-from = Translated from
article-original-marker = original
article-translated-from-language = Translated from { $language ->
    [en] English
    [ru] Russian
    [kk] Kazakh
    [ar] Arabic
   *[other] { $name }
}
article-translated-from-by = Translated from { $language ->
    [en] English
    [ru] Russian
    [kk] Kazakh
    [ar] Arabic
   *[other] { $name }
} by { $names }
translation-stale-notice = The original has changed since this translation was made. Changed since: { $sections }.
translation-stale-read-original = Read the original
unit-title = the title
unit-summary = the summary
unit-block = paragraph { $number }
unit-turn = interview turn { $number }
unit-caption = a caption
unit-alt = a picture description
article-tags = Topics and places

interview-label = Interview
interview-original = Original
interview-translation = Translation
interview-modes = How to read the interview
interview-mode-paired = Original and translation together
interview-mode-language = This page's language only
interview-mode-original = Original only
figure-credit = Credit
figure-licence = Licence

licence-cc-by = Creative Commons Attribution (CC BY)
licence-cc-by-sa = Creative Commons Attribution-ShareAlike (CC BY-SA)
licence-cc-by-nd = Creative Commons Attribution-NoDerivatives (CC BY-ND)
licence-cc-by-nc = Creative Commons Attribution-NonCommercial (CC BY-NC)
licence-cc-by-nc-sa = Creative Commons Attribution-NonCommercial-ShareAlike (CC BY-NC-SA)
licence-cc-by-nc-nd = Creative Commons Attribution-NonCommercial-NoDerivatives (CC BY-NC-ND)
licence-cc0 = Public domain dedication (CC0)
licence-public-domain = Public domain
licence-fair-use = Fair use
licence-used-with-permission = Used with permission
licence-all-rights-reserved = All rights reserved

tag-title = Stories tagged “{ $tag }”
author-title = Stories by { $author }
list-count = { $count ->
    [one] { $count } story
   *[other] { $count } stories
}

not-found-title = Page not found
not-found-body = There is nothing at this address. The story may have moved, or the link may be mistyped.
not-found-home = Go to the front page
error-title = Something went wrong
error-body = The server could not show this page. Please try again in a moment.

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-format = { $day } { $month } { $year }

forbidden-title = Not allowed
forbidden-body = Your account does not have permission to do this. Ask an editor or an administrator if you think it should.
csrf-title = This form has expired
csrf-body = For your safety the form could not be accepted. Go back, reload the page and try again.
too-many-title = Too many attempts
too-many-body = There have been too many attempts in a short time. Please wait a few minutes and try again.
busy-title = Busy right now
busy-body = The site is checking many passwords at the moment. Please wait a few seconds and try again.
csrf-insecure-body = Your browser did not send back this site's cookie. The site is served over plain HTTP, but its cookies are marked Secure, so browsers keep them only for HTTPS. Open the site over HTTPS; or, if it must run without HTTPS, its operator can set secure_cookies = false.
too-large-title = Too large
too-large-body = What you sent is larger than this site accepts.
unavailable-title = Saving is not possible right now
unavailable-body = The site cannot save anything at the moment. Reading still works; please try again later.

staff-nav = Newsroom
dashboard-title = Dashboard
dashboard-empty = Nothing here yet.
account-title = Your account
logout = Log out
login-title = Log in
login-intro = For the newsroom: authors, editors, translators and moderators.
login-button = Log in
login-forgot = Forgot your password?
login-failed = The e-mail address or the password is not right.
login-code-title = Second step
login-code-intro = Enter the six-digit code from your authenticator app.
login-code-failed = That code is not right. Codes change every 30 seconds; try the current one.
login-password-set = Your password is set. You can log in now.
field-email = E-mail address
field-password = Password
field-current-password = Current password
field-new-password = New password (at least 10 characters)
field-code = Code
field-name = Name
field-roles = Roles
role-admin = Administrator
role-editor = Editor
role-author = Author
role-translator = Translator
role-moderator = Moderator
sessions-title = Where you are logged in
sessions-intro = End any session you do not recognise, for example on a lost phone.
sessions-device = Browser
sessions-started = Started
sessions-last-seen = Last seen
sessions-this-one = this browser
sessions-revoke = Log out there
sessions-revoked = That session has ended.
totp-title = Second factor
totp-intro = A code from an app on your phone, asked for after your password, keeps your account safe even if your password leaks.
totp-start = Set up a second factor
totp-setup-intro = Add this key to an authenticator app (type it, or paste the link below), then enter the code the app shows.
totp-confirm = Turn on
totp-enabled = The second factor is on.
totp-now-on = The second factor is now on. You will be asked for a code at every login.
totp-now-off = The second factor is off.
totp-disable = Turn off the second factor
totp-wrong-code = That code is not right; the second factor was not turned on.
password-change-title = Change your password
password-change-button = Change password
password-changed = Your password was changed; your other sessions and your API tokens were ended.
password-wrong = The current password is not right.
password-too-short = Use at least 10 characters; a few unrelated words make a strong, memorable password.
password-set-title = Set your password
password-set-intro = Choose a password for your newsroom account.
password-set-button = Set password
password-link-invalid = This link has expired or was already used. Ask for a new one.
password-reset-title = Reset your password
password-reset-intro = Enter your e-mail address. If it belongs to an account, a link to set a new password will be sent.
password-reset-button = Send the link
password-reset-sent = If the address belongs to an account, a link has been sent. It is valid for one hour.
people-title = People
people-status = Status
people-active = active
people-invited = invited
people-second-factor = second factor on
invite-title = Invite someone
invite-button = Invite
invite-done = Invitation created. Send this one-time link to the person privately:
invite-bad-email = Enter an e-mail address like name@example.org.
invite-bad-name = Enter a name.
invite-no-role = Choose at least one role.
invite-taken = Someone with this e-mail address already has an account.
action-write = Write an article
action-people = Manage people
action-moderate = Moderation queue

comments-title = Comments
comments-empty = No comments yet. Start the conversation.
comments-pages-label = Pages of comments
comments-page-earlier = ← Earlier comments
comments-page-later = Later comments →
comments-page-position = Page { $page } of { $pages }
comments-rules-title = Our rules
comments-rule-review = Every comment is reviewed by a moderator before it appears.
comments-rule-duplicates = Submitting the same comment more than once may get it identified as spam.
comments-rule-respect = Treat others with respect.
comments-rule-refused = Comments containing hate speech, obscenity or personal attacks will not be approved.
comments-login-invite = Authors, please log in
comment-form-title = Join the conversation
comment-replying-to = Reply to { $name }
comment-commenting-as = You are commenting as { $name }.
comment-field-name = Your name (shown with your comment)
comment-field-email = E-mail (optional)
comment-field-email-hint = Never shown. Kept only if you ask to hear of replies: we first mail you a link to confirm, and forget the address after a few weeks.
comment-field-body = Your comment
comment-field-body-hint = Paragraphs, *emphasis*, [links](https://example.org) and > quotes work; nothing else is formatted.
comment-honeypot = Leave this field empty
comment-submit = Send for review
comment-save = Save changes
comment-posted = Thank you. Your comment is awaiting moderation; only you can see it until a moderator approves it.
comment-awaiting = awaiting moderation
comment-edit = Edit
comment-edit-title = Edit your comment
comment-withdraw = Withdraw
comment-reply = Reply
comments-other-languages = Comments in other languages ({ $count })
story-comments = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
moderation-posted-on = on the { $language } version
comment-badge-author = Author
comment-badge-staff = Newsroom
comment-editors-pick = Editors' pick
comment-error-summary = Please correct the marked fields; what you wrote is kept below.
comment-error-name-required = Please enter a name.
comment-error-name-long = Please use a shorter name (at most 80 characters).
comment-error-name-invalid = The name contains characters that cannot be shown.
comment-error-email-invalid = This does not look like an e-mail address. Leave it empty if you prefer.
comment-error-body-required = Please write a comment.
comment-error-body-long = The comment is too long (at most 5000 characters). Please shorten it.
comment-error-body-invalid = The comment contains characters that cannot be shown.
comment-error-parent = The comment you are replying to is not available; your comment can be posted on its own.

moderation-title = Moderation
moderation-log-title = Action log
moderation-words-title = Word lists
moderation-languages-title = Languages I read
moderation-status-pending = Pending
moderation-status-spam = Spam
moderation-status-rejected = Rejected
moderation-status-approved = Approved
moderation-filter-article = Article (slug)
moderation-filter-language = Language
moderation-filter-label = Label
moderation-filter = Filter
moderation-empty = Nothing in this queue.
moderation-bulk = Selected comments
moderation-approve = Approve
moderation-reject = Reject
moderation-spam = Spam
moderation-not-spam = Not spam
moderation-feature = Editors' pick
moderation-unfeature = Remove the pick
moderation-reason = Reason
moderation-score = score
moderation-unreadable = nobody on the team reads this language
moderation-ban = Ban
moderation-ban-what = What to ban
moderation-ban-for = For how many days
moderation-ban-address = the address
moderation-ban-email = the e-mail
moderation-banned = Banned for { $count ->
    [one] { $count } day
   *[other] { $count } days
}.
moderation-done = { $count ->
    [one] { $count } comment updated.
   *[other] { $count } comments updated.
}
moderation-undo = Undo
moderation-undone = The action was undone.
moderation-not-undone = That action can no longer be undone: the comment has changed since.
moderation-history = { $count ->
    [one] { $count } earlier comment by this person
   *[other] { $count } earlier comments by this person
}
moderation-log-when = When
moderation-log-who = Who
moderation-log-what = What
moderation-log-undone = undone
moderation-words-intro = One word or phrase per line. Banned words send a comment straight to the rejected view; suspect words flag it for a closer look. Changes apply to new comments at once.
moderation-words-saved = The word lists are saved and in use.
moderation-words-save = Save the lists
moderation-words-banned = banned
moderation-words-suspect = suspect
moderation-languages-intro = Comments in these languages come first in your queue, and you decide only comments in them (or in a language nobody on the team lists). List none to decide comments in every language.
moderation-languages-saved = Saved.
moderation-languages-save = Save
reason-spam = Spam
reason-hate = Hate speech
reason-obscene = Obscenity
reason-attack = Personal attack
reason-other = Other

api-tokens-title = Tokens for integrations
api-tokens-intro = A token lets a program use the moderation API (documented at /api/v1/openapi.json) within your roles and the access you choose. It is valid for { $days } days; revoke it here as soon as the program no longer needs it. Changing your password revokes every token.
api-token-label = What the token is for
api-token-create = Create a token
api-token-created = Copy this token now; it will not be shown again:
totp-setup-expired = Setting up took too long, or was not started on this page. Start again to get a new key.
api-token-revoked = The token was revoked; programs using it are refused from now on.
api-token-revoke = Revoke
api-token-expires = Expires
api-token-never-used = never
api-token-last-used = Last used
api-token-created-at = Created
api-token-scopes = Access
api-token-name = Name
api-tokens-none = You have no tokens.
api-token-access-write = Read, and decide on comments (moderation:read, moderation:write)
api-token-access-read = Read the moderation queue and log (moderation:read)
api-token-access = What it may do
action-photos = Photos

dashboard-my-drafts = My unpublished articles
dashboard-review = Waiting for review
dashboard-published = Recently published
status-draft = draft
status-review = in review
status-published = published
status-unpublished = unpublished
status-scheduled = scheduled

editor-new-title = New article
editor-edit-title = Edit
editor-status = State
editor-view-public = see it on the site
editor-source = The article file
editor-source-hint = TOML front matter between the two +++ lines, then the text in Markdown. Images must be uploaded on the Photos page first; paste the [[figures]] snippet it gives you.
editor-preview = Preview
editor-preview-heading = Preview
editor-save = Save draft
editor-save-published = Save changes
editor-review = Send to review
editor-publish = Publish
editor-schedule = Schedule
editor-unpublish = Unpublish
editor-line = line
editor-column = column
editor-errors = { $count ->
    [one] One problem to fix; nothing was saved
   *[other] { $count } problems to fix; nothing was saved
}
editor-saved = Saved.
editor-sent-to-review = Saved and sent to the editors for review.
editor-now-published = Published: readers can see it now.
editor-now-scheduled = Scheduled: readers will see it from the date in `published`.
editor-now-unpublished = Unpublished: readers can no longer see it.
editor-restored = The earlier revision was restored; it is now the current text.
editor-date-in-future = The `published` date is in the future: use Schedule, or set the date to now.
editor-date-not-in-future = To schedule, set `published` to a date and time in the future.
editor-slug-taken = Another article already uses this slug; choose another one.
editor-translation-not-approved = This translation cannot be published yet: a language editor must approve every part of it, as it is now, in the side-by-side editor (/translate). Save it as a draft, or send it for review.
editor-translation-kept-changing = This translation kept changing in the side-by-side editor while it was being saved, so nothing was saved. Look at it again and try once more.

revisions-title = Revisions
revisions-back = Back to the editor
revisions-when = When
revisions-who = Who
revisions-note = What
revisions-none = No revisions yet: this article came from a file and has not been changed in the browser.
revisions-nobody = (imported)
revision-title = Revision
revision-restore = Restore this revision
revision-note-import = imported from a file
revision-note-save = saved
revision-note-review = sent to review
revision-note-publish = published
revision-note-schedule = scheduled
revision-note-unpublish = unpublished
revision-note-restore = restored revision { $number }

photos-title = Photos
photos-file = Photo or drawing (JPEG, PNG, WebP, GIF or SVG)
photos-file-hint = Up to { $megabytes } MB. Location, camera and every other hidden detail are removed before anything is stored.
photos-alt = Text alternative
photos-alt-hint = What the photo shows, for readers who cannot see it.
photos-caption = Caption
photos-slug = Words for the address (optional)
photos-slug-hint = A few words in Latin letters for the file's public address, such as "queue-at-dawn". The uploaded file's own name is never used.
photos-credit = Credit
photos-licence = Licence
photos-upload = Upload
photos-recent = Recent uploads
photos-done = The photo is ready
photos-already-there = This photo was already uploaded; here it is
photos-stripped = Removed from the photo before it was stored:
photos-nothing-stripped = The photo carried no hidden metadata.
photos-snippet = Paste this into the article's front matter, and the last line where the photo belongs in the text:
photos-refused = The photo was not accepted: { $reason }.
photos-file-required = Choose a photo to upload.
photos-alt-required = Describe the photo in the text alternative.
photos-credit-required = Say who made the photo.
photos-licence-required = Choose the licence the photo is used under.

bad-request-title = Bad request
bad-request-body = The request could not be understood. Go back, reload the page and try again.

mail-new-comment-subject = A new comment is waiting for moderation
mail-new-comment-intro = A reader has posted a comment. It appears on the site only once a moderator approves it.
mail-article = Article
mail-reply-subject = Someone replied to your comment
mail-reply-intro = { $name } replied to your comment:
mail-reply-why = You receive this because you asked to hear of replies and confirmed your address. It was not shown to anyone.
mail-reset-intro = Someone asked to reset the password of your newsroom account. If it was you, open this link within an hour:
mail-reset-why = If it was not you, ignore this message: your password has not changed.
quick-done-title = Done
quick-done-body = Your decision is recorded in the moderation log, where it can be undone.

# Moderation integrity and reply notices
moderation-version = version
decision-refused-title = Nothing was decided
decision-someone = another moderator
decision-error-unknown-action = That action does not exist: choose approve, reject, spam, not spam or an editors' pick.
decision-error-reason-missing = A rejection needs a reason: choose one from the list.
decision-error-unknown-reason = “{ $reason }” is not one of the reasons on the list.
decision-error-no-comments = No comment was chosen. Tick at least one.
decision-error-too-many = At most 1000 comments can be decided at once.
decision-error-not-allowed = Your roles do not allow this decision.
decision-error-not-found = Comment { $number } does not exist.
decision-error-version-missing = Every comment must be named with the version you saw. Reload the queue and try again.
decision-error-changed = Comment { $number } was changed by its writer after you loaded it. Nothing was decided: read the new text and decide again.
decision-error-not-your-language = Comment { $number } is in a language you have not listed as yours ({ $language }). Leave it to a moderator who reads it, or add the language on your languages page.
decision-error-already-decided = Comment { $number } was decided by { $name } after you loaded it. Nothing was changed; the action log has the details.
decision-error-withdrawn = Comment { $number } was withdrawn by its writer.
decision-error-link-used = This link has already been used. Open the moderation queue to see or change the decision.
decision-error-link-stale = Since this mail was sent, the comment has been changed or a moderator has decided it. Open the moderation queue to see it as it is now.
decision-error-store = The decision could not be saved. Try again in a moment.
comment-field-notify = Tell me by e-mail when someone replies
comment-error-notify-email = To hear of replies, give your e-mail address.
mail-confirm-subject = Confirm reply notices
mail-confirm-intro = Someone left this e-mail address with a comment and asked to be told of replies. If it was you, open this link within two days and press the button:
mail-confirm-why = If it was not you, ignore this message: nothing else will be sent to this address, and it will be forgotten.
confirm-email-title = Reply notices
confirm-email-body = Press the button to confirm that you want to be told by e-mail when someone replies to your comment.
confirm-email-button = Confirm
confirm-email-done-title = Confirmed
confirm-email-done-body = You will be told by e-mail when a reply to your comment is approved.
confirm-email-expired-title = This link does not work
confirm-email-expired-body = It has been used already or has expired. Nothing will be sent to your address.
comment-error-notify-limit = This address has been sent several confirmation links today. Untick “tell me of replies”, or try again tomorrow.
comment-error-too-many = Many comments have come from your connection in the last few minutes. Your text is kept below: wait a few minutes, then send it again.

## Search
search-title = Search
search-newsroom-title = Search all articles, drafts too
search-link = Search
search-words = Words to find
search-language = Language
search-any-language = All languages
search-tag = Tag (as in its address, e.g. elections)
search-author = Author (as in their address)
search-from = Published from
search-to = until
search-submit = Search
search-found = { $count ->
    [one] { $count } story found
   *[other] { $count } stories found
}
search-found-more = More than { $count } stories found; add words to narrow the search.
search-nothing = Nothing found. Try other words, another spelling or fewer filters.
search-no-words = Only very common words were typed; they are left out. Type a word that tells what to find.
search-bad-date = A date must be written as YYYY-MM-DD; that date was left out of the search.
search-unavailable = Search is being prepared. Please try again in a minute.
search-versions = Languages
search-pages = Pages of results
search-page = Page { $number }
search-previous = Previous page
search-next = Next page

# The import command's summary lines (ashyq import md)
import-failed = { $failed } of { $total } { $total ->
        [one] file
       *[other] files
    } { $failed ->
        [one] has
       *[other] have
    } errors ({ $problems ->
        [one] { $problems } problem
       *[other] { $problems } problems
    }); nothing was imported.
import-done = Imported { $articles ->
        [one] { $articles } article
       *[other] { $articles } articles
    } ({ $new } new, { $replaced } replaced) and { $images ->
        [one] { $images } image
       *[other] { $images } images
    } in { $seconds } s.

## Translators (/translate)
translate-title = Translate
translate-intro = Stories waiting for a translation into your languages, newest first. Claim one so that nobody else starts it.
translate-languages = Languages you translate into
translate-languages-save = Save languages
translate-no-languages = Choose the languages you translate into to see the stories waiting for them.
translate-filter-tag = Tag
translate-filter-from = Source language
translate-filter-apply = Filter
translate-into = Into { $language }
translate-empty = Nothing is waiting for this language.
translate-claimed-by = Claimed by { $name } until { $date }
translate-claim = Claim
translate-release = Release
translate-reassign = Reassign to (e-mail)
translate-reassign-button = Reassign
translate-notice-claimed = The story is yours until the claim expires.
translate-notice-released = The claim was released.
translate-notice-reassigned = The claim was reassigned.
translate-notice-languages = Your languages were saved.
translate-error-not-your-language = You do not translate into this language. Add it to your languages first.
translate-error-not-language-editor = Only a language editor for this language may do this.
translate-error-no-such-story = There is no published original at this address.
translate-error-already-in-language = This story already exists in this language.
translate-error-held-by-other = { $name } has already claimed this story for this language.
translate-error-not-held = This claim is not yours to release, or it has ended.
translate-error-assignee-not-translator = That person does not translate into this language.
translate-error-internal = Something went wrong on our side. Please try again.
translate-open = Open the side-by-side editor
translate-work-title = Translation into { $language }
translate-work-original = Read the original
translate-work-approved = Every unit is approved and in step with the original.
translate-work-changed = The original changed since this was translated:
translate-work-note = Editor's note:
translate-work-save = Save draft
translate-work-submit = Submit for review
translate-review-title = Review
translate-review-nothing = No unit is waiting for your review.
translate-review-approve = Approve
translate-review-return = Return with a note
translate-review-send = Send the review
translate-unit-title = Title
translate-unit-summary = Summary
translate-unit-block = Paragraph { $number }
translate-unit-turn = Interview turn { $number }
translate-unit-caption = Caption
translate-unit-alt = Picture description
translate-state-untranslated = untranslated
translate-state-draft = draft
translate-state-submitted = waiting for review
translate-state-approved = approved
translate-state-returned = returned
translate-state-needs-update = needs update
translate-work-notice-saved = The draft was saved.
translate-work-notice-submitted = The translation was sent for review.
translate-work-notice-reviewed = Your review was saved.
translate-work-error-internal = Something went wrong on our side. Please try again.
translate-work-error-no-such-story = There is no original at this address.
translate-work-error-not-claim-holder = Only the translator who claimed this story for this language may write its translation.
translate-work-error-not-language-editor = Only a language editor for this language may review.
translate-work-error-unknown-unit = The original has no unit { $unit } any more. Reload the page and copy your text again.
translate-work-error-too-long = The text of unit { $unit } is too long.
translate-work-error-incomplete = Some units are not translated yet. Translate every unit before submitting; your draft was not changed.
translate-work-error-not-submitted = Unit { $unit } is not waiting for review.
translate-work-error-own-words = You wrote unit { $unit }; another language editor must review it.
translate-work-error-note-missing = Say what to change in unit { $unit } before returning it.
translate-work-publish = Publish the translation
translate-work-error-changed-since-seen = The translator changed unit { $unit } after this page was opened. Nothing was decided: read the new text below and decide again.
translate-work-error-written-meanwhile = Someone else changed unit { $unit } while you were working on it. Nothing was saved. Your text is kept in the form: saving again puts it in place of theirs; open the page again to read theirs first.
translate-work-error-not-approved = Every unit must be approved and in step with the original before the translation is published.
translate-work-error-compose = The translation could not be published: { $unit }

## Site settings (/admin/site) and the about page
footer-about = About us
footer-contact = Write to us:
about-title = About { $name }
action-site = Site settings
site-settings-title = Site settings
site-settings-intro = The site's name, its words in each language, its logo, the languages it offers and the addresses it can be reached at. Changes show on every page within two seconds.
site-saved = Saved. Readers see the change within two seconds.
site-error-summary = Nothing was saved: { $count ->
        [one] one setting needs
       *[other] { $count } settings need
    } a correction.
site-general = The site
site-field-name = Name
site-hint-name = Shown at the top of every page and in page titles.
site-field-contact = Contact address
site-hint-contact = An e-mail address readers can write to; shown in the footer. Leave empty for none.
site-field-languages = Languages offered, in order
site-hint-languages = Language codes separated by commas, such as kk,ru,en. Languages with published articles are offered after these, unless hidden.
site-field-default-language = Default language
site-hint-default-language = The language of the front page. Empty: English.
site-field-hidden-languages = Hidden languages
site-hint-hidden-languages = Languages not offered even when they have published articles, separated by commas.
site-field-onion-address = Onion address
site-hint-onion-address = The site's Tor onion service, such as http://…onion (56 characters before .onion). Empty for none.
site-field-mirrors = Mirrors
site-hint-mirrors = Other addresses where the site can be read, one per line, each starting with https:// or http://.
site-field-tagline = Tagline
site-hint-tagline = One line under the site's name. Empty: the tagline of the default language, or the built-in one.
site-field-about = About the newsroom
site-hint-about = Markdown, shown on the about page linked from the footer. No pictures; links to http, https or mailto only.
site-field-rules = Comment rules
site-hint-rules = Markdown, shown above every comment form on articles in this language. Empty: the four built-in rules.
site-save = Save settings
site-logo-title = Logo
site-logo-saved = The new logo is shown beside the site's name.
site-logo-current = The current logo
site-logo-remove = Remove the logo
site-logo-file = Image file
site-logo-hint = PNG, SVG, JPEG, WebP or GIF. Location and every other hidden detail are removed before it is stored.
site-logo-upload = Upload the logo
site-logo-required = Choose an image file to upload.
site-logo-refused = This image was not stored: { $reason }

# Front pages and lists of stories (issue 10 item 11)
front-recent = More stories
front-language-title = Latest in { $language }
front-more-language = All stories in { $language }
front-more-tag = All stories on “{ $tag }”
list-page = Page { $page }
list-newer = ← Newer stories
list-older = Older stories →

# Accessibility and moderation screens (issue 10 items 14–19)
page-title-error = Error: { $title }
moderation-reject-reason = Reason for rejecting
action-moderate-waiting = { $count ->
    [0] Moderation queue (none waiting)
    [one] Moderation queue ({ $count } waiting)
   *[other] Moderation queue ({ $count } waiting)
}

## Mirrors and signed copies (issue 12)
footer-mirrors = Mirrors, and how to check a copy
comments-read-only = This is a copy of the site, so comments can only be read here. To write one, open the article on the live site:
mirrors-title = Mirrors and checking a copy
mirrors-languages = This page in
mirrors-intro = When this site is blocked, copies of it are published at other addresses and passed from hand to hand. Every copy carries a list of its files signed with the newsroom's key, so anyone can check that nobody has changed a single file.
mirrors-known-heading = Where to read us
mirrors-live = The site itself
mirrors-onion = Onion address (open it in Tor Browser)
mirrors-none = No other addresses are published yet.
mirrors-key-heading = The newsroom's public key
mirrors-check-heading = How to check a copy
mirrors-check-minisign = First, in the copy's folder, check the signature on the list of files with minisign:
mirrors-check-sha = Then check every file against that list:
mirrors-check-ashyq = Or do both at once with ashyq, which also names any file that was changed, removed or added:
mirrors-check-warning = If a check fails, do not trust that copy. Compare the key above with one you got another way (a printed issue, a friend, another mirror).
mirrors-rotations-heading = Earlier keys
mirrors-rotations-intro = The newsroom has changed its key. Each statement below names the next key and is signed by the key before it, so a copy signed with a newer key can be checked starting from an older one (ashyq verify follows these statements by itself).

## Importing archives from other platforms (`ashyq import wxr`, `disqus`, `isso`)

import-archive-done = Imported { $articles ->
        [one] { $articles } article
       *[other] { $articles } articles
    }, { $comments ->
        [one] { $comments } comment
       *[other] { $comments } comments
    } and { $images ->
        [one] { $images } image
       *[other] { $images } images
    } in { $seconds } s.
import-archive-counts = Found { $people ->
        [one] { $people } person
       *[other] { $people } people
    }; skipped { $skipped ->
        [one] { $skipped } item
       *[other] { $skipped } items
    } (reasons above) and { $pingbacks ->
        [one] { $pingbacks } pingback or trackback
       *[other] { $pingbacks } pingbacks and trackbacks
    }.
import-archive-nothing = Nothing changed: { $articles ->
        [one] { $articles } article
       *[other] { $articles } articles
    } and { $comments ->
        [one] { $comments } comment
       *[other] { $comments } comments
    } from this file were imported before.
import-archive-dry-run = Dry run, nothing was written: it would import { $articles ->
        [one] { $articles } article
       *[other] { $articles } articles
    }, { $comments ->
        [one] { $comments } comment
       *[other] { $comments } comments
    } and { $images ->
        [one] { $images } image
       *[other] { $images } images
    }.
