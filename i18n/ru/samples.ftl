# Лабораторные пробы (issue 14)
sample-not-found = Проба не найдена.
sample-status-unknown = Такого статуса пробы нет.
sample-finding-unknown = Находка, к которой отобрана проба, не найдена.
sample-id-taken = С этим идентификатором уже есть другая проба.
sample-number-taken = Проба с этим номером уже есть.
sample-quantity-invalid = Количество пробы должно быть больше 0.
sample-in-future = Время отбора пробы не может быть в будущем.
sample-step-not-allowed = Шаг «{ $step }» невозможен для пробы в статусе «{ $status }».
sample-version-conflict = Пробу уже изменили (сейчас версия { $current }). Обновите и повторите.
sample-laboratory-unknown = Лаборатория не найдена.
sample-laboratory-required = Укажите лабораторию: организацию или объект-лабораторию.
sample-organism-unknown = Организма { $code } нет в справочнике.
sample-conclusion-date-invalid = Дата заключения — в виде ГГГГ-ММ-ДД.
sample-report-invalid = Протокол лаборатории (PDF) должен быть приложен к этой пробе.
notification-sample-confirmed = Проба { $number } подтвердила карантинный организм: { $organism }.
notification-sample-negative = По пробе { $number } находка не подтвердилась.
