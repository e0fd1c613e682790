# Фитосанитариялық актілердің тұрақты жазулары (PDF). Идентификаторлар "act-" деп басталады.

act-republic = Қазақстан Республикасы
act-title-quarantine-survey = Карантиндік фитосанитариялық тексеру актісі
act-title-crop-monitoring = Егістерді фитосанитариялық тексеру (мониторинг) актісі
act-title-sampling = Үлгілерді (сынамаларды) іріктеу актісі
act-title-prescription = Бұзушылықтарды жою және карантиндік іс-шараларды жүргізу туралы нұсқама

act-number = Тіркеу нөмірі
act-date = Күні
act-page = Бет
act-bin = БСН
act-address = Мекенжайы
act-inspector = Инспектор
act-position = Лауазымы
act-surveyed-at = Тексеру күні мен уақыты

act-section-object = Тексерілген объект
act-object-name = Атауы
act-object-type = Объект түрі
act-kato = ӘАОЖ (КАТО)
act-owner = Меншік иесі (пайдаланушы)
act-bin-iin = БСН/ЖСН
act-location = Орналасқан жері
act-coordinates = Координаттар (WGS 84)
act-area = Алаңы, га

act-section-survey = Тексеру нәтижелері
act-crop = Дақыл
act-growth-phase = Өсу фазасы
act-section-findings = Анықталған зиянды организмдер
act-no-findings = Зиянды организмдер анықталған жоқ.
act-col-number = №
act-col-organism = Зиянды организм (EPPO коды)
act-col-category = Санаты
act-col-stage = Даму сатысы
act-col-intensity = Саны / таралуы
act-col-area = Алаңы, га
act-col-area-surveyed = тексерілді
act-col-area-infested = залалданды
act-col-area-above-threshold = ЭЗШ-дан жоғары
act-col-samples = Үлгілер (зертханаға жолдама №)

act-category-quarantine = Карантиндік
act-category-especially-dangerous = Аса қауіпті
act-category-ordinary = Басқа зиянды

act-unit-per-square-metre = дана/м²
act-unit-per-plant = дана/өсімдік
act-unit-per-trap = дана/тұзақ
act-unit-prevalence-percent = % таралуы
act-unit-cover-percent = % жабындылығы

act-section-samples = Іріктелген үлгілер
act-col-sample-number = Үлгі №
act-col-lab-referral = Зертханаға жолдама №
act-no-samples = Үлгілер іріктелген жоқ.

act-section-conclusions = Қорытынды
act-section-grounds = Нұсқама беру негізі
act-section-measures = Белгіленген іс-шаралар
act-col-measure = Іс-шара
act-measure-deadline = Орындау мерзімі
act-no-measures = Іс-шаралар белгіленген жоқ.
act-prescription-warning = Нұсқаманы орындамау Қазақстан Республикасының заңнамасына сәйкес жауаптылыққа әкеп соғады.

act-section-signatures = Қолдар
act-signatory-inspector = Инспектор
act-signatory-head = Басшы
act-signatory-owner-representative = Объект иесінің өкілі
act-signatory-witness = Куә
act-signature-line = (қолы)

act-qr-caption = Актінің түпнұсқалығын тексеру коды
act-id = Акт идентификаторы
act-content-hash = Мазмұн хэші (SHA-256)
