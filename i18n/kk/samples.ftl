# Зертханалық сынамалар (issue 14)
sample-not-found = Сынама табылмады.
sample-status-unknown = Сынаманың мұндай күйі жоқ.
sample-finding-unknown = Сынама алынған анықтама табылмады.
sample-id-taken = Бұл идентификатормен басқа сынама бар.
sample-number-taken = Бұл нөмірмен сынама бар.
sample-quantity-invalid = Сынама мөлшері 0-ден үлкен болуы керек.
sample-in-future = Сынама алу уақыты болашақта болмайды.
sample-step-not-allowed = «{ $status }» күйіндегі сынамада «{ $step }» қадамы мүмкін емес.
sample-version-conflict = Сынаманы біреу өзгертті (қазір { $current } нұсқа). Жаңартып, қайталаңыз.
sample-laboratory-unknown = Зертхана табылмады.
sample-laboratory-required = Зертхананы көрсетіңіз: ұйымды немесе зертхана нысанын.
sample-organism-unknown = { $code } организмі анықтамалықта жоқ.
sample-conclusion-date-invalid = Қорытынды күні ЖЖЖЖ-АА-КК түрінде болуы керек.
sample-report-invalid = Зертхана хаттамасы (PDF) осы сынамаға тіркелуі керек.
notification-sample-confirmed = { $number } сынамасы карантиндік организмді растады: { $organism }.
notification-sample-negative = { $number } сынамасы бойынша анықтама расталмады.
