//! The survey types against a fake reference list and map (R-SURV-1).

use super::*;

/// ACLRGL is listed as absent (A1), ZZORDN as other; the country is a box.
struct World;

impl Surroundings for World {
    fn listing(&self, organism: &EppoCode) -> Option<&str> {
        match organism.as_str() {
            "ACLRGL" => Some("absent"),
            "ZZORDN" => Some("other"),
            _ => None,
        }
    }
    fn locate(&self, lat: f64, lon: f64) -> Result<(), Invalid> {
        if (40.0..56.0).contains(&lat) && (46.0..88.0).contains(&lon) {
            Ok(())
        } else {
            Err(Invalid::new("geo-axes-swapped"))
        }
    }
}

fn now() -> DateTime<Utc> {
    "2026-06-10T06:00:00Z".parse().unwrap()
}

fn finding(organism: &str) -> FindingDraft<'_> {
    FindingDraft {
        organism,
        ..Default::default()
    }
}

fn point<'a>(findings: Vec<FindingDraft<'a>>) -> PointDraft<'a> {
    PointDraft {
        lat: 51.1,
        lon: 71.4,
        accuracy_m: Some(4.5),
        fixed_at: now(),
        findings,
    }
}

fn code(r: Result<impl std::fmt::Debug, Invalid>) -> &'static str {
    r.unwrap_err().code
}

#[test]
fn r_surv_1_the_category_comes_from_the_eaeu_list_unless_given() {
    let f = Finding::parse(&finding(" aclrgl "), &World).unwrap();
    assert_eq!(
        (f.organism.as_str(), f.category),
        ("ACLRGL", FindingCategory::Quarantine)
    );
    let f = Finding::parse(&finding("ZZORDN"), &World).unwrap();
    assert_eq!(f.category, FindingCategory::Ordinary);
    let given = FindingDraft {
        category: Some("especially_dangerous"),
        ..finding("ZZORDN")
    };
    assert_eq!(
        Finding::parse(&given, &World).unwrap().category,
        FindingCategory::EspeciallyDangerous
    );
    for (draft, expected) in [
        (finding("ZZNONE"), "finding-organism-unknown"),
        (finding("ZZ-1"), "eppo-code-invalid"),
        (
            FindingDraft {
                category: Some("Quarantine"),
                ..finding("ACLRGL")
            },
            "finding-category-unknown",
        ),
    ] {
        assert_eq!(code(Finding::parse(&draft, &World)), expected);
    }
    let unknown = Finding::parse(&finding("ZZNONE"), &World).unwrap_err();
    assert_eq!(unknown.args, [("code", "ZZNONE".to_string())]);
    for c in FindingCategory::ALL {
        assert_eq!(FindingCategory::parse(c.as_str()), Ok(c));
    }
}

#[test]
fn r_surv_1_counts_are_never_negative_and_percentages_at_most_100() {
    assert!(Intensity::parse("per_plant", 250.0).is_ok());
    assert!(Intensity::parse("cover_percent", 100.0).is_ok());
    assert_eq!(
        code(Intensity::parse("prevalence_percent", 140.0)),
        "finding-intensity-out-of-range"
    );
    assert_eq!(
        code(Intensity::parse("per_trap", -1.0)),
        "finding-intensity-out-of-range"
    );
    assert_eq!(
        code(Intensity::parse("per_hectare", 1.0)),
        "finding-intensity-kind-unknown"
    );
    for k in IntensityKind::ALL {
        assert_eq!(IntensityKind::parse(k.as_str()), Ok(k));
    }
}

#[test]
fn r_surv_1_infested_areas_lie_within_the_surveyed_ones() {
    let a = Areas::parse(Some(50.0), Some(3.2), Some(1.1)).unwrap();
    assert_eq!(a.infested_ha, Some(3.2));
    assert!(Areas::parse(None, Some(3.0), None).is_ok());
    assert_eq!(
        code(Areas::parse(Some(50.0), Some(80.0), None)),
        "finding-areas-inconsistent"
    );
    assert_eq!(
        code(Areas::parse(None, Some(1.0), Some(2.0))),
        "finding-areas-inconsistent"
    );
    let negative = Areas::parse(Some(-1.0), None, None).unwrap_err();
    assert_eq!(
        (negative.code, negative.args),
        (
            "field-not-non-negative",
            vec![("field", "area_surveyed_ha".to_string())]
        )
    );
}

#[test]
fn r_surv_1_free_text_and_samples_are_bounded_and_trimmed() {
    let draft = FindingDraft {
        development_stage: Some("  дернәсіл "),
        notes: Some(" "),
        samples: vec![(" Ү-1 ", "ЗЖ-2026/15")],
        ..finding("ACLRGL")
    };
    let f = Finding::parse(&draft, &World).unwrap();
    assert_eq!(f.development_stage.as_deref(), Some("дернәсіл"));
    assert_eq!(f.notes, None);
    assert_eq!(f.samples[0].sample_number, "Ү-1");
    let long = "ә".repeat(201);
    let draft = FindingDraft {
        development_stage: Some(&long),
        ..finding("ACLRGL")
    };
    assert_eq!(code(Finding::parse(&draft, &World)), "field-too-long");
    let draft = FindingDraft {
        samples: vec![("Ү-1", " ")],
        ..finding("ACLRGL")
    };
    assert_eq!(code(Finding::parse(&draft, &World)), "field-required");
}

#[test]
fn r_surv_1_points_lie_in_the_country_and_nothing_is_from_the_future() {
    let outside = PointDraft {
        lat: 120.0,
        ..point(vec![])
    };
    let e = Point::parse(&outside, 2, now(), &World).unwrap_err();
    assert_eq!(
        (e.code, e.args),
        ("geo-axes-swapped", vec![("point", "2".to_string())])
    );
    let later = PointDraft {
        fixed_at: now() + Duration::minutes(11),
        ..point(vec![])
    };
    assert_eq!(
        code(Point::parse(&later, 1, now(), &World)),
        "survey-in-future"
    );
    let skewed = PointDraft {
        fixed_at: now() + Duration::minutes(9),
        ..point(vec![])
    };
    assert!(Point::parse(&skewed, 1, now(), &World).is_ok());
    let blurred = PointDraft {
        accuracy_m: Some(-3.0),
        ..point(vec![])
    };
    assert_eq!(
        code(Point::parse(&blurred, 1, now(), &World)),
        "field-not-non-negative"
    );
}

#[test]
fn r_surv_1_a_survey_names_its_quarantine_organisms_once() {
    let draft = SurveyDraft {
        surveyed_at: now(),
        growth_phase: Some(" түтіктену "),
        notes: None,
        points: vec![
            point(vec![finding("ACLRGL"), finding("ZZORDN")]),
            point(vec![finding("aclrgl")]),
        ],
    };
    let s = NewSurvey::parse(&draft, now(), &World).unwrap();
    assert_eq!(s.growth_phase.as_deref(), Some("түтіктену"));
    assert_eq!(s.quarantine(), ["ACLRGL"]);
    let numbers: Vec<usize> = s.findings().map(|(n, _, _)| n).collect();
    assert_eq!(numbers, [1, 1, 2]);
    let future = SurveyDraft {
        surveyed_at: now() + Duration::hours(1),
        ..draft.clone()
    };
    assert_eq!(
        code(NewSurvey::parse(&future, now(), &World)),
        "survey-in-future"
    );
    let crowded = SurveyDraft {
        points: vec![point(vec![]); MAX_POINTS + 1],
        ..draft
    };
    assert_eq!(
        code(NewSurvey::parse(&crowded, now(), &World)),
        "survey-too-many-points"
    );
}
