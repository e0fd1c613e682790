//! R-GEO-1: exports stream. Features come from a lazy iterator and output
//! reaches the writer while later features have not even been made yet, so
//! a million-object export needs no more memory than a few features.

use std::cell::Cell;
use std::io::Write;
use std::rc::Rc;

use fito_geo::formats::shapefile::{Column, ColumnKind, write_zip};
use fito_geo::formats::{csv, geojson, kml};
use fito_geo::{Feature, Geometry, Wgs84Point};

const N: usize = 60_000;

/// Counts bytes as they arrive.
struct Meter(Rc<Cell<u64>>);

impl Write for Meter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len() as u64);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Made on demand; records how many bytes had been written when the last
/// feature was made.
fn lazy_features(written: Rc<Cell<u64>>, at_last: Rc<Cell<u64>>) -> impl Iterator<Item = Feature> {
    (0..N).map(move |i| {
        if i == N - 1 {
            at_last.set(written.get());
        }
        let lon = 50.0 + (i % 300) as f64 * 0.1;
        let lat = 41.0 + (i / 300) as f64 * 0.05;
        Feature::new(Geometry::point(Wgs84Point::parse(lon, lat).unwrap()))
            .with("n", i as f64)
            .with("name", "Очаг саранчи")
    })
}

fn check(name: &str, write: impl FnOnce(Meter, Box<dyn Iterator<Item = Feature>>) -> u64) {
    let written = Rc::new(Cell::new(0));
    let at_last = Rc::new(Cell::new(0));
    let features = Box::new(lazy_features(written.clone(), at_last.clone()));
    let count = write(Meter(written.clone()), features);
    assert_eq!(count as usize, N, "{name}");
    assert!(
        at_last.get() > written.get() / 2,
        "{name}: only {} of {} bytes were out before the last feature was made",
        at_last.get(),
        written.get()
    );
}

#[test]
fn r_geo_1_geojson_kml_and_csv_exports_stream() {
    check("geojson", |w, f| geojson::write(w, f).unwrap());
    check("kml", |w, f| kml::write(w, f).unwrap());
    let columns = vec!["n".to_string(), "name".to_string()];
    check("csv", |w, f| csv::write(w, &columns, f).unwrap());
}

#[test]
fn r_geo_1_shapefile_export_streams_through_temporary_files() {
    let written = Rc::new(Cell::new(0));
    let at_last = Rc::new(Cell::new(0));
    let columns = [
        Column {
            name: "n".into(),
            kind: ColumnKind::Number,
        },
        Column {
            name: "name".into(),
            kind: ColumnKind::Text,
        },
    ];
    let features = lazy_features(written.clone(), at_last.clone());
    let count = write_zip(Meter(written.clone()), "points", &columns, features).unwrap();
    assert_eq!(count as usize, N);
    // 100-byte header + 28 bytes per point record, deflated: far above zero.
    assert!(written.get() > 100_000, "zip of {} bytes", written.get());
}
