# Веб-порталдың мәтіндері (web/src/app, web/src/portal).

portal-app-name = Фито орталығы
portal-loading = Жүктелуде…
portal-language = Тіл
portal-lang-kk = Қазақша
portal-lang-ru = Орысша
portal-lang-en = Ағылшынша
portal-nav-label = Негізгі мәзір
portal-menu = Мәзір
portal-notifications-unread = Хабарламалар: { $count } оқылмаған
portal-sign-out = Шығу
portal-skip-to-content = Негізгі мазмұнға өту
portal-policy = Құпиялылық саясаты
portal-not-found = Бет табылмады
portal-forbidden = Қолжетімсіз
portal-forbidden-text = Сіздің рөліңізге бұл бет ашылмайды.
portal-home = Басты бет
portal-welcome = Қош келдіңіз, { $name }
portal-save = Сақтау
portal-saved = Сақталды.
portal-role-administrator = Әкімші
portal-role-head = Басшы
portal-role-inspector = Инспектор
portal-role-operator = Оператор

portal-sign-in = Жүйеге кіру
portal-email = Электрондық пошта
portal-password = Құпиясөз
portal-sign-in-button = Кіру
portal-back-to-sign-in = Кіру бетіне оралу

portal-password-title = Жаңа құпиясөз
portal-password-intro = Бір реттік құпиясөзбен кірдіңіз. Жұмысты жалғастыру үшін өз құпиясөзіңізді орнатыңыз.
portal-password-current = Қазіргі құпиясөз
portal-password-new = Жаңа құпиясөз
portal-password-again = Жаңа құпиясөзді қайталаңыз
portal-password-mismatch = Жаңа құпиясөздер бір-біріне сәйкес келмейді.

portal-policy-version = Нұсқасы { $version }, { $date } бастап күшіне енеді
portal-policy-prevails = Мәтіндер арасында айырмашылық болса, қазақ тіліндегі мәтін басым болады.
portal-policy-none = Құпиялылық саясаты әзірге жарияланған жоқ.
portal-consent-title = Жеке деректерді өңдеуге келісім
portal-consent-intro = Жүйені пайдалану үшін құпиялылық саясатының қазіргі нұсқасын қабылдаңыз.
portal-consent-agree = Саясатпен таныстым және оны қабылдаймын
portal-consent-accept = Қабылдау
portal-consent-accept-signed = ЭЦҚ-мен қол қойып қабылдау
