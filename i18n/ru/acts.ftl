# Постоянные надписи фитосанитарных актов (PDF). Идентификаторы начинаются с "act-".

act-republic = Республика Казахстан
act-title-quarantine-survey = Акт карантинного фитосанитарного обследования
act-title-crop-monitoring = Акт фитосанитарного обследования (мониторинга) посевов
act-title-sampling = Акт отбора образцов (проб)
act-title-prescription = Предписание об устранении нарушений и проведении карантинных мероприятий

act-number = Регистрационный номер
act-date = Дата
act-page = Страница
act-bin = БИН
act-address = Адрес
act-inspector = Инспектор
act-position = Должность
act-surveyed-at = Дата и время обследования

act-section-object = Обследованный объект
act-object-name = Наименование
act-object-type = Тип объекта
act-kato = КАТО
act-owner = Собственник (пользователь)
act-bin-iin = БИН/ИИН
act-location = Местонахождение
act-coordinates = Координаты (WGS 84)
act-area = Площадь, га

act-section-survey = Результаты обследования
act-crop = Культура
act-growth-phase = Фаза развития
act-section-findings = Выявленные вредные организмы
act-no-findings = Вредные организмы не выявлены.
act-col-number = №
act-col-organism = Вредный организм (код EPPO)
act-col-category = Категория
act-col-stage = Стадия развития
act-col-intensity = Численность / распространённость
act-col-area = Площадь, га
act-col-area-surveyed = обследовано
act-col-area-infested = заражено
act-col-area-above-threshold = выше ЭПВ
act-col-samples = Образцы (№ направления в лабораторию)

act-category-quarantine = Карантинный
act-category-especially-dangerous = Особо опасный
act-category-ordinary = Прочий вредный

act-unit-per-square-metre = экз./м²
act-unit-per-plant = экз./растение
act-unit-per-trap = экз./ловушку
act-unit-prevalence-percent = % распространённости
act-unit-cover-percent = % покрытия

act-section-samples = Отобранные образцы
act-col-sample-number = № образца
act-col-lab-referral = № направления в лабораторию
act-no-samples = Образцы не отбирались.

act-section-conclusions = Заключение
act-section-grounds = Основание для выдачи предписания
act-section-measures = Предписанные мероприятия
act-col-measure = Мероприятие
act-measure-deadline = Срок исполнения
act-no-measures = Мероприятия не назначены.
act-prescription-warning = Неисполнение предписания влечёт ответственность в соответствии с законодательством Республики Казахстан.

act-section-signatures = Подписи
act-signatory-inspector = Инспектор
act-signatory-head = Руководитель
act-signatory-owner-representative = Представитель владельца объекта
act-signatory-witness = Свидетель
act-signature-line = (подпись)

act-qr-caption = Код проверки подлинности акта
act-id = Идентификатор акта
act-content-hash = Хэш содержания (SHA-256)
