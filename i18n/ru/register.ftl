# Реестр фитосанитарных объектов и проверки геометрии.
# `$where` пуст или содержит место, например « (полигон 1, контур 2, вершина 5)».

geo-at-feature = объект { $feature }
geo-at-line = строка { $line }
geo-at-polygon = полигон { $polygon }
geo-at-ring = контур { $ring }
geo-at-vertex = вершина { $vertex }

geo-coordinate-not-finite = Координата не является конечным числом{ $where }.
geo-latitude-out-of-range = Широта вне диапазона −90…90{ $where }.
geo-longitude-out-of-range = Долгота вне диапазона −180…180{ $where }.
geo-axes-swapped = Координаты лежат вне Казахстана, но попадают в него, если поменять долготу и широту местами: укажите сначала долготу{ $where }.
geo-geometry-empty = Геометрия пуста{ $where }.
geo-geometry-type-unsupported = Принимаются только геометрии Point, Polygon и MultiPolygon{ $where }.
geo-ring-too-few-points = Контур должен содержать не менее четырёх точек, первая повторяется в конце{ $where }.
geo-ring-not-closed = Контур не замкнут{ $where }.
geo-ring-self-intersects = Контур пересекает или касается сам себя{ $where }.
geo-rings-intersect = Контуры полигона пересекаются{ $where }.
geo-hole-outside-shell = Вырез лежит вне своего полигона{ $where }.
geo-polygons-overlap = Части мультиполигона перекрываются{ $where }.
geo-crosses-antimeridian = Геометрия пересекает меридиан 180°{ $where }.
geo-geojson-malformed = GeoJSON составлен неверно{ $where }.
geo-geojson-wrong-type = В GeoJSON неверный тип или элемент{ $where }.
geo-bbox-invalid = Охватывающий прямоугольник задаётся как запад,юг,восток,север в градусах, запад ≤ восток и юг ≤ север.
geo-distance-invalid = Расстояние указано неверно.
geo-area-invalid = Площадь указана неверно.
geo-repair-ring-closed = Контур замкнут повтором первой точки{ $where }.
geo-repair-ring-reoriented = Направление контура приведено к стандартному (внешние против часовой стрелки){ $where }.
geo-repair-duplicate-vertices-removed = Повторяющиеся точки удалены{ $where }.

object-not-found = Объект не найден.
object-type-unknown = Неизвестный тип объекта. Выберите тип из справочника.
object-type-geometry-mismatch = Объект этого типа изображается как { $geometry }.
object-owner-invalid = Для владельца нужны наименование и, для юридического лица, БИН; для физического лица — ИИН.
object-kato-unknown = Неизвестная административная единица (код КАТО).
object-crop-unknown = Неизвестная культура. Выберите культуру из справочника.
object-version-conflict = Объект тем временем изменил другой пользователь (теперь версия { $current }). Обновите его и внесите изменение снова.
object-archived = Объект в архиве. Сначала восстановите его.
object-not-archived = Объект не в архиве.
object-buffer-radius = Радиус буферной зоны должен быть больше 0 и не более { $max } км.
object-id-taken = Объект с таким идентификатором уже существует.
