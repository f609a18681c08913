# English UI strings of ashyq. Keep ru.ftl and kk.ftl in step: a test checks every id is in each.

site-name = ashyq
site-tagline = Independent news, open to every reader
skip-to-content = Skip to content
nav-languages = Languages
nav-home = Front page
footer-promise = No trackers, no third-party resources, no JavaScript needed.
footer-mirror = If this site is blocked, look for its mirrors and feeds.

front-title = Latest stories
front-all-languages = All languages
front-empty = No stories have been published yet.

byline-authors = { $count ->
    [one] Author
   *[other] Authors
}
byline-published = Published
article-also-in = Also in
article-translated-from = Translated from
article-original-marker = original
article-tags = Topics and places

interview-label = Interview
interview-original = Original
interview-translation = Translation
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
