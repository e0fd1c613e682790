# Карта тайлдары (issue 16)
tile-layer-unknown = «{ $layer }» карта қабаты жоқ.
tile-not-found = Мұндай тайл жоқ: масштаб 0–22, баған мен жол 2^масштабтан кіші, соңында .mvt.
tile-status-invalid = «{ $status }» күйі жарамсыз: active немесе archived.
tile-period-invalid = Кезеңнің басы оның соңынан бұрын болуы керек.
