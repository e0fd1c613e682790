//! R-GEO-1: broken files are refused with a code and never panic or hang:
//! every reader gets mutated copies of valid files (flipped, inserted and
//! deleted bytes, truncation).

mod support;

use std::io::{Cursor, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};

use fito_geo::formats::shapefile::{Column, ColumnKind, read_zip, write_zip};
use fito_geo::formats::{csv, geojson, kml};
use fito_geo::{Imported, ValidationOptions};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use support::{sample_points, sample_polygons};

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Flip(i, b) if !bytes.is_empty() => bytes[i % len] ^= b | 1,
            Mutation::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
            Mutation::Delete(i, n) if !bytes.is_empty() => {
                let start = i % len;
                bytes.drain(start..(start + n).min(bytes.len()));
            }
            Mutation::Truncate(i) => bytes.truncate(i % len),
            _ => {}
        }
    }
    bytes
}

type Reader = fn(&[u8]) -> fito_geo::Result<Imported>;

/// Runs the reader on many mutated copies; any panic fails the test, and every
/// refusal must carry a `geo-` code.
fn never_panics(name: &str, original: Vec<u8>, read: Reader) {
    assert!(
        read(&original).is_ok(),
        "{name}: the unmutated file must be accepted"
    );
    let mut runner = TestRunner::new(Config {
        cases: 400,
        failure_persistence: None,
        ..Config::default()
    });
    let refused = std::cell::Cell::new(0);
    runner
        .run(&proptest::collection::vec(mutation(), 1..4), |mutations| {
            let bytes = mutate(original.clone(), &mutations);
            let outcome = catch_unwind(AssertUnwindSafe(|| read(&bytes)));
            prop_assert!(outcome.is_ok(), "{} panicked after {:?}", name, mutations);
            if let Ok(Err(e)) = outcome {
                refused.set(refused.get() + 1);
                prop_assert!(e.code().starts_with("geo-"));
            }
            Ok(())
        })
        .unwrap();
    assert!(refused.get() > 0, "{name}: no mutation was ever refused");
}

fn opts() -> ValidationOptions {
    ValidationOptions::default()
}

#[test]
fn r_geo_1_mutated_geojson_never_panics() {
    let mut bytes = Vec::new();
    geojson::write(&mut bytes, sample_polygons()).unwrap();
    never_panics("geojson", bytes, |b| geojson::read(b, &opts()));
}

#[test]
fn r_geo_1_mutated_kml_never_panics_or_hangs() {
    let mut bytes = Vec::new();
    kml::write(&mut bytes, sample_polygons()).unwrap();
    never_panics("kml", bytes, |b| kml::read(b, &opts()));
}

#[test]
fn r_geo_1_mutated_csv_never_panics() {
    let mut bytes = Vec::new();
    let columns = vec!["n".to_string(), "organism".to_string()];
    csv::write(&mut bytes, &columns, sample_points()).unwrap();
    never_panics("csv", bytes, |b| csv::read(b, &opts()));
}

fn shapefile_zip() -> Vec<u8> {
    let mut bytes = Vec::new();
    let columns = [
        Column {
            name: "name".into(),
            kind: ColumnKind::Text,
        },
        Column {
            name: "area_ha".into(),
            kind: ColumnKind::Number,
        },
    ];
    write_zip(&mut bytes, "f", &columns, sample_polygons()).unwrap();
    bytes
}

#[test]
fn r_geo_1_mutated_shapefile_zip_never_panics() {
    never_panics("zip", shapefile_zip(), |b| {
        read_zip(Cursor::new(b), &opts())
    });
}

/// Mutating the zip mostly trips its CRC; to reach the .shp, .dbf and .prj
/// parsers, mutate one member and zip it again.
fn with_member_mutated(zip_bytes: &[u8], ext: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip_bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name.ends_with(ext) {
            data = mutate(data, mutations);
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn r_geo_1_mutated_shapefile_members_never_panic() {
    let original = shapefile_zip();
    for ext in [".shp", ".shx", ".dbf", ".prj", ".cpg"] {
        let mut runner = TestRunner::new(Config {
            cases: 300,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&proptest::collection::vec(mutation(), 1..4), |mutations| {
                let bytes = with_member_mutated(&original, ext, &mutations);
                let outcome =
                    catch_unwind(AssertUnwindSafe(|| read_zip(Cursor::new(bytes), &opts())));
                prop_assert!(
                    outcome.is_ok(),
                    "{} member panicked after {:?}",
                    ext,
                    mutations
                );
                Ok(())
            })
            .unwrap();
    }
}
