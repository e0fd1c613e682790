# Надписи веб-портала (web/). NCALayer — программа НУЦ РК для подписания на компьютере пользователя.

web-sign-in-with-signature = Войти с ЭЦП (NCALayer)
web-sign-act = Подписать акт ЭЦП
web-unexpected-error = Произошла непредвиденная ошибка. Повторите попытку.

ncalayer-waiting = Выберите ключ и введите пароль в окне NCALayer.
ncalayer-not-running = NCALayer не запущен: запустите его и повторите попытку. Если NCALayer не установлен, скачайте его с сайта ncl.pki.gov.kz.
ncalayer-cancelled = Подписание отменено: окно NCALayer закрыто без выбора ключа.
ncalayer-failed = NCALayer не смог подписать: { $reason }
ncalayer-closed = NCALayer закрыл соединение, не ответив. Перезапустите NCALayer и повторите попытку.
ncalayer-timeout = NCALayer не ответил вовремя. Повторите попытку.
ncalayer-outdated = Версия NCALayer устарела: установите актуальную с сайта ncl.pki.gov.kz.
ncalayer-bad-response = NCALayer вернул ответ, который портал не понимает. Обновите NCALayer с сайта ncl.pki.gov.kz и повторите попытку.

api-unreachable = Сервер недоступен. Проверьте подключение к интернету и повторите попытку.
api-bad-response = Сервер вернул непредвиденный ответ. Повторите попытку позже.
