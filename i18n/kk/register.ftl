# Фитосанитариялық объектілер тізілімі және геометрияны тексеру.
# `$where` бос немесе орынды көрсетеді, мысалы « (полигон 1, контур 2, төбе 5)».

geo-at-feature = объект { $feature }
geo-at-line = жол { $line }
geo-at-polygon = полигон { $polygon }
geo-at-ring = контур { $ring }
geo-at-vertex = төбе { $vertex }

geo-coordinate-not-finite = Координата шектеулі сан емес{ $where }.
geo-latitude-out-of-range = Ендік −90…90 аралығынан тыс{ $where }.
geo-longitude-out-of-range = Бойлық −180…180 аралығынан тыс{ $where }.
geo-axes-swapped = Координаталар Қазақстаннан тыс жатыр, бірақ бойлық пен ендікті ауыстырса, оның ішіне түседі: алдымен бойлықты көрсетіңіз{ $where }.
geo-geometry-empty = Геометрия бос{ $where }.
geo-geometry-type-unsupported = Тек Point, Polygon және MultiPolygon геометриялары қабылданады{ $where }.
geo-ring-too-few-points = Контурда кемінде төрт нүкте болуы керек, біріншісі соңында қайталанады{ $where }.
geo-ring-not-closed = Контур тұйықталмаған{ $where }.
geo-ring-self-intersects = Контур өзін-өзі қиып немесе жанап өтеді{ $where }.
geo-rings-intersect = Полигон контурлары бір-бірін қиып өтеді{ $where }.
geo-hole-outside-shell = Ойық өз полигонынан тыс жатыр{ $where }.
geo-polygons-overlap = Мультиполигон бөліктері бір-бірін жабады{ $where }.
geo-crosses-antimeridian = Геометрия 180° меридианын қиып өтеді{ $where }.
geo-geojson-malformed = GeoJSON дұрыс құрылмаған{ $where }.
geo-geojson-wrong-type = GeoJSON-да түрі немесе элементі қате{ $where }.
geo-bbox-invalid = Қамту тіктөртбұрышы градуспен батыс,оңтүстік,шығыс,солтүстік ретінде беріледі, батыс ≤ шығыс және оңтүстік ≤ солтүстік.
geo-distance-invalid = Қашықтық қате көрсетілген.
geo-area-invalid = Аудан қате көрсетілген.
geo-repair-ring-closed = Контур бірінші нүктесін қайталау арқылы тұйықталды{ $where }.
geo-repair-ring-reoriented = Контур бағыты стандартқа келтірілді (сыртқы контурлар сағат тіліне қарсы){ $where }.
geo-repair-duplicate-vertices-removed = Қайталанатын нүктелер алынып тасталды{ $where }.

object-not-found = Объект табылмады.
object-type-unknown = Объектінің белгісіз түрі. Анықтамалықтан түрін таңдаңыз.
object-type-geometry-mismatch = Бұл түрдегі объект { $geometry } ретінде бейнеленеді.
object-owner-invalid = Иесінің атауы және заңды тұлға үшін БСН, жеке тұлға үшін ЖСН қажет.
object-kato-unknown = Белгісіз әкімшілік бірлік (ӘАОЖ коды).
object-crop-unknown = Белгісіз дақыл. Анықтамалықтан дақылды таңдаңыз.
object-version-conflict = Осы уақытта объектіні басқа пайдаланушы өзгертті (қазір { $current } нұсқа). Оны жаңартып, өзгерісті қайта енгізіңіз.
object-archived = Объект мұрағатта. Алдымен оны қалпына келтіріңіз.
object-not-archived = Объект мұрағатта емес.
object-buffer-radius = Буферлік аймақ радиусы 0-ден үлкен және { $max } км-ден аспауы керек.
object-id-taken = Мұндай идентификаторы бар объект бұрыннан бар.

ogc-landing-title = Фито орталығы: фитосанитариялық объектілер тізілімі
ogc-landing-description = Фитосанитариялық объектілер тізілімінің қабаттары OGC API – Features (GeoJSON) арқылы QGIS пен GDAL үшін.
ogc-collection-objects = Барлық фитосанитариялық объектілер
ogc-collection-objects-description = Тізілімнің барлық белсенді объектілері, түріне қарамастан.
ogc-collection-description = Осы түрдегі белсенді объектілер.
ogc-collection-not-found = Мұндай қабат (жинақ) жоқ.
ogc-datetime-invalid = Уақыт RFC 3339 форматында немесе «бастау/аяқтау» аралығы ретінде берілуі керек.

# Файлдарды импорттау және экспорттау (GeoJSON, KML, Shapefile, CSV).
geo-kml-malformed = KML файлы бүлінген немесе толық емес{ $where }.
geo-csv-malformed = CSV файлы бүлінген{ $where }.
geo-csv-missing-columns = CSV файлында геометрия бағаны жоқ: WKT бағаны немесе бойлық пен ендік (lon, lat) бағандары керек{ $where }.
geo-csv-bad-number = CSV файлындағы координата сан емес{ $where }.
geo-wkt-malformed = WKT геометриясы бүлінген{ $where }.
geo-zip-malformed = ZIP архиві бүлінген немесе толық емес{ $where }.
geo-shapefile-missing-part = Shapefile архивінде қажетті файл жоқ (.shp, .dbf және .prj керек){ $where }.
geo-shapefile-malformed = Shapefile бүлінген{ $where }.
geo-shapefile-mixed-geometry = Shapefile тек нүктелерді немесе тек полигондарды сақтай алады: таңдауды нысан түрі бойынша сүзіңіз{ $where }.
geo-prj-unsupported = Координаттар жүйесі (.prj) танылмады немесе қолдау көрсетілмейді{ $where }.
geo-reprojection-failed = Координаттарды WGS 84 жүйесіне ауыстыру мүмкін болмады{ $where }.
geo-io = Файлды оқу немесе жазу кезінде қате шықты{ $where }.
import-format-unknown = «{ $format }» пішімі белгісіз. geojson, kml, shapefile немесе csv таңдаңыз.
import-format-mismatch = Файл { $declared } деп көрсетілген, бірақ мазмұны бойынша { $found } болып шықты.
import-file-empty = Файл бос.
import-file-no-features = Файлда бірде-бір объект жоқ.
import-file-image = Бұл сурет файлы. Суреттер қабылданбайды: GeoJSON, KML, ZIP-тегі Shapefile немесе CSV жіберіңіз.
import-file-binary = Бұл файл GeoJSON, KML, ZIP-тегі Shapefile немесе CSV емес.
import-feature-invalid = Файлдағы { $feature }-объект қабылданбады{ $where }: { $problem } Файл толығымен қабылданбады, ештеңе сақталмады.
import-no-organization = Әзірге бірде-бір ұйым жоқ: серверді бір рет іске қосыңыз немесе объектілер тиесілі ұйымды көрсетіңіз.
export-format-unknown = «{ $format }» пішімі белгісіз. geojson, kml, shapefile немесе csv таңдаңыз.
