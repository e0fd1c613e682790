# Далалық режим (web/src/field): инспектордың телефоны, байланыссыз жұмыс.

field-day-title = Далалық жұмыс
field-outbox-title = Жіберу кезегі
field-survey-title = Тексеру
field-act-title = Акт жобасы
field-place-object = Объектіні осы жерге тіркеу
field-import-title = Кезек файлын импорттау
field-nav-label = Далалық режим мәзірі

field-sync-label = Синхрондау күйі
field-online = Желіде
field-offline = Байланыс жоқ — деректер құрылғыда сақталады
field-waiting-count = { $count ->
    [0] Жіберуді күтетін жазба жоқ
   *[other] Жіберуді күтуде: { $count }
}
field-problem-count = Шешімді қажет етеді: { $count }
field-last-sync = соңғы синхрондау: { $time }
field-sync-now = Қазір жіберу
field-syncing = Жіберілуде…
field-update-ready = Қолданбаның жаңа нұсқасы дайын. Жіберілмеген жазбалар сақталады.
field-update-apply = Жаңарту

field-tasks = Тапсырмалар
field-no-tasks = Ашық тапсырма жоқ (немесе әлі жүктелмеген).
field-task-due = Мерзімі: { $date }
field-object-not-cached = Объект құрылғыда жоқ: желіге қосылғанда жүктеледі.
field-objects = Объектілер
field-no-objects = Басқа объект жоқ.
field-not-sent = жіберілмеген
field-start-survey = Тексеруді бастау
field-start-survey-on = «{ $name }» объектісін тексеруді бастау
field-survey-adhoc = Объектісіз тексеру (еркін орын)
field-surveys-in-progress = Аяқталмаған тексерулер
field-adhoc-place = Еркін орын
field-point-count = { $count ->
    [one] { $count } нүкте
   *[other] { $count } нүкте
}
field-none = Жоқ.
field-my-acts = Менің актілерім

field-act-status-draft = жоба
field-act-status-submitted = жіберілді
field-act-status-approved = бекітілді
field-act-status-returned = қайтарылды
field-act-status-signed = қол қойылды
field-act-status-registered = тіркелді

field-basemap = Байланыссыз негізгі карта
field-basemap-needs-connection = Негізгі карта тек желіде көрсетіледі: бапталған тайл көзі оларды жаппай сақтауға рұқсат етпейді. Объектілер мен нүктелер байланыссыз да көрінеді.
field-basemap-saved = Құрылғыда сақталған тайлдар: { $count }
field-basemap-download = Ауданымның картасын сақтау
field-basemap-progress = Сақталуда: { $done } / { $total }
field-map-needs-connection = Байланыс жоқ: негізгі карта көрсетілмейді. Нүктені объектілерге қарап немесе координаталарды жазып қоюға болады.
field-map-failed = Картаны ашу мүмкін болмады. Координаталарды қолмен енгізіңіз.
field-map-label = Объектілер мен нүктелер картасы
field-map-pick-label = Карта: нүктені қою үшін түртіңіз

field-crop = Дақыл
field-growth-phase = Өсу фазасы
field-points = Нүктелер
field-record-point = Нүктені жазу
field-place-here = Орнымды алу
field-no-points = Әзірге нүкте жоқ.
field-point-at = { $lat }, { $lon }
field-accuracy = дәлдігі ±{ $metres } м
field-accuracy-by-hand = қолмен қойылған
field-position-reading = Орын анықталуда…
field-position-by-hand = Қолмен қою
field-position-denied = Орынды анықтауға рұқсат берілмеген. Нүктені картада немесе координаталармен қойыңыз.
field-position-unavailable = Орынды анықтау мүмкін болмады. Нүктені картада немесе координаталармен қойыңыз.
field-position-timeout = Орын уақытында анықталмады. Қайталаңыз немесе нүктені қолмен қойыңыз.
field-position-unsupported = Бұл құрылғы орынды анықтай алмайды. Нүктені қолмен қойыңыз.
field-position-tap-map = Картада нүктенің орнын түртіңіз немесе координаталарды жазыңыз.
field-position-typed = Координаталар (ендік, бойлық)
field-position-typed-hint = Мысалы: 43.238949, 76.889709
field-position-typed-invalid = Координаталар қате: ендік −90…90, бойлық −180…180 болуы керек.
field-position-use-typed = Осы координаталарды қолдану
field-remove = Өшіру
field-remove-point = { $n }-нүктені өшіру
field-add-finding = Анықталған организмді қосу
field-organism = Организм (EPPO коды)
field-organism-hint = Тізімнен таңдаңыз немесе кодты жазыңыз, мысалы ERWIAM.
field-organism-unknown = Бұл код анықтамалықта жоқ.
field-category = Санаты
field-category-from-list = Анықтамалық бойынша
field-category-quarantine = карантиндік
field-category-especially_dangerous = аса қауіпті
field-category-ordinary = кәдімгі
field-development-stage = Даму сатысы
field-intensity-kind = Қарқындылық түрі
field-intensity-value = Мәні
field-intensity-per_square_metre = дана/м²
field-intensity-per_plant = дана/өсімдік
field-intensity-per_trap = дана/қақпан
field-intensity-prevalence_percent = таралуы, %
field-intensity-cover_percent = жабындылығы, %
field-area-surveyed = Тексерілген алаң, га
field-area-infested = Зақымданған алаң, га
field-notes = Ескертпе
field-save-finding = Қосу
field-cancel = Бас тарту
field-finish-survey = Тексеруді аяқтау
field-discard-survey = Тексеруді жою
field-discard-survey-confirm = Бұл тексеру құрылғыдан жойылсын ба? Оны қайтару мүмкін емес.
field-survey-finished = Тексеру аяқталды және жіберу кезегінде (немесе серверде).
field-make-act = Осы тексеру бойынша акт жобасын жасау

field-act-type = Акт түрі
field-act-type-quarantine-survey = Карантиндік фитосанитариялық тексеру акті
field-act-type-crop-monitoring = Егістікті мониторингтеу акті
field-act-type-sampling = Сынама алу акті
field-act-type-prescription = Бұзушылықтарды жою туралы нұсқама
field-act-language = Акт тілі
field-act-language-kk = қазақша
field-act-language-ru = орысша
field-act-language-kk-ru = қазақша және орысша
field-act-location = Орны (аудан, ауылдық округ, бағдар)
field-act-conclusions = Қорытынды
field-act-measures = Шаралар
field-act-measures-hint = Әр шара жаңа жолдан.
field-act-save = Жобаны сақтау
field-act-saved = Акт жобасы сақталды және байланыс болғанда жіберіледі.

field-object-type = Объект түрі
field-object-name = Атауы
field-object-save = Объектіні сақтау
field-object-incomplete = Түрін, атауын және орнын көрсетіңіз.

field-outbox-waiting = Жіберуді күтуде
field-outbox-conflicts = Қайшылықтар
field-outbox-rejected = Қабылданбағандар
field-outbox-sent = Жіберілгендер
field-outbox-sent-hint = Сервер алған жазбалар құрылғыдан жойылады; мұнда тек олардың белгісі қалады.
field-kind-object = Объект
field-kind-survey = Тексеру
field-kind-act_draft = Акт жобасы
field-state-waiting = күтуде
field-state-sending = жіберілуде
field-state-conflict = қайшылық
field-state-rejected = қабылданбады
field-attempts = әрекет саны: { $count }
field-rejected-no-reason = Сервер себебін көрсетпеді.
field-retry = Қайта жіберу
field-discard = Жою
field-discard-confirm = Бұл жазба құрылғыдан жойылсын ба? Ол серверге жетпейді.
field-conflict-text = Бұл жазбаны серверде басқа біреу өзгерткен (сервердегі нұсқа { $version }). Қайсысын қалдыру керек?
field-conflict-mine = Менің нұсқам
field-conflict-server = Сервердегі нұсқа
field-keep-mine = Менікін қалдыру
field-take-server = Сервердікін алу
field-version = нұсқа { $version }
field-storage = Құрылғыдағы жад
field-persist-granted = Браузер деректерді тұрақты сақтайды: жад толса да олар өшірілмейді.
field-persist-denied = Браузер тұрақты сақтауға рұқсат бермеген: жад тапшы болса, деректер өшірілуі мүмкін. Жазбаларды уақтылы жіберіңіз.
field-persist-unsupported = Бұл браузер тұрақты сақтауды қолдамайды.
field-persist-unknown = Тұрақты сақтау тексерілуде…
field-persist-ask = Тұрақты сақтауды сұрау
field-export-title = Кезекті файлға сақтау
field-export-hint = Соңғы амал: қолданба ұзақ уақыт синхрондай алмаса, жіберілмеген жазбаларды файлға сақтап, әкімшіге беріңіз.
field-export = Кезекті экспорттау

field-import-hint = Құрылғы экспорттаған кезек файлын жүктеңіз: жазбалар файлда аталған пайдаланушының атынан қолданылады және журналға жазылады.
field-import-file = Кезек файлы (JSON)
field-import-invalid = Бұл файл кезек файлы емес (format: fito-outbox).
field-import-submit = Импорттау
field-import-results = Нәтиже: { $count } жазба
field-result-applied = қолданылды
field-result-unchanged = бұрыннан бар
field-result-conflict = қайшылық
field-result-rejected = қабылданбады
field-map-tiles-saved = Желіден тыс картаға сақталған объектілер, анықталған ағзалар мен аймақтар тайлдары: { $count }
