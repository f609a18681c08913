# Русские строки интерфейса ashyq.

site-name = ashyq
site-tagline = Независимые новости, открытые каждому читателю
skip-to-content = Перейти к содержанию
nav-languages = Языки
nav-home = Главная
footer-promise = Без трекеров, без сторонних ресурсов, без обязательного JavaScript.
footer-mirror = Если сайт заблокирован, ищите его зеркала и ленты.

front-title = Последние материалы
front-all-languages = Все языки
front-empty = Материалов пока нет.

byline-authors = { $count ->
    [one] Автор
   *[other] Авторы
}
byline-published = Опубликовано
article-also-in = На других языках
article-translated-from = Перевод с оригинала
article-original-marker = оригинал
article-tags = Темы и места

interview-label = Интервью
interview-original = Оригинал
interview-translation = Перевод
figure-credit = Автор изображения
figure-licence = Лицензия

licence-cc-by = Creative Commons «Атрибуция» (CC BY)
licence-cc-by-sa = Creative Commons «Атрибуция — на тех же условиях» (CC BY-SA)
licence-cc-by-nd = Creative Commons «Атрибуция — без производных» (CC BY-ND)
licence-cc-by-nc = Creative Commons «Атрибуция — некоммерческое использование» (CC BY-NC)
licence-cc-by-nc-sa = Creative Commons «Атрибуция — некоммерческое — на тех же условиях» (CC BY-NC-SA)
licence-cc-by-nc-nd = Creative Commons «Атрибуция — некоммерческое — без производных» (CC BY-NC-ND)
licence-cc0 = Передано в общественное достояние (CC0)
licence-public-domain = Общественное достояние
licence-fair-use = Добросовестное использование
licence-used-with-permission = Используется с разрешения
licence-all-rights-reserved = Все права защищены

tag-title = Материалы с меткой «{ $tag }»
author-title = Материалы автора: { $author }
list-count = { $count ->
    [one] { $count } материал
    [few] { $count } материала
   *[many] { $count } материалов
}

not-found-title = Страница не найдена
not-found-body = По этому адресу ничего нет. Возможно, материал переехал или в ссылке опечатка.
not-found-home = На главную
error-title = Что-то пошло не так
error-body = Сервер не смог показать эту страницу. Попробуйте ещё раз чуть позже.

month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря
date-format = { $day } { $month } { $year } г.
