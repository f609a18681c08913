# نصوص واجهة ashyq بالعربية. أبقِ هذا الملف مطابقًا لـ en.ftl: يتحقق اختبار من وجود كل معرّف.
# Arabic plural forms: one (1), two (2), few (3–10), many (11–99), other (0, 100…).

site-name = ashyq
site-tagline = أخبار مستقلة، مفتوحة لكل قارئ
skip-to-content = انتقل إلى المحتوى
nav-languages = اللغات
nav-home = الصفحة الرئيسية
footer-promise = لا أدوات تتبّع، ولا موارد من جهات أخرى، ولا حاجة إلى جافاسكربت.
footer-openness = لا يحتاج هذا الموقع إلى جافاسكربت ولا يحمّل شيئًا من مواقع أخرى: يعمل في متصفح تور حتى في أعلى مستويات الأمان.

front-title = أحدث القصص
front-all-languages = كل اللغات
front-empty = لم تُنشر أي قصة بعد.

feed-title-site = { $site }: كل القصص
feed-title-language = { $site }: القصص بلغة { $language }
feed-title-tag = { $site }: القصص الموسومة بـ«{ $tag }»
feed-title-author = { $site }: قصص { $author }
footer-feed = تابع هذه الصفحة في قارئ الخلاصات (خلاصة Atom)

epub-contents = المحتويات
epub-cover = الغلاف
epub-licence-title = عن هذا الكتاب
epub-licence-made = أعدّه { $site } من قصص منشورة على { $url }، بتاريخ { $date }.
epub-licence-texts = النصوص ملك لكتّابها ولـ{ $site }. يسرّنا أن تنقل هذا الكتاب إلى غيرك كما هو، كاملًا ودون تغيير.
epub-licence-pictures = كل صورة منشورة بموجب الترخيص المذكور بجانبها. إن أعدت استخدام صورة فالتزم بترخيصها واذكر صاحبها.
epub-picture-list = الصور في هذا الكتاب

byline-authors = { $count ->
    [one] الكاتب
    [two] الكاتبان
   *[other] الكتّاب
}
byline-published = نُشر في
article-also-in = بلغات أخرى
article-translated-from = مترجَم عن
article-original-marker = الأصل
article-translated-from-language = مترجَم عن { $language ->
    [en] الإنجليزية
    [ru] الروسية
    [kk] الكازاخية
    [ar] العربية
   *[other] { $name }
}
article-translated-from-by = ترجمه عن { $language ->
    [en] الإنجليزية
    [ru] الروسية
    [kk] الكازاخية
    [ar] العربية
   *[other] { $name }
}: { $names }
translation-stale-notice = تغيّر الأصل بعد إعداد هذه الترجمة. ما تغيّر منذ ذلك الحين: { $sections }.
translation-stale-read-original = اقرأ الأصل
unit-title = العنوان
unit-summary = الملخّص
unit-block = الفقرة { $number }
unit-turn = المداخلة { $number } من المقابلة
unit-caption = تعليق على صورة
unit-alt = وصف صورة
article-tags = الموضوعات والأماكن

interview-label = مقابلة
interview-original = الأصل
interview-translation = ترجمة
interview-modes = طريقة قراءة المقابلة
interview-mode-paired = الأصل والترجمة معًا
interview-mode-language = بلغة الصفحة فقط
interview-mode-original = الأصل فقط
figure-credit = المصدر
figure-licence = الترخيص

licence-cc-by = المشاع الإبداعي: نسب المصنَّف (CC BY)
licence-cc-by-sa = المشاع الإبداعي: نسب المصنَّف والترخيص بالمثل (CC BY-SA)
licence-cc-by-nd = المشاع الإبداعي: نسب المصنَّف دون اشتقاق (CC BY-ND)
licence-cc-by-nc = المشاع الإبداعي: نسب المصنَّف لغير الأغراض التجارية (CC BY-NC)
licence-cc-by-nc-sa = المشاع الإبداعي: نسب المصنَّف لغير الأغراض التجارية والترخيص بالمثل (CC BY-NC-SA)
licence-cc-by-nc-nd = المشاع الإبداعي: نسب المصنَّف لغير الأغراض التجارية دون اشتقاق (CC BY-NC-ND)
licence-cc0 = إهداء إلى الملك العام (CC0)
licence-public-domain = ملك عام
licence-fair-use = استخدام عادل
licence-used-with-permission = مستخدمة بإذن
licence-all-rights-reserved = جميع الحقوق محفوظة

tag-title = القصص الموسومة بـ«{ $tag }»
author-title = قصص { $author }
list-count = { $count ->
    [zero] لا قصص
    [one] قصة واحدة
    [two] قصتان
    [few] { $count } قصص
   *[other] { $count } قصة
}

not-found-title = الصفحة غير موجودة
not-found-body = لا شيء في هذا العنوان. ربما نُقلت القصة، أو كُتب الرابط بشكل خاطئ.
not-found-home = اذهب إلى الصفحة الرئيسية
error-title = حدث خطأ ما
error-body = تعذّر على الخادم عرض هذه الصفحة. يُرجى المحاولة مرة أخرى بعد قليل.

month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر
date-format = { $day } { $month } { $year }

forbidden-title = غير مسموح
forbidden-body = لا يملك حسابك صلاحية القيام بهذا. اسأل محررًا أو مديرًا إن كنت ترى أنه ينبغي أن يملكها.
csrf-title = انتهت صلاحية هذا النموذج
csrf-body = حفاظًا على أمانك لم يُقبل النموذج. ارجع، وأعد تحميل الصفحة، ثم حاول مرة أخرى.
too-many-title = محاولات كثيرة جدًا
too-many-body = جرت محاولات كثيرة في وقت قصير. يُرجى الانتظار بضع دقائق ثم المحاولة مرة أخرى.
busy-title = مشغول الآن
busy-body = يتحقق الموقع حاليًا من كلمات مرور كثيرة. يُرجى الانتظار بضع ثوانٍ ثم المحاولة مرة أخرى.
csrf-insecure-body = لم يُعِد متصفحك ملف تعريف الارتباط الخاص بهذا الموقع. يُقدَّم الموقع عبر HTTP العادي، لكن ملفات تعريف الارتباط فيه موسومة بـSecure، فلا تحتفظ بها المتصفحات إلا مع HTTPS. افتح الموقع عبر HTTPS؛ أو إن كان لا بد من تشغيله دون HTTPS فيمكن لمشغّله ضبط secure_cookies = false.
too-large-title = أكبر من المسموح
too-large-body = ما أرسلته أكبر مما يقبله هذا الموقع.
unavailable-title = الحفظ غير ممكن الآن
unavailable-body = لا يستطيع الموقع حفظ أي شيء في الوقت الحالي. القراءة ما زالت تعمل؛ يُرجى المحاولة لاحقًا.

staff-nav = غرفة الأخبار
dashboard-title = لوحة التحكم
dashboard-empty = لا شيء هنا بعد.
account-title = حسابك
logout = تسجيل الخروج
login-title = تسجيل الدخول
login-intro = لفريق التحرير: الكتّاب والمحررين والمترجمين والمشرفين.
login-button = دخول
login-forgot = هل نسيت كلمة المرور؟
login-failed = عنوان البريد الإلكتروني أو كلمة المرور غير صحيح.
login-code-title = الخطوة الثانية
login-code-intro = أدخل الرمز المكوّن من ستة أرقام من تطبيق المصادقة.
login-code-failed = هذا الرمز غير صحيح. تتغير الرموز كل 30 ثانية؛ جرّب الرمز الحالي.
login-password-set = ضُبطت كلمة المرور. يمكنك تسجيل الدخول الآن.
field-email = عنوان البريد الإلكتروني
field-password = كلمة المرور
field-current-password = كلمة المرور الحالية
field-new-password = كلمة مرور جديدة (10 أحرف على الأقل)
field-code = الرمز
field-name = الاسم
field-roles = الأدوار
role-admin = مدير
role-editor = محرر
role-author = كاتب
role-translator = مترجم
role-moderator = مشرف
sessions-title = أين سجّلت دخولك
sessions-intro = أنهِ أي جلسة لا تعرفها، على هاتف مفقود مثلًا.
sessions-device = المتصفح
sessions-started = بدأت
sessions-last-seen = آخر ظهور
sessions-this-one = هذا المتصفح
sessions-revoke = تسجيل الخروج هناك
sessions-revoked = انتهت تلك الجلسة.
totp-title = العامل الثاني
totp-intro = رمز من تطبيق على هاتفك يُطلب بعد كلمة المرور، فيبقى حسابك آمنًا حتى لو تسرّبت كلمة المرور.
totp-start = إعداد العامل الثاني
totp-setup-intro = أضف هذا المفتاح إلى تطبيق مصادقة (اكتبه، أو الصق الرابط أدناه)، ثم أدخل الرمز الذي يعرضه التطبيق.
totp-confirm = تفعيل
totp-enabled = العامل الثاني مفعّل.
totp-now-on = فُعّل العامل الثاني. سيُطلب منك رمز عند كل تسجيل دخول.
totp-now-off = أُوقف العامل الثاني.
totp-disable = إيقاف العامل الثاني
totp-wrong-code = هذا الرمز غير صحيح؛ لم يُفعَّل العامل الثاني.
password-change-title = تغيير كلمة المرور
password-change-button = تغيير كلمة المرور
password-changed = غُيّرت كلمة المرور؛ وأُنهيت جلساتك الأخرى ورموز الواجهة البرمجية الخاصة بك.
password-wrong = كلمة المرور الحالية غير صحيحة.
password-too-short = استخدم 10 أحرف على الأقل؛ بضع كلمات لا رابط بينها تصنع كلمة مرور قوية يسهل تذكّرها.
password-set-title = اختر كلمة المرور
password-set-intro = اختر كلمة مرور لحسابك في غرفة الأخبار.
password-set-button = حفظ كلمة المرور
password-link-invalid = انتهت صلاحية هذا الرابط أو استُخدم من قبل. اطلب رابطًا جديدًا.
password-reset-title = إعادة تعيين كلمة المرور
password-reset-intro = أدخل عنوان بريدك الإلكتروني. إن كان مرتبطًا بحساب فسيُرسل إليه رابط لاختيار كلمة مرور جديدة.
password-reset-button = أرسل الرابط
password-reset-sent = إن كان العنوان مرتبطًا بحساب فقد أُرسل إليه رابط صالح لمدة ساعة واحدة.
people-title = الأشخاص
people-status = الحالة
people-active = نشط
people-invited = مدعو
people-second-factor = العامل الثاني مفعّل
invite-title = دعوة شخص
invite-button = دعوة
invite-done = أُنشئت الدعوة. أرسل هذا الرابط الصالح لمرة واحدة إلى الشخص سرًّا:
invite-bad-email = أدخل عنوان بريد إلكتروني مثل name@example.org.
invite-bad-name = أدخل اسمًا.
invite-no-role = اختر دورًا واحدًا على الأقل.
invite-taken = يوجد حساب بهذا البريد الإلكتروني من قبل.
action-write = كتابة مقال
action-people = إدارة الأشخاص
action-moderate = قائمة الإشراف

comments-title = التعليقات
comments-empty = لا تعليقات بعد. ابدأ الحوار.
comments-pages-label = صفحات التعليقات
comments-page-earlier = → تعليقات أقدم
comments-page-later = تعليقات أحدث ←
comments-page-position = الصفحة { $page } من { $pages }
comments-rules-title = قواعدنا
comments-rule-review = يراجع مشرفٌ كل تعليق قبل ظهوره.
comments-rule-duplicates = إرسال التعليق نفسه أكثر من مرة قد يجعله يُعدّ رسالة مزعجة.
comments-rule-respect = عامل الآخرين باحترام.
comments-rule-refused = لن تُقبل التعليقات التي تحتوي على خطاب كراهية أو بذاءة أو إساءة شخصية.
comments-login-invite = أيها الكتّاب، سجّلوا الدخول من فضلكم
comment-form-title = شارك في الحوار
comment-replying-to = رد على { $name }
comment-commenting-as = أنت تعلّق باسم { $name }.
comment-field-name = اسمك (يظهر مع تعليقك)
comment-field-email = البريد الإلكتروني (اختياري)
comment-field-email-hint = لا يُعرض أبدًا. يُحفظ فقط إذا طلبت إعلامك بالردود: نرسل إليك أولًا رابطًا للتأكيد، وننسى العنوان بعد بضعة أسابيع.
comment-field-body = تعليقك
comment-field-body-hint = تعمل الفقرات و*التوكيد* و[الروابط](https://example.org) والاقتباس بعلامة >؛ ولا يُنسَّق أي شيء آخر.
comment-honeypot = اترك هذا الحقل فارغًا
comment-submit = أرسل للمراجعة
comment-save = احفظ التغييرات
comment-posted = شكرًا لك. تعليقك بانتظار الإشراف؛ لا يراه أحد غيرك حتى يوافق عليه مشرف.
comment-awaiting = بانتظار الإشراف
comment-edit = تعديل
comment-edit-title = تعديل تعليقك
comment-withdraw = سحب
comment-reply = رد
comments-other-languages = تعليقات بلغات أخرى ({ $count })
story-comments = { $count ->
    [zero] لا تعليقات
    [one] تعليق واحد
    [two] تعليقان
    [few] { $count } تعليقات
    [many] { $count } تعليقًا
   *[other] { $count } تعليق
}
moderation-posted-on = على نسخة { $language }
comment-badge-author = الكاتب
comment-badge-staff = غرفة الأخبار
comment-editors-pick = اختيار المحررين
comment-error-summary = يُرجى تصحيح الحقول المعلَّمة؛ ما كتبته محفوظ أدناه.
comment-error-name-required = يُرجى إدخال اسم.
comment-error-name-long = يُرجى استخدام اسم أقصر (80 حرفًا على الأكثر).
comment-error-name-invalid = يحتوي الاسم على أحرف لا يمكن عرضها.
comment-error-email-invalid = لا يبدو هذا عنوان بريد إلكتروني. اتركه فارغًا إن شئت.
comment-error-body-required = يُرجى كتابة تعليق.
comment-error-body-long = التعليق طويل جدًا (5000 حرف على الأكثر). يُرجى اختصاره.
comment-error-body-invalid = يحتوي التعليق على أحرف لا يمكن عرضها.
comment-error-parent = التعليق الذي ترد عليه غير متاح؛ يمكن نشر تعليقك مستقلًا.

moderation-title = الإشراف
moderation-log-title = سجل الإجراءات
moderation-words-title = قوائم الكلمات
moderation-languages-title = اللغات التي أقرؤها
moderation-status-pending = بالانتظار
moderation-status-spam = مزعج
moderation-status-rejected = مرفوض
moderation-status-approved = مقبول
moderation-filter-article = المقال (المعرّف في العنوان)
moderation-filter-language = اللغة
moderation-filter-label = التصنيف
moderation-filter = تصفية
moderation-empty = لا شيء في هذه القائمة.
moderation-bulk = التعليقات المحددة
moderation-approve = قبول
moderation-reject = رفض
moderation-spam = مزعج
moderation-not-spam = ليس مزعجًا
moderation-feature = اختيار المحررين
moderation-unfeature = إلغاء الاختيار
moderation-reason = السبب
moderation-score = الدرجة
moderation-unreadable = لا أحد في الفريق يقرأ هذه اللغة
moderation-ban = حظر
moderation-ban-what = ما الذي يُحظر
moderation-ban-for = لكم يومًا
moderation-ban-address = العنوان
moderation-ban-email = البريد الإلكتروني
moderation-banned = حُظر لمدة { $count ->
    [one] يوم واحد
    [two] يومين
    [few] { $count } أيام
   *[other] { $count } يومًا
}.
moderation-done = { $count ->
    [one] حُدّث تعليق واحد.
    [two] حُدّث تعليقان.
    [few] حُدّثت { $count } تعليقات.
   *[other] حُدّث { $count } تعليقًا.
}
moderation-undo = تراجع
moderation-undone = أُلغي الإجراء.
moderation-not-undone = لم يعد ممكنًا التراجع عن هذا الإجراء: فقد تغيّر التعليق منذ ذلك الحين.
moderation-history = { $count ->
    [one] تعليق سابق واحد لهذا الشخص
    [two] تعليقان سابقان لهذا الشخص
    [few] { $count } تعليقات سابقة لهذا الشخص
   *[other] { $count } تعليقًا سابقًا لهذا الشخص
}
moderation-log-when = متى
moderation-log-who = من
moderation-log-what = ماذا
moderation-log-undone = أُلغي
moderation-words-intro = كلمة أو عبارة واحدة في كل سطر. الكلمات المحظورة ترسل التعليق مباشرة إلى قائمة المرفوضات؛ والكلمات المشبوهة تعلّمه لنظرة أدق. تسري التغييرات على التعليقات الجديدة فورًا.
moderation-words-saved = حُفظت قوائم الكلمات وهي قيد الاستخدام.
moderation-words-save = احفظ القوائم
moderation-words-banned = محظورة
moderation-words-suspect = مشبوهة
moderation-languages-intro = تأتي التعليقات بهذه اللغات أولًا في قائمتك، ولا تبتّ إلا فيها (أو في لغة لم يذكرها أحد في الفريق). لا تذكر أي لغة لتبتّ في التعليقات بكل اللغات.
moderation-languages-saved = حُفظ.
moderation-languages-save = حفظ
reason-spam = رسالة مزعجة
reason-hate = خطاب كراهية
reason-obscene = بذاءة
reason-attack = إساءة شخصية
reason-other = سبب آخر

api-tokens-title = رموز للتكامل مع البرامج
api-tokens-intro = يتيح الرمز لبرنامج استخدام واجهة الإشراف البرمجية (موثّقة في ‎/api/v1/openapi.json) ضمن أدوارك والصلاحيات التي تختارها. يبقى صالحًا { $days } يومًا؛ ألغِه هنا حالما يستغني عنه البرنامج. تغيير كلمة المرور يلغي كل الرموز.
api-token-label = لأي غرض هذا الرمز
api-token-create = إنشاء رمز
api-token-created = انسخ هذا الرمز الآن؛ لن يُعرض مرة أخرى:
totp-setup-expired = استغرق الإعداد وقتًا طويلًا، أو لم يبدأ من هذه الصفحة. ابدأ من جديد للحصول على مفتاح جديد.
api-token-revoked = أُلغي الرمز؛ وستُرفض البرامج التي تستخدمه من الآن.
api-token-revoke = إلغاء
api-token-expires = ينتهي في
api-token-never-used = لم يُستخدم قط
api-token-last-used = آخر استخدام
api-token-created-at = أُنشئ في
api-token-scopes = الصلاحيات
api-token-name = الاسم
api-tokens-none = ليس لديك أي رموز.
api-token-access-write = القراءة، والبتّ في التعليقات (moderation:read, moderation:write)
api-token-access-read = قراءة قائمة الإشراف وسجلّه (moderation:read)
api-token-access = ما المسموح له
action-photos = الصور

dashboard-my-drafts = مقالاتي غير المنشورة
dashboard-review = بانتظار المراجعة
dashboard-published = نُشرت مؤخرًا
status-draft = مسودة
status-review = قيد المراجعة
status-published = منشور
status-unpublished = أُلغي نشره
status-scheduled = مجدول

editor-new-title = مقال جديد
editor-edit-title = تحرير
editor-status = الحالة
editor-view-public = شاهده على الموقع
editor-source = ملف المقال
editor-source-hint = البيانات الوصفية بصيغة TOML بين سطري +++، ثم النص بصيغة Markdown. يجب رفع الصور أولًا في صفحة الصور؛ الصق مقطع [[figures]] الذي تعطيك إياه.
editor-preview = معاينة
editor-preview-heading = معاينة
editor-save = احفظ المسودة
editor-save-published = احفظ التغييرات
editor-review = أرسل للمراجعة
editor-publish = انشر
editor-schedule = جدولة
editor-unpublish = ألغِ النشر
editor-line = السطر
editor-column = العمود
editor-errors = { $count ->
    [one] مشكلة واحدة يجب إصلاحها؛ لم يُحفظ شيء
    [two] مشكلتان يجب إصلاحهما؛ لم يُحفظ شيء
    [few] { $count } مشكلات يجب إصلاحها؛ لم يُحفظ شيء
   *[other] { $count } مشكلة يجب إصلاحها؛ لم يُحفظ شيء
}
editor-saved = حُفظ.
editor-sent-to-review = حُفظ وأُرسل إلى المحررين للمراجعة.
editor-now-published = نُشر: يستطيع القرّاء رؤيته الآن.
editor-translation-not-approved = لا يمكن نشر هذه الترجمة بعد: يجب أن يوافق محرر اللغة على كل جزء منها كما هو الآن، في محرر الترجمة جنبًا إلى جنب (/translate). احفظها مسودة، أو أرسلها للمراجعة.
editor-translation-kept-changing = ظلت هذه الترجمة تتغير في محرر الترجمة أثناء حفظها، لذلك لم يُحفظ شيء. راجعها مرة أخرى وحاول من جديد.
editor-now-scheduled = جُدول: سيراه القرّاء ابتداءً من التاريخ المذكور في `published`.
editor-now-unpublished = أُلغي النشر: لم يعد القرّاء يرونه.
editor-restored = استُعيدت النسخة السابقة؛ وصارت هي النص الحالي.
editor-date-in-future = تاريخ `published` في المستقبل: استخدم الجدولة، أو اجعل التاريخ الآن.
editor-date-not-in-future = للجدولة، اجعل `published` تاريخًا ووقتًا في المستقبل.
editor-slug-taken = يستخدم مقال آخر هذا المعرّف؛ اختر غيره.

revisions-title = النسخ
revisions-back = العودة إلى المحرر
revisions-when = متى
revisions-who = من
revisions-note = ماذا
revisions-none = لا نسخ بعد: جاء هذا المقال من ملف ولم يُغيَّر في المتصفح.
revisions-nobody = (مستورد)
revision-title = نسخة
revision-restore = استعد هذه النسخة
revision-note-import = استُورد من ملف
revision-note-save = حُفظ
revision-note-review = أُرسل للمراجعة
revision-note-publish = نُشر
revision-note-schedule = جُدول
revision-note-unpublish = أُلغي نشره
revision-note-restore = استُعيدت النسخة { $number }

photos-title = الصور
photos-file = صورة أو رسم (JPEG أو PNG أو WebP أو GIF أو SVG)
photos-file-hint = حتى { $megabytes } ميغابايت. يُزال الموقع ونوع الكاميرا وكل تفصيل مخفي آخر قبل تخزين أي شيء.
photos-alt = النص البديل
photos-alt-hint = ما تُظهره الصورة، للقرّاء الذين لا يستطيعون رؤيتها.
photos-caption = التعليق
photos-slug = كلمات للعنوان (اختياري)
photos-slug-hint = بضع كلمات بأحرف لاتينية للعنوان العام للملف، مثل "queue-at-dawn". لا يُستخدم أبدًا اسم الملف المرفوع.
photos-credit = المصدر
photos-licence = الترخيص
photos-upload = ارفع
photos-recent = آخر ما رُفع
photos-done = الصورة جاهزة
photos-already-there = رُفعت هذه الصورة من قبل؛ ها هي
photos-stripped = أُزيل من الصورة قبل تخزينها:
photos-nothing-stripped = لم تحمل الصورة أي بيانات وصفية مخفية.
photos-snippet = الصق هذا في البيانات الوصفية للمقال، والسطر الأخير حيث يجب أن تظهر الصورة في النص:
photos-refused = لم تُقبل الصورة: { $reason }.
photos-file-required = اختر صورة لرفعها.
photos-alt-required = صِف الصورة في النص البديل.
photos-credit-required = اذكر من صنع الصورة.
photos-licence-required = اختر الترخيص الذي تُستخدم الصورة بموجبه.

bad-request-title = طلب غير صالح
bad-request-body = تعذّر فهم الطلب. ارجع، وأعد تحميل الصفحة، ثم حاول مرة أخرى.

mail-new-comment-subject = تعليق جديد بانتظار الإشراف
mail-new-comment-intro = نشر قارئ تعليقًا. لن يظهر على الموقع إلا بعد أن يوافق عليه مشرف.
mail-article = المقال
mail-reply-subject = ردّ أحدهم على تعليقك
mail-reply-intro = ردّ { $name } على تعليقك:
mail-reply-why = تصلك هذه الرسالة لأنك طلبت إعلامك بالردود وأكّدت عنوانك. لم يُعرض عنوانك على أحد.
mail-reset-intro = طلب أحدهم إعادة تعيين كلمة مرور حسابك في غرفة الأخبار. إن كنت أنت، فافتح هذا الرابط خلال ساعة:
mail-reset-why = إن لم تكن أنت، فتجاهل هذه الرسالة: لم تتغير كلمة مرورك.
quick-done-title = تم
quick-done-body = سُجّل قرارك في سجل الإشراف، ويمكن التراجع عنه هناك.

# Moderation integrity and reply notices
moderation-version = النسخة
decision-refused-title = لم يُتخذ أي قرار
decision-someone = مشرف آخر
decision-error-unknown-action = هذا الإجراء غير موجود: اختر القبول أو الرفض أو مزعج أو ليس مزعجًا أو اختيار المحررين.
decision-error-reason-missing = الرفض يحتاج إلى سبب: اختر واحدًا من القائمة.
decision-error-unknown-reason = «{ $reason }» ليس من الأسباب الموجودة في القائمة.
decision-error-no-comments = لم يُختر أي تعليق. حدّد واحدًا على الأقل.
decision-error-too-many = يمكن البتّ في 1000 تعليق على الأكثر دفعة واحدة.
decision-error-not-allowed = لا تسمح أدوارك بهذا القرار.
decision-error-not-found = التعليق { $number } غير موجود.
decision-error-version-missing = يجب أن يُذكر كل تعليق مع النسخة التي رأيتها. أعد تحميل القائمة وحاول مرة أخرى.
decision-error-changed = غيّر كاتب التعليق { $number } نصّه بعد أن حمّلتَه. لم يُتخذ أي قرار: اقرأ النص الجديد ثم قرّر من جديد.
decision-error-not-your-language = التعليق { $number } بلغة لم تذكرها ضمن لغاتك ({ $language }). اتركه لمشرف يقرؤها، أو أضف اللغة في صفحة لغاتك.
decision-error-already-decided = بتّ { $name } في التعليق { $number } بعد أن حمّلتَه. لم يتغير شيء؛ والتفاصيل في سجل الإجراءات.
decision-error-withdrawn = سحب كاتبُ التعليق { $number } تعليقه.
decision-error-link-used = استُخدم هذا الرابط من قبل. افتح قائمة الإشراف لترى القرار أو تغيّره.
decision-error-link-stale = منذ إرسال هذه الرسالة تغيّر التعليق أو بتّ فيه مشرف. افتح قائمة الإشراف لتراه كما هو الآن.
decision-error-store = تعذّر حفظ القرار. حاول مرة أخرى بعد قليل.
comment-field-notify = أعلمني بالبريد الإلكتروني حين يرد أحدهم
comment-error-notify-email = لتُعلَم بالردود، أدخل عنوان بريدك الإلكتروني.
mail-confirm-subject = تأكيد الإعلام بالردود
mail-confirm-intro = ترك أحدهم عنوان البريد هذا مع تعليق وطلب إعلامه بالردود. إن كنت أنت، فافتح هذا الرابط خلال يومين واضغط الزر:
mail-confirm-why = إن لم تكن أنت، فتجاهل هذه الرسالة: لن يُرسل شيء آخر إلى هذا العنوان، وسيُنسى.
confirm-email-title = الإعلام بالردود
confirm-email-body = اضغط الزر لتأكيد رغبتك في أن تُعلَم بالبريد الإلكتروني حين يرد أحدهم على تعليقك.
confirm-email-button = تأكيد
confirm-email-done-title = تم التأكيد
confirm-email-done-body = ستُعلَم بالبريد الإلكتروني حين يُقبل رد على تعليقك.
confirm-email-expired-title = هذا الرابط لا يعمل
confirm-email-expired-body = إما أنه استُخدم من قبل أو انتهت صلاحيته. لن يُرسل شيء إلى عنوانك.
comment-error-notify-limit = أُرسلت إلى هذا العنوان روابط تأكيد عدة اليوم. أزل العلامة عن «أعلمني بالردود»، أو حاول غدًا.
comment-error-too-many = وصلت تعليقات كثيرة من اتصالك في الدقائق الأخيرة. نصّك محفوظ أدناه: انتظر بضع دقائق ثم أرسله مرة أخرى.

## Search
search-title = البحث
search-newsroom-title = البحث في كل المقالات، والمسودات أيضًا
search-link = بحث
search-words = كلمات للبحث عنها
search-language = اللغة
search-any-language = كل اللغات
search-tag = الوسم (كما في عنوانه، مثل elections)
search-author = الكاتب (كما في عنوانه)
search-from = منشور من
search-to = حتى
search-submit = ابحث
search-found = { $count ->
    [zero] لم يُعثر على أي قصة
    [one] عُثر على قصة واحدة
    [two] عُثر على قصتين
    [few] عُثر على { $count } قصص
   *[other] عُثر على { $count } قصة
}
search-found-more = عُثر على أكثر من { $count } قصة؛ أضف كلمات لتضييق البحث.
search-nothing = لم يُعثر على شيء. جرّب كلمات أخرى، أو تهجئة أخرى، أو عوامل تصفية أقل.
search-no-words = لم تُكتب إلا كلمات شائعة جدًا، فأُهملت. اكتب كلمة تدل على ما تبحث عنه.
search-bad-date = يجب أن يُكتب التاريخ بصيغة YYYY-MM-DD؛ أُهمل ذلك التاريخ في البحث.
search-unavailable = يجري تجهيز البحث. يُرجى المحاولة بعد دقيقة.
search-versions = اللغات
search-pages = صفحات النتائج
search-page = الصفحة { $number }
search-previous = الصفحة السابقة
search-next = الصفحة التالية

# The import command's summary lines (ashyq import md)
import-failed = في { $failed } من { $total } { $total ->
        [one] ملف
        [two] ملف
        [few] ملفات
       *[other] ملف
    } أخطاء ({ $problems ->
        [one] مشكلة واحدة
        [two] مشكلتان
        [few] { $problems } مشكلات
       *[other] { $problems } مشكلة
    })؛ لم يُستورد شيء.
import-done = استُورد { $articles ->
        [one] مقال واحد
        [two] مقالان
        [few] { $articles } مقالات
       *[other] { $articles } مقالًا
    } ({ $new } جديد، و{ $replaced } مستبدَل) و{ $images ->
        [one] صورة واحدة
        [two] صورتان
        [few] { $images } صور
       *[other] { $images } صورة
    } في { $seconds } ثانية.

## Translators (/translate)
translate-title = الترجمة
translate-intro = قصص تنتظر الترجمة إلى لغاتك، الأحدث أولًا. احجز واحدة كي لا يبدأها غيرك.
translate-languages = اللغات التي تترجم إليها
translate-languages-save = احفظ اللغات
translate-no-languages = اختر اللغات التي تترجم إليها لترى القصص التي تنتظرها.
translate-filter-tag = الوسم
translate-filter-from = لغة المصدر
translate-filter-apply = تصفية
translate-into = إلى { $language }
translate-empty = لا شيء ينتظر هذه اللغة.
translate-claimed-by = محجوزة لـ{ $name } حتى { $date }
translate-claim = احجز
translate-release = أطلق الحجز
translate-reassign = أعد الإسناد إلى (البريد الإلكتروني)
translate-reassign-button = أعد الإسناد
translate-notice-claimed = القصة لك حتى ينتهي الحجز.
translate-notice-released = أُطلق الحجز.
translate-notice-reassigned = أُسند الحجز إلى شخص آخر.
translate-notice-languages = حُفظت لغاتك.
translate-error-not-your-language = أنت لا تترجم إلى هذه اللغة. أضفها إلى لغاتك أولًا.
translate-error-not-language-editor = لا يقوم بهذا إلا محرر هذه اللغة.
translate-error-no-such-story = لا يوجد أصل منشور في هذا العنوان.
translate-error-already-in-language = هذه القصة موجودة بهذه اللغة من قبل.
translate-error-held-by-other = حجز { $name } هذه القصة لهذه اللغة من قبل.
translate-error-not-held = ليس لك أن تطلق هذا الحجز، أو أنه انتهى.
translate-error-assignee-not-translator = هذا الشخص لا يترجم إلى هذه اللغة.
translate-error-internal = حدث خطأ من جهتنا. يُرجى المحاولة مرة أخرى.
translate-open = افتح المحرر جنبًا إلى جنب
translate-work-title = الترجمة إلى { $language }
translate-work-original = اقرأ الأصل
translate-work-approved = كل الوحدات مقبولة ومتوافقة مع الأصل.
translate-work-changed = تغيّر الأصل منذ ترجمة هذا:
translate-work-note = ملاحظة المحرر:
translate-work-save = احفظ المسودة
translate-work-submit = أرسل للمراجعة
translate-review-title = المراجعة
translate-review-nothing = لا وحدة تنتظر مراجعتك.
translate-review-approve = اقبل
translate-review-return = أعِد مع ملاحظة
translate-review-send = أرسل المراجعة
translate-unit-title = العنوان
translate-unit-summary = الملخّص
translate-unit-block = الفقرة { $number }
translate-unit-turn = المداخلة { $number } من المقابلة
translate-unit-caption = التعليق
translate-unit-alt = وصف الصورة
translate-state-untranslated = غير مترجمة
translate-state-draft = مسودة
translate-state-submitted = بانتظار المراجعة
translate-state-approved = مقبولة
translate-state-returned = أُعيدت
translate-state-needs-update = تحتاج إلى تحديث
translate-work-notice-saved = حُفظت المسودة.
translate-work-notice-submitted = أُرسلت الترجمة للمراجعة.
translate-work-notice-reviewed = حُفظت مراجعتك.
translate-work-error-internal = حدث خطأ من جهتنا. يُرجى المحاولة مرة أخرى.
translate-work-error-no-such-story = لا يوجد أصل في هذا العنوان.
translate-work-error-not-claim-holder = لا يكتب ترجمة هذه القصة إلى هذه اللغة إلا المترجم الذي حجزها.
translate-work-error-not-language-editor = لا يراجع إلا محرر هذه اللغة.
translate-work-error-unknown-unit = لم تعد في الأصل وحدة باسم { $unit }. أعد تحميل الصفحة وانسخ نصك مرة أخرى.
translate-work-error-too-long = نص الوحدة { $unit } طويل جدًا.
translate-work-error-incomplete = بعض الوحدات لم تُترجم بعد. ترجم كل الوحدات قبل الإرسال؛ لم تتغير مسودتك.
translate-work-error-not-submitted = الوحدة { $unit } لا تنتظر المراجعة.
translate-work-error-own-words = أنت كتبت الوحدة { $unit }؛ يجب أن يراجعها محرر لغة آخر.
translate-work-error-note-missing = اذكر ما يجب تغييره في الوحدة { $unit } قبل إعادتها.
translate-work-publish = انشر الترجمة
translate-work-error-changed-since-seen = غيّر المترجم الوحدة { $unit } بعد فتح هذه الصفحة. لم يُتخذ أي قرار: اقرأ النص الجديد أدناه وقرّر من جديد.
translate-work-error-written-meanwhile = غيّر شخص آخر الوحدة { $unit } بينما كنت تعمل عليها. لم يُحفظ شيء. بقي نصك في النموذج: الحفظ مرة أخرى يضعه مكان نصه؛ افتح الصفحة من جديد لتقرأ نصه أولًا.
translate-work-error-not-approved = يجب أن تكون كل الوحدات مقبولة ومتوافقة مع الأصل قبل نشر الترجمة.
translate-work-error-compose = تعذّر نشر الترجمة: { $unit }

## Site settings (/admin/site) and the about page
footer-about = من نحن
footer-contact = راسلنا:
about-title = عن { $name }
action-site = إعدادات الموقع
site-settings-title = إعدادات الموقع
site-settings-intro = اسم الموقع، وكلماته بكل لغة، وشعاره، واللغات التي يقدّمها، والعناوين التي يمكن الوصول إليه عبرها. تظهر التغييرات في كل الصفحات خلال ثانيتين.
site-saved = حُفظ. يرى القرّاء التغيير خلال ثانيتين.
site-error-summary = لم يُحفظ شيء: { $count ->
        [one] إعداد واحد يحتاج
        [two] إعدادان يحتاجان
        [few] { $count } إعدادات تحتاج
       *[other] { $count } إعدادًا يحتاج
    } إلى تصحيح.
site-general = الموقع
site-field-name = الاسم
site-hint-name = يظهر في أعلى كل صفحة وفي عناوين الصفحات.
site-field-contact = عنوان التواصل
site-hint-contact = عنوان بريد إلكتروني يستطيع القرّاء الكتابة إليه؛ يظهر في تذييل الصفحة. اتركه فارغًا إن لم يكن هناك عنوان.
site-field-languages = اللغات المقدَّمة، بالترتيب
site-hint-languages = رموز لغات تفصل بينها فواصل، مثل kk,ru,en. تُقدَّم بعدها اللغات التي فيها مقالات منشورة، ما لم تكن مخفية.
site-field-default-language = اللغة الافتراضية
site-hint-default-language = لغة الصفحة الرئيسية. إن تُركت فارغة: الإنجليزية.
site-field-hidden-languages = اللغات المخفية
site-hint-hidden-languages = لغات لا تُقدَّم حتى لو كانت فيها مقالات منشورة، تفصل بينها فواصل.
site-field-onion-address = عنوان البصلة
site-hint-onion-address = خدمة تور البصلية للموقع، مثل http://…onion (56 حرفًا قبل ‎.onion). اتركه فارغًا إن لم تكن هناك خدمة.
site-field-mirrors = المرايا
site-hint-mirrors = عناوين أخرى يمكن قراءة الموقع فيها، عنوان في كل سطر، يبدأ كل منها بـ https://‎ أو http://‎.
site-field-tagline = الشعار النصي
site-hint-tagline = سطر واحد تحت اسم الموقع. إن تُرك فارغًا: شعار اللغة الافتراضية، أو الشعار المدمج.
site-field-about = عن غرفة الأخبار
site-hint-about = بصيغة Markdown، يظهر في صفحة «من نحن» المرتبطة من التذييل. لا صور؛ والروابط إلى http أو https أو mailto فقط.
site-field-rules = قواعد التعليق
site-hint-rules = بصيغة Markdown، تظهر فوق كل نموذج تعليق في المقالات بهذه اللغة. إن تُركت فارغة: القواعد الأربع المدمجة.
site-save = احفظ الإعدادات
site-logo-title = الشعار
site-logo-saved = يظهر الشعار الجديد بجانب اسم الموقع.
site-logo-current = الشعار الحالي
site-logo-remove = أزل الشعار
site-logo-file = ملف الصورة
site-logo-hint = PNG أو SVG أو JPEG أو WebP أو GIF. يُزال الموقع الجغرافي وكل تفصيل مخفي آخر قبل تخزينه.
site-logo-upload = ارفع الشعار
site-logo-required = اختر ملف صورة لرفعه.
site-logo-refused = لم تُخزَّن هذه الصورة: { $reason }

# Front pages and lists of stories (issue 10 item 11)
front-recent = مزيد من القصص
front-language-title = الأحدث باللغة { $language }
front-more-language = كل القصص باللغة { $language }
front-more-tag = كل القصص عن «{ $tag }»
list-page = الصفحة { $page }
list-newer = → قصص أحدث
list-older = قصص أقدم ←

# Accessibility and moderation screens (issue 10 items 14–19)
page-title-error = خطأ: { $title }
moderation-reject-reason = سبب الرفض
action-moderate-waiting = { $count ->
    [0] قائمة الإشراف (لا شيء ينتظر)
    [one] قائمة الإشراف (تعليق واحد ينتظر)
    [two] قائمة الإشراف (تعليقان ينتظران)
    [few] قائمة الإشراف ({ $count } تعليقات تنتظر)
   *[other] قائمة الإشراف ({ $count } تعليقًا ينتظر)
}

## Mirrors and signed copies (issue 12)
footer-mirrors = المرايا، وكيف تتحقق من نسخة
comments-read-only = هذه نسخة من الموقع، لذا لا يمكن هنا إلا قراءة التعليقات. لكتابة تعليق، افتح المقال على الموقع الأصلي:
mirrors-title = المرايا والتحقق من النسخ
mirrors-languages = هذه الصفحة بلغات أخرى
mirrors-intro = حين يُحجب هذا الموقع تُنشر نسخ منه في عناوين أخرى وتنتقل من يد إلى يد. تحمل كل نسخة قائمة بملفاتها موقّعة بمفتاح غرفة الأخبار، فيستطيع أي أحد أن يتحقق من أن أحدًا لم يغيّر ملفًا واحدًا.
mirrors-known-heading = أين تقرؤنا
mirrors-live = الموقع نفسه
mirrors-onion = عنوان البصلة (افتحه في متصفح تور)
mirrors-none = لم تُنشر عناوين أخرى بعد.
mirrors-key-heading = المفتاح العام لغرفة الأخبار
mirrors-check-heading = كيف تتحقق من نسخة
mirrors-check-minisign = أولًا، في مجلد النسخة، تحقق من التوقيع على قائمة الملفات باستخدام minisign:
mirrors-check-sha = ثم تحقق من كل ملف مقابل تلك القائمة:
mirrors-check-ashyq = أو نفّذ الخطوتين معًا باستخدام ashyq، الذي يذكر أيضًا كل ملف غُيّر أو حُذف أو أُضيف:
mirrors-check-warning = إذا فشل التحقق فلا تثق بتلك النسخة. قارن المفتاح أعلاه بمفتاح حصلت عليه بطريق آخر (عدد مطبوع، أو صديق، أو مرآة أخرى).
mirrors-rotations-heading = مفاتيح سابقة
mirrors-rotations-intro = غيّرت غرفة الأخبار مفتاحها. كل بيان أدناه يسمّي المفتاح التالي وموقّع بالمفتاح الذي سبقه، فيمكن التحقق من نسخة موقّعة بمفتاح أحدث ابتداءً من مفتاح أقدم (يتبع ashyq verify هذه البيانات من تلقاء نفسه).

## Importing archives from other platforms (`ashyq import wxr`, `disqus`, `isso`)

import-archive-done = استُورد { $articles ->
        [one] مقال واحد
        [two] مقالان
        [few] { $articles } مقالات
       *[other] { $articles } مقالًا
    } و{ $comments ->
        [one] تعليق واحد
        [two] تعليقان
        [few] { $comments } تعليقات
       *[other] { $comments } تعليقًا
    } و{ $images ->
        [one] صورة واحدة
        [two] صورتان
        [few] { $images } صور
       *[other] { $images } صورة
    } في { $seconds } ثانية.
import-archive-counts = عُثر على { $people ->
        [one] شخص واحد
        [two] شخصين
        [few] { $people } أشخاص
       *[other] { $people } شخصًا
    }؛ وتُرك { $skipped ->
        [one] عنصر واحد
        [two] عنصران
        [few] { $skipped } عناصر
       *[other] { $skipped } عنصرًا
    } (الأسباب أعلاه) و{ $pingbacks ->
        [one] إشعار إحالة واحد
        [two] إشعارا إحالة
        [few] { $pingbacks } إشعارات إحالة
       *[other] { $pingbacks } إشعار إحالة
    }.
import-archive-nothing = لم يتغير شيء: { $articles ->
        [one] المقال الوحيد
        [two] المقالان
        [few] المقالات الـ{ $articles }
       *[other] المقالات الـ{ $articles }
    } و{ $comments ->
        [one] التعليق الوحيد
        [two] التعليقان
        [few] التعليقات الـ{ $comments }
       *[other] التعليقات الـ{ $comments }
    } في هذا الملف استُوردت من قبل.
import-archive-dry-run = تجربة دون كتابة أي شيء: كان سيُستورد { $articles ->
        [one] مقال واحد
        [two] مقالان
        [few] { $articles } مقالات
       *[other] { $articles } مقالًا
    } و{ $comments ->
        [one] تعليق واحد
        [two] تعليقان
        [few] { $comments } تعليقات
       *[other] { $comments } تعليقًا
    } و{ $images ->
        [one] صورة واحدة
        [two] صورتان
        [few] { $images } صور
       *[other] { $images } صورة
    }.
