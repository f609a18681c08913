# ashyq интерфейсінің қазақша жолдары.

site-name = ashyq
site-tagline = Әр оқырманға ашық тәуелсіз жаңалықтар
skip-to-content = Мазмұнға өту
nav-languages = Тілдер
nav-home = Басты бет
footer-promise = Трекерлер жоқ, бөгде ресурстар жоқ, JavaScript міндетті емес.
footer-mirror = Сайт бұғатталса, оның айналарын және жаңалық арналарын іздеңіз.

front-title = Соңғы материалдар
front-all-languages = Барлық тілдер
front-empty = Әзірге жарияланған материал жоқ.

byline-authors = Авторы
byline-published = Жарияланды
article-also-in = Басқа тілдерде
article-translated-from = Түпнұсқадан аударылған
article-original-marker = түпнұсқа
article-tags = Тақырыптар мен жерлер

interview-label = Сұхбат
interview-original = Түпнұсқа
interview-translation = Аударма
figure-credit = Сурет авторы
figure-licence = Лицензия

licence-cc-by = Creative Commons «Авторлықты көрсету» (CC BY)
licence-cc-by-sa = Creative Commons «Авторлықты көрсету — бірдей шарттармен» (CC BY-SA)
licence-cc-by-nd = Creative Commons «Авторлықты көрсету — туынды жасамау» (CC BY-ND)
licence-cc-by-nc = Creative Commons «Авторлықты көрсету — коммерциялық емес» (CC BY-NC)
licence-cc-by-nc-sa = Creative Commons «Авторлықты көрсету — коммерциялық емес — бірдей шарттармен» (CC BY-NC-SA)
licence-cc-by-nc-nd = Creative Commons «Авторлықты көрсету — коммерциялық емес — туынды жасамау» (CC BY-NC-ND)
licence-cc0 = Қоғамдық игілікке берілген (CC0)
licence-public-domain = Қоғамдық игілік
licence-fair-use = Адал пайдалану
licence-used-with-permission = Рұқсатпен пайдаланылды
licence-all-rights-reserved = Барлық құқықтар қорғалған

tag-title = «{ $tag }» белгісі бар материалдар
author-title = Автордың материалдары: { $author }
list-count = { $count } материал

not-found-title = Бет табылмады
not-found-body = Бұл мекенжайда ештеңе жоқ. Материал басқа жерге ауысқан немесе сілтемеде қате бар болуы мүмкін.
not-found-home = Басты бетке өту
error-title = Бірдеңе дұрыс болмады
error-body = Сервер бұл бетті көрсете алмады. Сәлден кейін қайталап көріңіз.

month-1 = қаңтар
month-2 = ақпан
month-3 = наурыз
month-4 = сәуір
month-5 = мамыр
month-6 = маусым
month-7 = шілде
month-8 = тамыз
month-9 = қыркүйек
month-10 = қазан
month-11 = қараша
month-12 = желтоқсан
date-format = { $year } жылғы { $day } { $month }
