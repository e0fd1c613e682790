# Ошибки API. Каждый идентификатор — это и стабильный `code` ответа problem+json.

request-malformed-json = Тело запроса не является корректным JSON.
request-invalid-field = Поле «{ $field }» имеет неверное значение или тип.
request-unknown-field = Поле «{ $field }» здесь не предусмотрено.
request-missing-field = Поле «{ $field }» обязательно.
request-too-large = Запрос слишком велик (не более { $limit } байт).
request-unsupported-media-type = Отправьте тело запроса в формате JSON (Content-Type: application/json).
request-invalid-query = Параметр запроса «{ $param }» имеет неверное значение.
request-timeout = Запрос выполнялся слишком долго и был прерван. Ничего не изменено.
not-found = По этому адресу ничего не найдено.
method-not-allowed = Этот адрес не принимает такой метод.
internal = Произошла непредвиденная ошибка. Она записана в журнал; повторите попытку позже.
service-unavailable = Сервис временно недоступен. Повторите попытку позже.

auth-required = Войдите в систему.
auth-invalid-credentials = Неверный адрес электронной почты или пароль.
auth-locked = Слишком много неудачных попыток входа. Повторите через { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
   *[many] { $minutes } минут
}.
auth-account-pending = Ваша учётная запись ожидает активации администратором.
auth-account-deactivated = Ваша учётная запись деактивирована. Обратитесь к администратору.
auth-csrf-failed = Запрос отклонён как возможно поддельный. Обновите страницу и повторите.
auth-password-change-required = Вы вошли с одноразовым паролем. Сначала задайте собственный пароль.
auth-wrong-current-password = Текущий пароль указан неверно.
password-too-short = Пароль должен содержать не менее { $min } символов.
password-too-long = Пароль должен содержать не более { $max } символов.
password-same-as-email = Пароль не должен совпадать с адресом электронной почты.
forbidden = Ваша роль не позволяет выполнить это действие.

iin-format = ИИН должен состоять ровно из 12 цифр.
iin-checksum = ИИН недействителен: не совпадает контрольная цифра.
iin-birth-date = ИИН недействителен: в нём нет реальной даты рождения.
iin-underage = Зарегистрировать можно только лиц, достигших 18 лет.
bin-format = БИН должен состоять ровно из 12 цифр.
bin-checksum = БИН недействителен: не совпадает контрольная цифра.
email-invalid = Адрес электронной почты указан неверно.
phone-invalid = Номер телефона указан неверно. Используйте формат +7 7XX XXX XX XX.
role-unknown = Неизвестная роль. Выберите: администратор, руководитель, инспектор или оператор.
field-required = Поле «{ $field }» не должно быть пустым.
field-too-long = Поле «{ $field }» слишком длинное (не более { $max } символов).
field-invalid-characters = Поле «{ $field }» содержит недопустимые (управляющие) символы.

email-taken = Пользователь с таким адресом электронной почты уже существует.
iin-taken = Пользователь с таким ИИН уже существует.
organization-not-found = Организация не найдена.
user-not-found = Пользователь не найден.
session-not-found = Сеанс не найден.
user-already-active = Учётная запись уже активна.
user-not-active = Учётная запись не активна.
user-cannot-deactivate-self = Нельзя деактивировать собственную учётную запись.
user-cannot-change-own-role = Нельзя изменить собственную роль.
user-role-required = Выберите роль для учётной записи.
user-organization-required = Выберите организацию для учётной записи.

eppo-code-invalid = Код EPPO должен состоять из 5 или 6 заглавных латинских букв или цифр (например, POPIJA).
kato-code-invalid = Код КАТО должен состоять ровно из 9 цифр.
reference-value-invalid = Поле «{ $field }» должно принимать одно из значений: { $allowed }.
reference-code-invalid = Код может содержать только строчные латинские буквы, цифры и «_» (не более 64).
reference-parent-invalid = Вышестоящая единица не существует или относится к другому региону.
reference-dictionary-unknown = Справочника «{ $dictionary }» нет: выберите organisms, crops, object-types или admin-units.
reference-import-xls = Это файл старого Excel (.xls). Сохраните его как «Книга Excel (.xlsx)» или «CSV UTF-8» и отправьте снова.
reference-import-image = Это файл изображения ({ $format }). Справочник загружается только из файла CSV или XLSX.
reference-import-file-type = Файл не является CSV (UTF-8) или XLSX. В Excel сохраните его как «CSV UTF-8» или «Книга Excel (.xlsx)».
reference-import-empty = Файл пуст: в первой строке должны быть названия столбцов, затем записи.
reference-import-too-many-rows = В файле слишком много строк (не более { $max }).
reference-import-csv-invalid = Файл CSV не удалось прочитать в строке { $row } (не закрыта кавычка?).
reference-import-xlsx-invalid = Файл XLSX не удалось прочитать: он повреждён или защищён паролем.
reference-import-xlsx-too-large = Файл XLSX в распакованном виде слишком велик (не более { $max } МБ). Разделите его на несколько файлов.
reference-import-columns-missing = В файле нет обязательных столбцов: { $columns }. В первой строке должны быть названия столбцов.
reference-import-column-duplicate = Столбец «{ $column }» встречается в файле дважды.
reference-import-key-missing = Ключевой столбец «{ $column }» пуст.
reference-import-key-duplicate = Код { $key } повторяется в файле (впервые в строке { $first }).
reference-import-active-invalid = Значение «{ $value }» в столбце «active» непонятно: укажите true или false.
reference-import-row-invalid = Строку не удалось прочитать.
reference-import-stale = Справочник изменился после проверки (его кто-то исправил). Проверьте файл заново.
reference-import-file-changed = Этот файл или параметры отличаются от проверенных. Проверьте файл заново.
reference-import-token-invalid = Отметки предварительного просмотра нет или она искажена. Сначала проверьте файл.
reference-import-rows-invalid = В файле { $count } ошибок (строки: { $rows }). Ничего не изменено: исправьте файл и проверьте его снова.
rate-limited = Слишком много запросов. Повторите через { $seconds } с.
