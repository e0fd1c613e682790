# API қателері. Әр идентификатор problem+json жауабының тұрақты `code` мәні де болып табылады.

request-malformed-json = Сұраныс денесі дұрыс JSON емес.
request-invalid-field = «{ $field }» өрісінің мәні немесе түрі қате.
request-unknown-field = «{ $field }» өрісі мұнда қарастырылмаған.
request-missing-field = «{ $field }» өрісі міндетті.
request-too-large = Сұраныс тым үлкен ({ $limit } байттан аспауы керек).
request-unsupported-media-type = Сұраныс денесін JSON пішімінде жіберіңіз (Content-Type: application/json).
request-invalid-query = «{ $param }» сұраныс параметрінің мәні қате.
request-timeout = Сұраныс тым ұзаққа созылып, тоқтатылды. Ештеңе өзгертілген жоқ.
not-found = Бұл мекенжай бойынша ештеңе табылмады.
method-not-allowed = Бұл мекенжай мұндай әдісті қабылдамайды.
internal = Күтпеген қате орын алды. Ол журналға жазылды; кейінірек қайталап көріңіз.
service-unavailable = Қызмет уақытша қолжетімсіз. Кейінірек қайталап көріңіз.

auth-required = Жүйеге кіріңіз.
auth-invalid-credentials = Электрондық пошта немесе құпиясөз қате.
auth-locked = Жүйеге кірудің сәтсіз әрекеттері тым көп. { $minutes } минуттан кейін қайталаңыз.
auth-account-pending = Сіздің есептік жазбаңыз әкімшінің белсендіруін күтуде.
auth-account-deactivated = Сіздің есептік жазбаңыз өшірілген. Әкімшіге хабарласыңыз.
auth-csrf-failed = Сұраныс жалған болуы мүмкін деп қабылданбады. Бетті жаңартып, қайталаңыз.
auth-password-change-required = Сіз бір реттік құпиясөзбен кірдіңіз. Алдымен өз құпиясөзіңізді орнатыңыз.
auth-wrong-current-password = Ағымдағы құпиясөз қате.
password-too-short = Құпиясөз кемінде { $min } таңбадан тұруы керек.
password-too-long = Құпиясөз { $max } таңбадан аспауы керек.
password-same-as-email = Құпиясөз электрондық пошта мекенжайымен бірдей болмауы керек.
forbidden = Сіздің рөліңіз бұл әрекетке рұқсат бермейді.

iin-format = ЖСН дәл 12 цифрдан тұруы керек.
iin-checksum = ЖСН жарамсыз: бақылау цифры сәйкес келмейді.
iin-birth-date = ЖСН жарамсыз: онда нақты туған күн жоқ.
iin-underage = Тек 18 жасқа толған адамдарды тіркеуге болады.
bin-format = БСН дәл 12 цифрдан тұруы керек.
bin-checksum = БСН жарамсыз: бақылау цифры сәйкес келмейді.
email-invalid = Электрондық пошта мекенжайы қате.
phone-invalid = Телефон нөмірі қате. +7 7XX XXX XX XX пішімін пайдаланыңыз.
role-unknown = Белгісіз рөл. Әкімші, басшы, инспектор немесе операторды таңдаңыз.
field-required = «{ $field }» өрісі бос болмауы керек.
field-too-long = «{ $field }» өрісі тым ұзын ({ $max } таңбадан аспауы керек).
field-invalid-characters = «{ $field }» өрісінде рұқсат етілмеген (басқарушы) таңбалар бар.

email-taken = Мұндай электрондық поштасы бар пайдаланушы бұрыннан бар.
iin-taken = Мұндай ЖСН-і бар пайдаланушы бұрыннан бар.
organization-not-found = Ұйым табылмады.
user-not-found = Пайдаланушы табылмады.
session-not-found = Сеанс табылмады.
user-already-active = Есептік жазба бұрыннан белсенді.
user-not-active = Есептік жазба белсенді емес.
user-cannot-deactivate-self = Өз есептік жазбаңызды өшіруге болмайды.
user-cannot-change-own-role = Өз рөліңізді өзгертуге болмайды.
user-role-required = Есептік жазба үшін рөлді таңдаңыз.
user-organization-required = Есептік жазба үшін ұйымды таңдаңыз.

eppo-code-invalid = EPPO коды 5 немесе 6 латын бас әрпінен немесе цифрдан тұруы керек (мысалы, POPIJA).
kato-code-invalid = ӘАОЖ (КАТО) коды дәл 9 цифрдан тұруы керек.
reference-value-invalid = «{ $field }» өрісі мына мәндердің бірі болуы керек: { $allowed }.
reference-code-invalid = Кодта тек кіші латын әріптері, цифрлар және «_» болуы мүмкін (64-тен аспауы керек).
reference-parent-invalid = Жоғары тұрған бірлік жоқ немесе басқа өңірге жатады.
rate-limited = Сұраулар тым көп. { $seconds } секундтан кейін қайталаңыз.
