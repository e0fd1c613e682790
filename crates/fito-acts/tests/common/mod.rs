//! Shared fixtures and the external tools (Debian's poppler-utils) the tests read PDFs with.
#![allow(dead_code)] // each test file uses a different subset

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use fito_acts::*;
use uuid::Uuid;

pub const RUSSIAN_PANGRAM: &str = "Съешь же ещё этих мягких французских булок, да выпей чаю.";

pub fn renderer() -> &'static ActRenderer {
    static RENDERER: OnceLock<ActRenderer> = OnceLock::new();
    RENDERER.get_or_init(|| {
        ActRenderer::new(RendererConfig::default()).expect("fonts-dejavu-core is installed")
    })
}

fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .expect("valid fixture date")
        .with_timezone(&Utc)
}

fn organism(eppo: &str, kk: &str, ru: &str, latin: &str, category: OrganismCategory) -> Organism {
    Organism {
        eppo_code: eppo.to_owned(),
        name_kk: kk.to_owned(),
        name_ru: ru.to_owned(),
        name_latin: latin.to_owned(),
        category,
    }
}

pub fn finding(n: usize) -> Finding {
    let (organism, intensity) = match n % 3 {
        0 => (
            organism(
                "AMBEL",
                "Жусан жапырақты амброзия",
                "Амброзия полыннолистная",
                "Ambrosia artemisiifolia",
                OrganismCategory::Quarantine,
            ),
            Intensity::CoverPercent { value: 7.5 },
        ),
        1 => (
            organism(
                "EURGIN",
                "Зиянды бақашық",
                "Вредная черепашка",
                "Eurygaster integriceps",
                OrganismCategory::EspeciallyDangerous,
            ),
            Intensity::PerSquareMetre { value: 2.25 },
        ),
        _ => (
            organism(
                "PUCCRT",
                "Бидайдың қоңыр таты",
                "Бурая ржавчина пшеницы",
                "Puccinia triticina",
                OrganismCategory::Ordinary,
            ),
            Intensity::PrevalencePercent { value: 12.0 },
        ),
    };
    Finding {
        organism,
        development_stage: ["Гүлдену", "Имаго", "Уредостадия"][n % 3].to_owned(),
        intensity: Some(intensity),
        area_surveyed_ha: 250.5,
        area_infested_ha: 12.0 + n as f64,
        area_above_threshold_ha: 3.5,
        samples: vec![Sample {
            sample_number: format!("ҮЛГ-{n:03}"),
            lab_referral_number: format!("ЖОЛ-2026/{:04}", 100 + n),
        }],
    }
}

/// A realistic act with every Kazakh letter in user-entered fields.
pub fn sample_act(act_type: ActType, language: ActLanguage) -> ActDocument {
    ActDocument {
        id: Uuid::parse_str("0193a5b2-7c1e-7d2a-9f3b-4c5d6e7f8a9b").expect("valid uuid"),
        act_type,
        language,
        registry_number: "05-2026/000123".to_owned(),
        issued_at: at("2026-06-15T09:40:00Z"),
        surveyed_at: at("2026-06-15T05:10:00Z"),
        organisation: Organisation {
            name: "ҚР АШМ Агроөнеркәсіптік кешендегі мемлекеттік инспекция комитетінің \
                   Алматы облыстық аумақтық инспекциясы"
                .to_owned(),
            bin: "040240001234".to_owned(),
            address: "Қонаев қ., Абай даңғылы, 35".to_owned(),
        },
        inspector: Inspector {
            name: "Нұрланұлы Ерғали".to_owned(),
            position: "Бас мемлекеттік фитосанитариялық инспектор".to_owned(),
        },
        object: InspectedObject {
            name: "«Жетісу Агро» ЖШС егістігі № 12".to_owned(),
            object_type: "Егістік алқап".to_owned(),
            kato_code: "195620100".to_owned(),
            kato_name: "Қарасай ауданы, Қаскелең қ.".to_owned(),
            owner: Owner {
                name: "«Жетісу Агро» ЖШС".to_owned(),
                bin_or_iin: "150340012345".to_owned(),
            },
            location: "Қаскелең қаласынан солтүстікке қарай 5 км, Һ-7 учаскесі".to_owned(),
            coordinates: Some(Coordinates {
                lat: 43.201234,
                lon: 76.623456,
            }),
            area_ha: Some(250.5),
        },
        survey: SurveyData {
            crop: "Күздік бидай".to_owned(),
            growth_phase: "Түтіктену".to_owned(),
            findings: (0..3).map(finding).collect(),
        },
        conclusions: format!(
            "Алқаптың 12 га жерінде карантиндік арамшөп анықталды.\n{}\n{}\n{RUSSIAN_PANGRAM}",
            KAZAKH_ALPHABET.chars().take(42).collect::<String>(),
            KAZAKH_ALPHABET.chars().skip(42).collect::<String>(),
        ),
        measures: vec![
            PrescribedMeasure {
                text: "Амброзияны механикалық әдіспен жою, өсімдік қалдықтарын өртеу".to_owned(),
                deadline: Some(NaiveDate::from_ymd_opt(2026, 7, 1).expect("valid date")),
            },
            PrescribedMeasure {
                text: "Көршілес алқаптарда қайта тексеру жүргізу".to_owned(),
                deadline: None,
            },
        ],
        signatures: vec![
            Signatory {
                role: SignatoryRole::Inspector,
                name: "Нұрланұлы Ерғали".to_owned(),
                position: "Бас мемлекеттік инспектор".to_owned(),
            },
            Signatory {
                role: SignatoryRole::OwnerRepresentative,
                name: "Өтегенова Әйгерім Құрманғазықызы".to_owned(),
                position: "Агроном".to_owned(),
            },
        ],
    }
}

fn scratch(name: &str, ext: &str) -> PathBuf {
    // Kept after the run so a failing layout can be looked at.
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.{ext}"))
}

/// Writes the PDF next to the test binary and returns `pdftotext -layout`'s output.
pub fn pdftotext(name: &str, pdf: &[u8]) -> String {
    let path = scratch(name, "pdf");
    std::fs::write(&path, pdf).expect("write scratch PDF");
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

pub fn page_count(text: &str) -> usize {
    // pdftotext ends every page with a form feed.
    text.matches('\u{c}').count()
}

/// Rasterises the top of page 1 (where the QR code sits) in grey and decodes every QR code.
pub fn decode_qr_codes(name: &str, pdf: &[u8]) -> Vec<String> {
    let pdf_path = scratch(name, "pdf");
    std::fs::write(&pdf_path, pdf).expect("write scratch PDF");
    // pdftoppm appends ".pgm" to this prefix itself.
    let prefix = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-qr"));
    let status = Command::new("pdftoppm")
        .args(["-f", "1", "-l", "1", "-r", "300", "-gray", "-singlefile"])
        .args(["-x", "0", "-y", "0", "-W", "2480", "-H", "800"])
        .arg(&pdf_path)
        .arg(&prefix)
        .status()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(status.success());
    let pgm = std::fs::read(prefix.with_extension("pgm")).expect("pdftoppm wrote a PGM");
    let (width, height, pixels) = parse_pgm(&pgm);
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    image
        .detect_grids()
        .into_iter()
        .map(|grid| grid.decode().expect("a detected QR code decodes").1)
        .collect()
}

/// Binary PGM (P5, 8-bit), as pdftoppm writes it.
fn parse_pgm(data: &[u8]) -> (usize, usize, &[u8]) {
    let mut fields = Vec::new();
    let mut pos = 0;
    while fields.len() < 4 {
        while data[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let start = pos;
        while !data[pos].is_ascii_whitespace() {
            pos += 1;
        }
        fields.push(std::str::from_utf8(&data[start..pos]).expect("ASCII header"));
    }
    assert_eq!(fields[0], "P5", "pdftoppm -gray writes binary PGM");
    assert_eq!(fields[3], "255");
    let width: usize = fields[1].parse().expect("width");
    let height: usize = fields[2].parse().expect("height");
    let pixels = &data[pos + 1..];
    assert_eq!(pixels.len(), width * height);
    (width, height, pixels)
}

/// Collapses the line breaks and column padding pdftotext adds where the layout wrapped.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
