# Тексты веб-портала (web/src/app, web/src/portal).

portal-app-name = Фито центр
portal-loading = Загрузка…
portal-language = Язык
portal-lang-kk = Казахский
portal-lang-ru = Русский
portal-lang-en = Английский
portal-nav-label = Главное меню
portal-menu = Меню
portal-notifications-unread = Уведомления: непрочитанных { $count }
portal-sign-out = Выйти
portal-skip-to-content = Перейти к содержимому
portal-policy = Политика конфиденциальности
portal-not-found = Страница не найдена
portal-forbidden = Нет доступа
portal-forbidden-text = Эта страница недоступна для вашей роли.
portal-home = Главная
portal-welcome = Добро пожаловать, { $name }
portal-save = Сохранить
portal-saved = Сохранено.
portal-role-administrator = Администратор
portal-role-head = Руководитель
portal-role-inspector = Инспектор
portal-role-operator = Оператор

portal-sign-in = Вход в систему
portal-email = Электронная почта
portal-password = Пароль
portal-sign-in-button = Войти
portal-back-to-sign-in = Вернуться ко входу

portal-password-title = Новый пароль
portal-password-intro = Вы вошли с одноразовым паролем. Чтобы продолжить, задайте свой пароль.
portal-password-current = Текущий пароль
portal-password-new = Новый пароль
portal-password-again = Повторите новый пароль
portal-password-mismatch = Новые пароли не совпадают.

portal-policy-version = Версия { $version }, действует с { $date }
portal-policy-prevails = При расхождении текстов преимущество имеет текст на казахском языке.
portal-policy-none = Политика конфиденциальности пока не опубликована.
portal-consent-title = Согласие на обработку персональных данных
portal-consent-intro = Чтобы пользоваться системой, примите текущую версию политики конфиденциальности.
portal-consent-agree = Я ознакомился с политикой и принимаю её
portal-consent-accept = Принять
portal-consent-accept-signed = Принять с подписью ЭЦП
