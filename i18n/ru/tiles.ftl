# Тайлы карты (issue 16)
tile-layer-unknown = Слоя карты «{ $layer }» нет.
tile-not-found = Такого тайла нет: масштаб 0–22, столбец и строка меньше 2^масштаб, в конце .mvt.
tile-status-invalid = Недопустимый статус «{ $status }»: active или archived.
tile-period-invalid = Начало периода должно быть раньше его конца.
tile-filter-not-for-layer = Фильтр «{ $filter }» не относится к слою карты «{ $layer }».
tile-category-invalid = Недопустимая категория «{ $category }»: quarantine, especially_dangerous или ordinary.
tile-zone-status-invalid = Недопустимый статус зоны «{ $status }»: proposed, established, lifted или withdrawn.
