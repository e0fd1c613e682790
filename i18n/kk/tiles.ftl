# Карта тайлдары (issue 16)
tile-layer-unknown = «{ $layer }» карта қабаты жоқ.
tile-not-found = Мұндай тайл жоқ: масштаб 0–22, баған мен жол 2^масштабтан кіші, соңында .mvt.
tile-status-invalid = «{ $status }» күйі жарамсыз: active немесе archived.
tile-period-invalid = Кезеңнің басы оның соңынан бұрын болуы керек.
tile-filter-not-for-layer = «{ $filter }» сүзгісі «{ $layer }» карта қабатына қолданылмайды.
tile-category-invalid = «{ $category }» санаты жарамсыз: quarantine, especially_dangerous немесе ordinary.
tile-zone-status-invalid = «{ $status }» аймақ күйі жарамсыз: proposed, established, lifted немесе withdrawn.
