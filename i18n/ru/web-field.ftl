# Полевой режим (web/src/field): телефон инспектора, работа без связи.

field-day-title = Полевая работа
field-outbox-title = Очередь отправки
field-survey-title = Обследование
field-act-title = Проект акта
field-place-object = Зарегистрировать объект здесь
field-import-title = Импорт файла очереди
field-nav-label = Меню полевого режима

field-sync-label = Состояние синхронизации
field-online = В сети
field-offline = Нет связи — данные сохраняются на устройстве
field-waiting-count = { $count ->
    [0] Нет записей, ждущих отправки
   *[other] Ждут отправки: { $count }
}
field-problem-count = Требуют решения: { $count }
field-last-sync = последняя синхронизация: { $time }
field-sync-now = Отправить сейчас
field-syncing = Отправка…
field-update-ready = Готова новая версия приложения. Неотправленные записи сохранятся.
field-update-apply = Обновить

field-tasks = Задания
field-no-tasks = Открытых заданий нет (или они ещё не загружены).
field-task-due = Срок: { $date }
field-object-not-cached = Объекта нет на устройстве: он загрузится при подключении.
field-objects = Объекты
field-no-objects = Других объектов нет.
field-not-sent = не отправлен
field-start-survey = Начать обследование
field-start-survey-on = Начать обследование объекта «{ $name }»
field-survey-adhoc = Обследование без объекта (произвольное место)
field-surveys-in-progress = Незавершённые обследования
field-adhoc-place = Произвольное место
field-point-count = { $count ->
    [one] { $count } точка
    [few] { $count } точки
   *[other] { $count } точек
}
field-none = Нет.
field-my-acts = Мои акты

field-act-status-draft = проект
field-act-status-submitted = отправлен
field-act-status-approved = утверждён
field-act-status-returned = возвращён
field-act-status-signed = подписан
field-act-status-registered = зарегистрирован

field-basemap = Базовая карта без связи
field-basemap-needs-connection = Базовая карта доступна только в сети: настроенный источник тайлов не разрешает массовое сохранение. Объекты и точки видны и без связи.
field-basemap-saved = Тайлов сохранено на устройстве: { $count }
field-basemap-download = Сохранить карту моего района
field-basemap-progress = Сохранение: { $done } / { $total }
field-map-needs-connection = Нет связи: базовая карта не показывается. Точку можно поставить по объектам или ввести координаты.
field-map-failed = Не удалось открыть карту. Введите координаты вручную.
field-map-label = Карта объектов и точек
field-map-pick-label = Карта: нажмите, чтобы поставить точку

field-crop = Культура
field-growth-phase = Фаза развития
field-points = Точки
field-record-point = Записать точку
field-place-here = Взять моё местоположение
field-no-points = Точек пока нет.
field-point-at = { $lat }, { $lon }
field-accuracy = точность ±{ $metres } м
field-accuracy-by-hand = поставлена вручную
field-position-reading = Определение местоположения…
field-position-by-hand = Поставить вручную
field-position-denied = Доступ к местоположению не разрешён. Поставьте точку на карте или введите координаты.
field-position-unavailable = Не удалось определить местоположение. Поставьте точку на карте или введите координаты.
field-position-timeout = Местоположение не определилось вовремя. Повторите или поставьте точку вручную.
field-position-unsupported = Устройство не умеет определять местоположение. Поставьте точку вручную.
field-position-tap-map = Нажмите на карте место точки или введите координаты.
field-position-typed = Координаты (широта, долгота)
field-position-typed-hint = Например: 43.238949, 76.889709
field-position-typed-invalid = Неверные координаты: широта от −90 до 90, долгота от −180 до 180.
field-position-use-typed = Использовать эти координаты
field-remove = Удалить
field-remove-point = Удалить точку { $n }
field-add-finding = Добавить выявленный организм
field-organism = Организм (код EPPO)
field-organism-hint = Выберите из списка или введите код, например ERWIAM.
field-organism-unknown = Такого кода нет в справочнике.
field-category = Категория
field-category-from-list = По справочнику
field-category-quarantine = карантинный
field-category-especially_dangerous = особо опасный
field-category-ordinary = обычный
field-development-stage = Стадия развития
field-intensity-kind = Вид показателя
field-intensity-value = Значение
field-intensity-per_square_metre = экз./м²
field-intensity-per_plant = экз./растение
field-intensity-per_trap = экз./ловушку
field-intensity-prevalence_percent = распространённость, %
field-intensity-cover_percent = покрытие, %
field-area-surveyed = Обследованная площадь, га
field-area-infested = Заражённая площадь, га
field-notes = Примечание
field-save-finding = Добавить
field-cancel = Отмена
field-finish-survey = Завершить обследование
field-discard-survey = Удалить обследование
field-discard-survey-confirm = Удалить это обследование с устройства? Вернуть его будет нельзя.
field-survey-finished = Обследование завершено и стоит в очереди отправки (или уже на сервере).
field-make-act = Составить проект акта по этому обследованию

field-act-type = Вид акта
field-act-type-quarantine-survey = Акт карантинного фитосанитарного обследования
field-act-type-crop-monitoring = Акт мониторинга посевов
field-act-type-sampling = Акт отбора образцов
field-act-type-prescription = Предписание об устранении нарушений
field-act-language = Язык акта
field-act-language-kk = казахский
field-act-language-ru = русский
field-act-language-kk-ru = казахский и русский
field-act-location = Место (район, сельский округ, ориентир)
field-act-conclusions = Заключение
field-act-measures = Меры
field-act-measures-hint = Каждая мера с новой строки.
field-act-save = Сохранить проект
field-act-saved = Проект акта сохранён и будет отправлен при появлении связи.

field-object-type = Вид объекта
field-object-name = Наименование
field-object-save = Сохранить объект
field-object-incomplete = Укажите вид, наименование и место.

field-outbox-waiting = Ждут отправки
field-outbox-conflicts = Конфликты
field-outbox-rejected = Отклонённые
field-outbox-sent = Отправленные
field-outbox-sent-hint = Записи, полученные сервером, удаляются с устройства; здесь остаётся только отметка о них.
field-kind-object = Объект
field-kind-survey = Обследование
field-kind-act_draft = Проект акта
field-state-waiting = ждёт
field-state-sending = отправляется
field-state-conflict = конфликт
field-state-rejected = отклонено
field-attempts = попыток: { $count }
field-rejected-no-reason = Сервер не указал причину.
field-retry = Отправить снова
field-discard = Удалить
field-discard-confirm = Удалить эту запись с устройства? На сервер она не попадёт.
field-conflict-text = Эту запись на сервере изменил кто-то другой (версия на сервере { $version }). Какую оставить?
field-conflict-mine = Моя версия
field-conflict-server = Версия на сервере
field-keep-mine = Оставить мою
field-take-server = Взять с сервера
field-version = версия { $version }
field-storage = Память устройства
field-persist-granted = Браузер хранит данные постоянно: они не будут удалены при нехватке места.
field-persist-denied = Браузер не разрешил постоянное хранение: при нехватке места данные могут быть удалены. Отправляйте записи вовремя.
field-persist-unsupported = Этот браузер не поддерживает постоянное хранение.
field-persist-unknown = Проверка постоянного хранения…
field-persist-ask = Запросить постоянное хранение
field-export-title = Сохранить очередь в файл
field-export-hint = Крайняя мера: если приложение долго не может синхронизироваться, сохраните неотправленные записи в файл и передайте администратору.
field-export = Экспортировать очередь

field-import-hint = Загрузите файл очереди, экспортированный устройством: записи применяются от имени указанного в файле пользователя и записываются в журнал.
field-import-file = Файл очереди (JSON)
field-import-invalid = Это не файл очереди (format: fito-outbox).
field-import-submit = Импортировать
field-import-results = Итог: записей { $count }
field-result-applied = применена
field-result-unchanged = уже была
field-result-conflict = конфликт
field-result-rejected = отклонена
field-zone-warning = Внимание: эта точка внутри установленной карантинной зоны ({ $names }). Соблюдайте режим зоны.
field-take-sample = Отобрать образец
field-sample = образец
field-sample-number = Номер образца
field-sample-what = Что отобрано
field-sample-quantity = Количество
field-sample-unit = Единица
field-save-sample = Сохранить образец
