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

ogc-landing-title = Фито центр: реестр фитосанитарных объектов
ogc-landing-description = Слои реестра фитосанитарных объектов через OGC API – Features (GeoJSON) для QGIS и GDAL.
ogc-collection-objects = Все фитосанитарные объекты
ogc-collection-objects-description = Все активные объекты реестра, любого типа.
ogc-collection-description = Активные объекты этого типа.
ogc-collection-not-found = Такого слоя (коллекции) нет.
ogc-datetime-invalid = Время должно быть в формате RFC 3339 или интервалом «начало/конец».

# Импорт и экспорт файлов (GeoJSON, KML, Shapefile, CSV).
geo-kml-malformed = Файл KML повреждён или неполон{ $where }.
geo-csv-malformed = Файл CSV повреждён{ $where }.
geo-csv-missing-columns = В файле CSV нет столбца геометрии: нужен столбец WKT или столбцы долготы и широты (lon, lat){ $where }.
geo-csv-bad-number = Координата в файле CSV не является числом{ $where }.
geo-wkt-malformed = Геометрия WKT повреждена{ $where }.
geo-zip-malformed = Архив ZIP повреждён или неполон{ $where }.
geo-shapefile-missing-part = В архиве Shapefile нет нужного файла (нужны .shp, .dbf и .prj){ $where }.
geo-shapefile-mixed-geometry = Shapefile может содержать только точки или только полигоны: отфильтруйте выборку по типу объекта{ $where }.
geo-shapefile-malformed = Shapefile повреждён{ $where }.
geo-prj-unsupported = Система координат (.prj) не распознана или не поддерживается{ $where }.
geo-reprojection-failed = Не удалось пересчитать координаты в WGS 84{ $where }.
geo-io = Ошибка при чтении или записи файла{ $where }.
import-format-unknown = Неизвестный формат «{ $format }». Выберите geojson, kml, shapefile или csv.
import-format-mismatch = Файл заявлен как { $declared }, но по содержимому это { $found }.
import-file-empty = Файл пуст.
import-file-no-features = В файле нет ни одного объекта.
import-file-image = Это файл изображения. Изображения не принимаются: отправьте GeoJSON, KML, Shapefile в ZIP или CSV.
import-file-binary = Это не GeoJSON, KML, Shapefile в ZIP и не CSV.
import-feature-invalid = Объект { $feature } в файле не принят{ $where }: { $problem } Файл отклонён целиком, ничего не сохранено.
import-no-organization = Пока нет ни одной организации: запустите сервер один раз или укажите организацию, которой принадлежат объекты.
export-format-unknown = Неизвестный формат «{ $format }». Выберите geojson, kml, shapefile или csv.
