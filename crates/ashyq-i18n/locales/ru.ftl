# Русские строки интерфейса ashyq.

site-name = ashyq
site-tagline = Независимые новости, открытые каждому читателю
skip-to-content = Перейти к содержанию
nav-languages = Языки
nav-home = Главная
footer-promise = Без трекеров, без сторонних ресурсов, без обязательного JavaScript.
footer-openness = Сайт работает без JavaScript и ничего не загружает с других сайтов: он открывается в Tor Browser даже на самом строгом уровне защиты.

front-title = Последние материалы
front-all-languages = Все языки
front-empty = Материалов пока нет.

feed-title-site = { $site }: все материалы
feed-title-language = { $site }: материалы на языке «{ $language }»
feed-title-tag = { $site }: материалы с темой «{ $tag }»
feed-title-author = { $site }: материалы автора { $author }
footer-feed = Читать эту страницу в программе для лент (лента Atom)

epub-contents = Содержание
epub-cover = Обложка
epub-licence-title = Об этой книге
epub-licence-made = Книгу составил { $site } из материалов, опубликованных на { $url }, { $date }.
epub-licence-texts = Тексты принадлежат их авторам и { $site }. Вы можете передавать эту книгу дальше в том виде, в каком она есть, целиком и без изменений.
epub-licence-pictures = Каждое изображение опубликовано на условиях лицензии, указанной рядом с ним. Используя изображение, соблюдайте его лицензию и указывайте автора.
epub-picture-list = Изображения в книге

byline-authors = { $count ->
    [one] Автор
   *[other] Авторы
}
byline-published = Опубликовано
article-also-in = На других языках
article-translated-from = Перевод с оригинала
article-original-marker = оригинал
article-translated-from-language = Перевод с { $language ->
    [en] английского
    [ru] русского
    [kk] казахского
    [ar] арабского
   *[other] языка оригинала ({ $name })
}
article-translated-from-by = Перевод с { $language ->
    [en] английского
    [ru] русского
    [kk] казахского
    [ar] арабского
   *[other] языка оригинала ({ $name })
}. { $count ->
    [one] Переводчик
   *[other] Переводчики
}: { $names }
translation-stale-notice = Оригинал изменился после того, как был сделан этот перевод. Изменено: { $sections }.
translation-stale-read-original = Читать оригинал
unit-title = заголовок
unit-summary = краткое содержание
unit-block = абзац { $number }
unit-turn = реплика интервью { $number }
unit-caption = подпись к иллюстрации
unit-alt = описание иллюстрации
article-tags = Темы и места

interview-label = Интервью
interview-original = Оригинал
interview-translation = Перевод
interview-modes = Как читать интервью
interview-mode-paired = Оригинал и перевод вместе
interview-mode-language = Только на языке страницы
interview-mode-original = Только оригинал
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

forbidden-title = Нет доступа
forbidden-body = У вашей учётной записи нет прав на это действие. Если вы считаете, что они нужны, обратитесь к редактору или администратору.
csrf-title = Срок действия формы истёк
csrf-body = В целях безопасности форма не принята. Вернитесь назад, обновите страницу и попробуйте ещё раз.
too-many-title = Слишком много попыток
too-many-body = За короткое время было слишком много попыток. Подождите несколько минут и попробуйте снова.
busy-title = Сейчас сайт занят
busy-body = Сайт сейчас проверяет много паролей. Подождите несколько секунд и попробуйте снова.
csrf-insecure-body = Браузер не вернул cookie этого сайта. Сайт открыт по обычному HTTP, а его cookie помечены как Secure, поэтому браузеры хранят их только для HTTPS. Откройте сайт по HTTPS; а если сайт должен работать без HTTPS, администратор может указать secure_cookies = false.
too-large-title = Слишком большой объём
too-large-body = Отправленные данные больше, чем принимает сайт.
unavailable-title = Сейчас сохранить невозможно
unavailable-body = Сайт временно не может ничего сохранить. Чтение работает; попробуйте позже.

staff-nav = Редакция
dashboard-title = Панель редакции
dashboard-empty = Пока ничего нет.
account-title = Ваша учётная запись
logout = Выйти
login-title = Вход
login-intro = Для редакции: авторов, редакторов, переводчиков и модераторов.
login-button = Войти
login-forgot = Забыли пароль?
login-failed = Неверный адрес электронной почты или пароль.
login-code-title = Второй шаг
login-code-intro = Введите шестизначный код из приложения-аутентификатора.
login-code-failed = Код неверный. Коды меняются каждые 30 секунд; введите текущий.
login-password-set = Пароль установлен. Теперь можно войти.
field-email = Электронная почта
field-password = Пароль
field-current-password = Текущий пароль
field-new-password = Новый пароль (не меньше 10 символов)
field-code = Код
field-name = Имя
field-roles = Роли
role-admin = Администратор
role-editor = Редактор
role-author = Автор
role-translator = Переводчик
role-moderator = Модератор
sessions-title = Где выполнен вход
sessions-intro = Завершите сеанс, который вы не узнаёте, например на потерянном телефоне.
sessions-device = Браузер
sessions-started = Начало
sessions-last-seen = Последняя активность
sessions-this-one = этот браузер
sessions-revoke = Завершить сеанс
sessions-revoked = Сеанс завершён.
totp-title = Второй фактор
totp-intro = Код из приложения на телефоне, который запрашивается после пароля, защищает учётную запись, даже если пароль утёк.
totp-start = Настроить второй фактор
totp-setup-intro = Добавьте этот ключ в приложение-аутентификатор (введите его или вставьте ссылку ниже), затем введите код, который покажет приложение.
totp-confirm = Включить
totp-enabled = Второй фактор включён.
totp-now-on = Второй фактор включён. Код будет запрашиваться при каждом входе.
totp-now-off = Второй фактор выключен.
totp-disable = Выключить второй фактор
totp-wrong-code = Код неверный; второй фактор не включён.
password-change-title = Смена пароля
password-change-button = Сменить пароль
password-changed = Пароль изменён; остальные сеансы и ваши токены API завершены.
password-wrong = Текущий пароль неверный.
password-too-short = Используйте не меньше 10 символов; несколько не связанных между собой слов — надёжный и запоминающийся пароль.
password-set-title = Установите пароль
password-set-intro = Придумайте пароль для учётной записи в редакции.
password-set-button = Установить пароль
password-link-invalid = Срок действия ссылки истёк, или она уже использована. Запросите новую.
password-reset-title = Сброс пароля
password-reset-intro = Введите адрес электронной почты. Если он принадлежит учётной записи, будет отправлена ссылка для установки нового пароля.
password-reset-button = Отправить ссылку
password-reset-sent = Если адрес принадлежит учётной записи, ссылка отправлена. Она действует один час.
people-title = Сотрудники
people-status = Статус
people-active = активен
people-invited = приглашён
people-second-factor = второй фактор включён
invite-title = Пригласить
invite-button = Пригласить
invite-done = Приглашение создано. Передайте эту одноразовую ссылку человеку лично:
invite-bad-email = Введите адрес вида name@example.org.
invite-bad-name = Введите имя.
invite-no-role = Выберите хотя бы одну роль.
invite-taken = Учётная запись с этим адресом уже есть.
action-write = Написать материал
action-people = Сотрудники
action-moderate = Очередь модерации

comments-title = Комментарии
comments-empty = Комментариев пока нет. Начните обсуждение.
comments-pages-label = Страницы комментариев
comments-page-earlier = ← Более ранние комментарии
comments-page-later = Более поздние комментарии →
comments-page-position = Страница { $page } из { $pages }
comments-rules-title = Наши правила
comments-rule-review = Каждый комментарий проверяет модератор, прежде чем он появится.
comments-rule-duplicates = Комментарий, отправленный несколько раз, может быть сочтён спамом.
comments-rule-respect = Уважайте собеседников.
comments-rule-refused = Комментарии с языком вражды, непристойностями или личными оскорблениями не публикуются.
comments-login-invite = Авторы, войдите в систему
comment-form-title = Присоединяйтесь к обсуждению
comment-replying-to = Ответ пользователю { $name }
comment-commenting-as = Вы комментируете как { $name }.
comment-field-name = Ваше имя (будет показано с комментарием)
comment-field-email = Электронная почта (необязательно)
comment-field-email-hint = Никогда не показывается. Хранится, только если вы хотите узнавать об ответах: сначала мы пришлём ссылку для подтверждения, а через несколько недель адрес забудем.
comment-field-body = Ваш комментарий
comment-field-body-hint = Работают абзацы, *выделение*, [ссылки](https://example.org) и > цитаты; остальное не форматируется.
comment-honeypot = Оставьте это поле пустым
comment-submit = Отправить на проверку
comment-save = Сохранить изменения
comment-posted = Спасибо. Ваш комментарий ждёт проверки; пока модератор его не одобрит, его видите только вы.
comment-awaiting = ожидает проверки
comment-edit = Изменить
comment-edit-title = Изменить комментарий
comment-withdraw = Отозвать
comment-reply = Ответить
comments-other-languages = Комментарии на других языках ({ $count })
story-comments = { $count ->
    [one] { $count } комментарий
    [few] { $count } комментария
   *[many] { $count } комментариев
}
moderation-posted-on = к версии на языке: { $language }
comment-badge-author = Автор
comment-badge-staff = Редакция
comment-editors-pick = Выбор редакции
comment-error-summary = Исправьте отмеченные поля; написанный текст сохранён ниже.
comment-error-name-required = Укажите имя.
comment-error-name-long = Имя слишком длинное (не больше 80 символов).
comment-error-name-invalid = В имени есть символы, которые невозможно показать.
comment-error-email-invalid = Это не похоже на адрес электронной почты. Можно оставить поле пустым.
comment-error-body-required = Напишите комментарий.
comment-error-body-long = Комментарий слишком длинный (не больше 5000 символов). Сократите его.
comment-error-body-invalid = В комментарии есть символы, которые невозможно показать.
comment-error-parent = Комментарий, на который вы отвечаете, недоступен; ваш комментарий можно опубликовать отдельно.

moderation-title = Модерация
moderation-log-title = Журнал действий
moderation-words-title = Списки слов
moderation-languages-title = Языки, которые я читаю
moderation-status-pending = Ожидают
moderation-status-spam = Спам
moderation-status-rejected = Отклонены
moderation-status-approved = Одобрены
moderation-filter-article = Материал (slug)
moderation-filter-language = Язык
moderation-filter-label = Метка
moderation-filter = Отфильтровать
moderation-empty = В этой очереди ничего нет.
moderation-bulk = Выбранные комментарии
moderation-approve = Одобрить
moderation-reject = Отклонить
moderation-spam = Спам
moderation-not-spam = Не спам
moderation-feature = Выбор редакции
moderation-unfeature = Убрать из выбора
moderation-reason = Причина
moderation-score = оценка
moderation-unreadable = этот язык никто в команде не читает
moderation-ban = Заблокировать
moderation-ban-what = Что заблокировать
moderation-ban-for = На сколько дней
moderation-ban-address = адрес
moderation-ban-email = почту
moderation-banned = Заблокировано на { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}.
moderation-done = { $count ->
    [one] Обновлён { $count } комментарий.
    [few] Обновлено { $count } комментария.
   *[many] Обновлено { $count } комментариев.
}
moderation-undo = Отменить
moderation-undone = Действие отменено.
moderation-not-undone = Это действие уже нельзя отменить: комментарий с тех пор изменился.
moderation-history = { $count ->
    [one] { $count } прежний комментарий этого человека
    [few] { $count } прежних комментария этого человека
   *[many] { $count } прежних комментариев этого человека
}
moderation-log-when = Когда
moderation-log-who = Кто
moderation-log-what = Что
moderation-log-undone = отменено
moderation-words-intro = По одному слову или выражению в строке. Запрещённые слова сразу отправляют комментарий в отклонённые; подозрительные помечают его для внимательной проверки. Изменения сразу действуют для новых комментариев.
moderation-words-saved = Списки слов сохранены и применяются.
moderation-words-save = Сохранить списки
moderation-words-banned = запрещённые
moderation-words-suspect = подозрительные
moderation-languages-intro = Комментарии на этих языках будут первыми в вашей очереди, и решать вы можете только по ним (и по комментариям на языках, которых никто в команде не указал). Не отмечайте ни одного, чтобы решать по всем языкам.
moderation-languages-saved = Сохранено.
moderation-languages-save = Сохранить
reason-spam = Спам
reason-hate = Язык вражды
reason-obscene = Непристойность
reason-attack = Личное оскорбление
reason-other = Другое

api-tokens-title = Токены для интеграций
api-tokens-intro = Токен позволяет программе работать с API модерации (описание: /api/v1/openapi.json) в пределах ваших ролей и выбранного доступа. Он действует { $days } дн.; отзовите его здесь, как только программе он больше не нужен. Смена пароля отзывает все токены.
api-token-label = Для чего токен
api-token-create = Создать токен
api-token-created = Скопируйте токен сейчас: больше он не будет показан:
totp-setup-expired = Настройка заняла слишком много времени или начата не на этой странице. Начните заново, чтобы получить новый ключ.
api-token-revoked = Токен отозван; программы с ним больше не будут допущены.
api-token-revoke = Отозвать
api-token-expires = Истекает
api-token-never-used = ни разу
api-token-last-used = Последнее использование
api-token-created-at = Создан
api-token-scopes = Доступ
api-token-name = Название
api-tokens-none = У вас нет токенов.
api-token-access-write = Читать и принимать решения по комментариям (moderation:read, moderation:write)
api-token-access-read = Читать очередь и журнал модерации (moderation:read)
api-token-access = Что разрешено
action-photos = Фотографии

dashboard-my-drafts = Мои неопубликованные материалы
dashboard-review = Ждут проверки
dashboard-published = Недавно опубликованные
status-draft = черновик
status-review = на проверке
status-published = опубликован
status-unpublished = снят с публикации
status-scheduled = запланирован

editor-new-title = Новый материал
editor-edit-title = Правка
editor-status = Состояние
editor-view-public = открыть на сайте
editor-source = Файл материала
editor-source-hint = Сначала заголовочный блок TOML между двумя строками +++, затем текст в Markdown. Изображения сначала загрузите на странице «Фотографии» и вставьте фрагмент [[figures]], который она покажет.
editor-preview = Предпросмотр
editor-preview-heading = Предпросмотр
editor-save = Сохранить черновик
editor-save-published = Сохранить изменения
editor-review = Отправить на проверку
editor-publish = Опубликовать
editor-schedule = Запланировать
editor-unpublish = Снять с публикации
editor-line = строка
editor-column = позиция
editor-errors = { $count ->
    [one] { $count } ошибка — ничего не сохранено
    [few] { $count } ошибки — ничего не сохранено
   *[many] { $count } ошибок — ничего не сохранено
}
editor-saved = Сохранено.
editor-sent-to-review = Сохранено и отправлено редакторам на проверку.
editor-now-published = Опубликовано: читатели уже видят материал.
editor-now-scheduled = Запланировано: читатели увидят материал с даты, указанной в `published`.
editor-now-unpublished = Снято с публикации: читатели больше не видят материал.
editor-restored = Прежняя версия восстановлена и стала текущей.
editor-date-in-future = Дата `published` ещё не наступила: нажмите «Запланировать» или поставьте текущую дату.
editor-date-not-in-future = Чтобы запланировать публикацию, укажите в `published` дату и время в будущем.
editor-slug-taken = Этот адрес (slug) уже занят другим материалом; выберите другой.
editor-translation-not-approved = Этот перевод пока нельзя опубликовать: редактор языка должен одобрить каждую его часть в нынешнем виде в редакторе перевода (/translate). Сохраните его как черновик или отправьте на проверку.
editor-translation-kept-changing = Пока перевод сохранялся, его всё время меняли в редакторе перевода, поэтому ничего не сохранено. Посмотрите на него ещё раз и повторите попытку.

revisions-title = Версии
revisions-back = Вернуться к правке
revisions-when = Когда
revisions-who = Кто
revisions-note = Что сделано
revisions-none = Версий пока нет: материал импортирован из файла и в браузере не менялся.
revisions-nobody = (импорт)
revision-title = Версия
revision-restore = Восстановить эту версию
revision-note-import = импортирован из файла
revision-note-save = сохранено
revision-note-review = отправлено на проверку
revision-note-publish = опубликовано
revision-note-schedule = запланировано
revision-note-unpublish = снято с публикации
revision-note-restore = восстановлена версия { $number }

photos-title = Фотографии
photos-file = Фотография или рисунок (JPEG, PNG, WebP, GIF или SVG)
photos-file-hint = До { $megabytes } МБ. Место съёмки, камера и все прочие скрытые сведения удаляются до сохранения.
photos-alt = Текстовое описание
photos-alt-hint = Что изображено на фотографии — для читателей, которые её не видят.
photos-caption = Подпись
photos-slug = Слова для адреса (необязательно)
photos-slug-hint = Несколько слов латиницей для публичного адреса файла, например «queue-at-dawn». Имя загруженного файла никогда не используется.
photos-credit = Автор снимка
photos-licence = Лицензия
photos-upload = Загрузить
photos-recent = Недавние загрузки
photos-done = Фотография готова
photos-already-there = Эта фотография уже была загружена — вот она
photos-stripped = Перед сохранением из фотографии удалено:
photos-nothing-stripped = Скрытых метаданных в фотографии не было.
photos-snippet = Вставьте это в заголовочный блок материала, а последнюю строку — в то место текста, где должна стоять фотография:
photos-refused = Фотография не принята: { $reason }.
photos-file-required = Выберите фотографию для загрузки.
photos-alt-required = Опишите фотографию в текстовом описании.
photos-credit-required = Укажите автора снимка.
photos-licence-required = Выберите лицензию, по которой используется фотография.

bad-request-title = Неверный запрос
bad-request-body = Запрос не удалось разобрать. Вернитесь назад, обновите страницу и попробуйте ещё раз.

mail-new-comment-subject = Новый комментарий ждёт модерации
mail-new-comment-intro = Читатель оставил комментарий. Он появится на сайте только после одобрения модератором.
mail-article = Материал
mail-reply-subject = Вам ответили на комментарий
mail-reply-intro = { $name } ответил(а) на ваш комментарий:
mail-reply-why = Вы получили это письмо, потому что попросили сообщать об ответах и подтвердили адрес. Он никому не показывался.
mail-reset-intro = Кто-то запросил сброс пароля вашей учётной записи в редакции. Если это были вы, откройте ссылку в течение часа:
mail-reset-why = Если это были не вы, просто не обращайте внимания на письмо: пароль не изменился.
quick-done-title = Готово
quick-done-body = Ваше решение записано в журнал модерации, где его можно отменить.

# Целостность модерации и уведомления об ответах
moderation-version = версия
decision-refused-title = Решение не принято
decision-someone = другой модератор
decision-error-unknown-action = Такого действия нет: выберите «одобрить», «отклонить», «спам», «не спам» или выбор редакции.
decision-error-reason-missing = Для отклонения нужна причина: выберите её из списка.
decision-error-unknown-reason = «{ $reason }» — не одна из причин в списке.
decision-error-no-comments = Не выбран ни один комментарий. Отметьте хотя бы один.
decision-error-too-many = За один раз можно решить не больше 1000 комментариев.
decision-error-not-allowed = Ваши роли не позволяют принять это решение.
decision-error-not-found = Комментария { $number } нет.
decision-error-version-missing = Для каждого комментария нужна версия, которую вы видели. Обновите очередь и попробуйте снова.
decision-error-changed = Автор изменил комментарий { $number } после того, как вы его открыли. Решение не принято: прочитайте новый текст и решите заново.
decision-error-not-your-language = Комментарий { $number } написан на языке, которого нет в вашем списке ({ $language }). Оставьте его модератору, который читает на этом языке, или добавьте язык на странице языков.
decision-error-already-decided = По комментарию { $number } уже решил(а) { $name } после того, как вы его открыли. Ничего не изменено; подробности — в журнале.
decision-error-withdrawn = Автор отозвал комментарий { $number }.
decision-error-link-used = Эта ссылка уже использована. Откройте очередь модерации, чтобы увидеть или изменить решение.
decision-error-link-stale = С тех пор как отправлено письмо, комментарий изменился или по нему уже принято решение. Откройте очередь модерации, чтобы увидеть его таким, какой он сейчас.
decision-error-store = Не удалось сохранить решение. Попробуйте ещё раз через минуту.
comment-field-notify = Сообщать мне по почте об ответах
comment-error-notify-email = Чтобы узнавать об ответах, укажите адрес электронной почты.
mail-confirm-subject = Подтвердите уведомления об ответах
mail-confirm-intro = Кто-то оставил этот адрес вместе с комментарием и попросил сообщать об ответах. Если это были вы, откройте ссылку в течение двух дней и нажмите кнопку:
mail-confirm-why = Если это были не вы, не обращайте внимания на это письмо: больше ничего на этот адрес не придёт, и он будет забыт.
confirm-email-title = Уведомления об ответах
confirm-email-body = Нажмите кнопку, чтобы подтвердить, что хотите получать письма об ответах на ваш комментарий.
confirm-email-button = Подтвердить
confirm-email-done-title = Подтверждено
confirm-email-done-body = Мы сообщим вам по почте, когда ответ на ваш комментарий будет одобрен.
confirm-email-expired-title = Эта ссылка не работает
confirm-email-expired-body = Она уже использована или устарела. На ваш адрес ничего не будет отправлено.
comment-error-notify-limit = На этот адрес сегодня уже отправлено несколько ссылок для подтверждения. Снимите отметку «сообщать об ответах» или попробуйте завтра.
comment-error-too-many = С вашего подключения за последние минуты пришло много комментариев. Ваш текст сохранён ниже: подождите несколько минут и отправьте его снова.

## Search
search-title = Поиск
search-newsroom-title = Поиск по всем материалам, включая черновики
search-link = Поиск
search-words = Что найти
search-language = Язык
search-any-language = Все языки
search-tag = Тег (как в его адресе, например elections)
search-author = Автор (как в его адресе)
search-from = Опубликовано с
search-to = по
search-submit = Найти
search-found = { $count ->
    [one] Найден { $count } материал
    [few] Найдено { $count } материала
   *[other] Найдено { $count } материалов
}
search-found-more = Найдено больше { $count } материалов; добавьте слова, чтобы сузить поиск.
search-nothing = Ничего не найдено. Попробуйте другие слова, другое написание или меньше фильтров.
search-no-words = Введены только самые частые слова, они не учитываются. Введите слово, которое говорит, что искать.
search-bad-date = Дату нужно писать как ГГГГ-ММ-ДД; эта дата не учтена в поиске.
search-unavailable = Поиск готовится. Попробуйте через минуту.
search-versions = Языки
search-pages = Страницы результатов
search-page = Страница { $number }
search-previous = Предыдущая страница
search-next = Следующая страница

# The import command's summary lines (ashyq import md)
import-failed = Ошибки в { $failed } из { $total } { $total ->
        [one] файла
       *[other] файлов
    } ({ $problems ->
        [one] { $problems } проблема
        [few] { $problems } проблемы
       *[other] { $problems } проблем
    }); ничего не импортировано.
import-done = Импортировано статей: { $articles } (новых: { $new }, заменено: { $replaced }), изображений: { $images }, за { $seconds } с.

## Translators (/translate)
translate-title = Переводы
translate-intro = Материалы, которые ждут перевода на ваши языки, сначала новые. Возьмите материал, чтобы никто другой не начал его переводить.
translate-languages = Языки, на которые вы переводите
translate-languages-save = Сохранить языки
translate-no-languages = Выберите языки, на которые вы переводите, чтобы увидеть материалы, которые их ждут.
translate-filter-tag = Тег
translate-filter-from = Язык оригинала
translate-filter-apply = Показать
translate-into = На язык: { $language }
translate-empty = На этот язык ничего не ждёт перевода.
translate-claimed-by = Взял(а) { $name }, до { $date }
translate-claim = Взять
translate-release = Отказаться
translate-reassign = Передать (e-mail)
translate-reassign-button = Передать
translate-notice-claimed = Материал ваш, пока не истечёт срок.
translate-notice-released = Материал снова свободен.
translate-notice-reassigned = Материал передан.
translate-notice-languages = Ваши языки сохранены.
translate-error-not-your-language = Вы не переводите на этот язык. Сначала добавьте его в свои языки.
translate-error-not-language-editor = Это может сделать только редактор этого языка.
translate-error-no-such-story = По этому адресу нет опубликованного оригинала.
translate-error-already-in-language = Этот материал уже есть на этом языке.
translate-error-held-by-other = { $name } уже взял(а) этот материал для перевода на этот язык.
translate-error-not-held = Этот материал не за вами, или срок уже истёк.
translate-error-assignee-not-translator = Этот человек не переводит на этот язык.
translate-error-internal = У нас что-то пошло не так. Попробуйте ещё раз.
translate-open = Открыть редактор перевода
translate-work-title = Перевод на язык: { $language }
translate-work-original = Читать оригинал
translate-work-approved = Все части одобрены и соответствуют оригиналу.
translate-work-changed = Оригинал изменился после перевода:
translate-work-note = Замечание редактора:
translate-work-save = Сохранить черновик
translate-work-submit = Отправить на проверку
translate-review-title = Проверка
translate-review-nothing = Нет частей, ожидающих вашей проверки.
translate-review-approve = Одобрить
translate-review-return = Вернуть с замечанием
translate-review-send = Отправить проверку
translate-unit-title = Заголовок
translate-unit-summary = Лид
translate-unit-block = Абзац { $number }
translate-unit-turn = Реплика интервью { $number }
translate-unit-caption = Подпись
translate-unit-alt = Описание изображения
translate-state-untranslated = не переведено
translate-state-draft = черновик
translate-state-submitted = ждёт проверки
translate-state-approved = одобрено
translate-state-returned = возвращено
translate-state-needs-update = нужно обновить
translate-work-notice-saved = Черновик сохранён.
translate-work-notice-submitted = Перевод отправлен на проверку.
translate-work-notice-reviewed = Ваша проверка сохранена.
translate-work-error-internal = У нас что-то пошло не так. Попробуйте ещё раз.
translate-work-error-no-such-story = По этому адресу нет оригинала.
translate-work-error-not-claim-holder = Писать перевод может только переводчик, который взял этот материал на этот язык.
translate-work-error-not-language-editor = Проверять может только редактор этого языка.
translate-work-error-unknown-unit = В оригинале больше нет части { $unit }. Обновите страницу и вставьте свой текст снова.
translate-work-error-too-long = Текст части { $unit } слишком длинный.
translate-work-error-incomplete = Не все части переведены. Переведите каждую часть, прежде чем отправлять; черновик не изменён.
translate-work-error-not-submitted = Часть { $unit } не ждёт проверки.
translate-work-error-own-words = Часть { $unit } написали вы; её должен проверить другой редактор языка.
translate-work-error-note-missing = Прежде чем вернуть часть { $unit }, напишите, что в ней изменить.
translate-work-publish = Опубликовать перевод
translate-work-error-changed-since-seen = Переводчик изменил часть { $unit } после того, как вы открыли страницу. Ничего не решено: прочитайте новый текст ниже и решите снова.
translate-work-error-written-meanwhile = Пока вы работали, кто-то другой изменил часть { $unit }. Ничего не сохранено. Ваш текст остался в форме: повторное сохранение заменит им чужой; чтобы сначала прочитать чужой, откройте страницу заново.
translate-work-error-not-approved = Перед публикацией каждая часть должна быть одобрена и соответствовать оригиналу.
translate-work-error-compose = Перевод не удалось опубликовать: { $unit }

## Site settings (/admin/site) and the about page
footer-about = О редакции
footer-contact = Напишите нам:
about-title = О редакции «{ $name }»
action-site = Настройки сайта
site-settings-title = Настройки сайта
site-settings-intro = Название сайта, его тексты на каждом языке, логотип, языки и адреса, по которым его можно открыть. Изменения появляются на всех страницах в течение двух секунд.
site-saved = Сохранено. Читатели увидят изменения в течение двух секунд.
site-error-summary = Ничего не сохранено: { $count ->
        [one] { $count } настройку нужно исправить.
        [few] { $count } настройки нужно исправить.
       *[many] { $count } настроек нужно исправить.
    }
site-general = Сайт
site-field-name = Название
site-hint-name = Показывается вверху каждой страницы и в заголовках страниц.
site-field-contact = Адрес для связи
site-hint-contact = Адрес электронной почты для читателей; показывается внизу страницы. Оставьте пустым, если не нужен.
site-field-languages = Языки сайта по порядку
site-hint-languages = Коды языков через запятую, например kk,ru,en. Языки с опубликованными статьями добавляются после них, если не скрыты.
site-field-default-language = Основной язык
site-hint-default-language = Язык главной страницы. Пусто — английский.
site-field-hidden-languages = Скрытые языки
site-hint-hidden-languages = Языки, которые не предлагаются читателям, даже если на них есть статьи; через запятую.
site-field-onion-address = Onion-адрес
site-hint-onion-address = Адрес сайта в Tor, например http://…onion (56 знаков перед .onion). Пусто — нет.
site-field-mirrors = Зеркала
site-hint-mirrors = Другие адреса, по которым можно читать сайт, по одному в строке, каждый начинается с https:// или http://.
site-field-tagline = Подзаголовок
site-hint-tagline = Одна строка под названием сайта. Пусто — подзаголовок основного языка или встроенный.
site-field-about = О редакции
site-hint-about = Markdown; показывается на странице «О редакции», ссылка на неё — внизу страницы. Без картинок; ссылки только http, https или mailto.
site-field-rules = Правила комментариев
site-hint-rules = Markdown; показывается над каждой формой комментария у статей на этом языке. Пусто — четыре встроенных правила.
site-save = Сохранить настройки
site-logo-title = Логотип
site-logo-saved = Новый логотип показывается рядом с названием сайта.
site-logo-current = Текущий логотип
site-logo-remove = Убрать логотип
site-logo-file = Файл изображения
site-logo-hint = PNG, SVG, JPEG, WebP или GIF. Перед сохранением удаляются геоданные и все прочие скрытые сведения.
site-logo-upload = Загрузить логотип
site-logo-required = Выберите файл изображения.
site-logo-refused = Изображение не сохранено: { $reason }

# Front pages and lists of stories (issue 10 item 11)
front-recent = Ещё материалы
front-language-title = Последнее на языке: { $language }
front-more-language = Все материалы на языке: { $language }
front-more-tag = Все материалы по теме «{ $tag }»
list-page = Страница { $page }
list-newer = ← Более новые
list-older = Более ранние →

# Accessibility and moderation screens (issue 10 items 14–19)
page-title-error = Ошибка: { $title }
moderation-reject-reason = Причина отклонения
action-moderate-waiting = { $count ->
    [0] Очередь модерации (пусто)
    [one] Очередь модерации (ждёт { $count })
    [few] Очередь модерации (ждут { $count })
   *[many] Очередь модерации (ждут { $count })
}

## Mirrors and signed copies (issue 12)
footer-mirrors = Зеркала и как проверить копию
comments-read-only = Это копия сайта, поэтому комментарии здесь можно только читать. Чтобы написать комментарий, откройте статью на основном сайте:
mirrors-title = Зеркала и проверка копии
mirrors-languages = Эта страница на языках
mirrors-intro = Когда сайт блокируют, его копии публикуются по другим адресам и передаются из рук в руки. В каждой копии есть список её файлов, подписанный ключом редакции, так что любой может проверить, что ни один файл не изменён.
mirrors-known-heading = Где нас читать
mirrors-live = Сам сайт
mirrors-onion = Onion-адрес (откройте его в Tor Browser)
mirrors-none = Других адресов пока нет.
mirrors-key-heading = Открытый ключ редакции
mirrors-check-heading = Как проверить копию
mirrors-check-minisign = Сначала в папке копии проверьте подпись списка файлов с помощью minisign:
mirrors-check-sha = Затем сверьте каждый файл со списком:
mirrors-check-ashyq = Или сделайте всё сразу с ashyq: он назовёт каждый изменённый, удалённый или добавленный файл:
mirrors-check-warning = Если проверка не прошла, не доверяйте этой копии. Сравните ключ выше с ключом, полученным другим путём (из печатного номера, от знакомых, с другого зеркала).
mirrors-rotations-heading = Прежние ключи
mirrors-rotations-intro = Редакция сменила ключ. Каждое заявление ниже называет следующий ключ и подписано предыдущим, поэтому копию, подписанную новым ключом, можно проверить, начав со старого (ashyq verify проходит по этим заявлениям сам).

## Импорт архивов с других платформ (`ashyq import wxr`, `disqus`, `isso`)

import-archive-done = Импортировано статей: { $articles }, комментариев: { $comments }, изображений: { $images }, за { $seconds } с.
import-archive-counts = Найдено людей: { $people }; пропущено: { $skipped } (причины выше), пингбэков и трекбэков: { $pingbacks } (не импортируются).
import-archive-nothing = Ничего не изменилось: статьи ({ $articles }) и комментарии ({ $comments }) из этого файла уже импортированы.
import-archive-dry-run = Пробный запуск, ничего не записано: будет импортировано статей: { $articles }, комментариев: { $comments }, изображений: { $images }.
