//! The act's PDF (R-ACT-1, R-ACT-3): gathered from the act, its survey snapshot, the
//! register, the reference lists and the people involved; rendered by fito-acts.
//! From approval on it is made once, stored by its SHA-256 with the rendering input
//! frozen beside it, and served from the store: what the inspector downloads is
//! what they sign and what is archived. Before approval it is a preview.

use super::{ActContent, in_scope, parse_language, parse_type};
use crate::app::surveys::{FindingInput, IntensityInput};
use crate::app::{Actor, App, AppError, Kind, files};
use fito_acts::{
    ActDocument, ActLanguage, Coordinates, InspectedObject, Intensity, Organism, OrganismCategory,
    Owner, Signatory, SignatoryRole,
};
use fito_core::{ActStatus, Action};
use fito_store::acts::{self, Act};
use fito_store::objects::{self, Object};
use fito_store::orgs;
use fito_store::reference::{self, Organism as Listed};
use fito_store::time::to_datetime;
use fito_store::users::{self, User};
use uuid::Uuid;

/// A file of an act, with the name it is saved under.
pub struct ActFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The act's PDF: from approval on, the stored bytes the inspector signs; before, a
/// preview rendered now (without a registry number). The reading is journalled.
pub async fn pdf(app: &App, actor: &Actor, id: Uuid) -> Result<ActFile, AppError> {
    let a = in_scope(app, actor, id, Action::ActRead).await?;
    let (a, bytes) = frozen_pdf(app, &a).await?;
    actor
        .record(actor.entry("act.pdf", Some("act"), Some(id.to_string())))
        .await?;
    Ok(ActFile {
        name: format!("{}.pdf", file_stem(&a)),
        bytes,
    })
}

/// An act's file name: its registry number once it has one, else its id.
pub(super) fn file_stem(a: &Act) -> String {
    match &a.registry_number {
        Some(n) => format!("act-{}", n.replace('/', "-")),
        None => format!("act-{}", a.id),
    }
}

/// The act's PDF and the act as it now is: stored from approval on (made and kept
/// on the first call), rendered on request before.
pub(super) async fn frozen_pdf(app: &App, a: &Act) -> Result<(Act, Vec<u8>), AppError> {
    if let Some(sha) = &a.pdf_sha256 {
        return Ok((a.clone(), files::read_all(app, sha).await?));
    }
    let document = gather(app, a, a.updated_at).await?;
    let pdf = render(app, document.clone()).await?;
    if !matches!(
        a.status,
        ActStatus::Approved | ActStatus::Signed | ActStatus::Registered
    ) {
        return Ok((a.clone(), pdf));
    }
    freeze(app, a, &document, pdf).await
}

/// Keeps the PDF and its rendering input. Rendering is deterministic: a request
/// racing this one stores the same bytes, and only the first write is kept.
async fn freeze(
    app: &App,
    a: &Act,
    document: &ActDocument,
    pdf: Vec<u8>,
) -> Result<(Act, Vec<u8>), AppError> {
    let sha = files::store_bytes(app, pdf.clone()).await?;
    let frozen = serde_json::to_string(document).map_err(|_| AppError::internal())?;
    let content = hex::encode(fito_acts::content_hash(document));
    let unit = app.begin().await?;
    acts::freeze_act_pdf(unit.tx(), a.id, &frozen, &sha, &content).await?;
    unit.commit().await?;
    let a = acts::act(app.store.reader(), a.id)
        .await?
        .ok_or_else(|| AppError::not_found("act-not-found"))?;
    let bytes = match &a.pdf_sha256 {
        Some(stored) if *stored != sha => files::read_all(app, stored).await?,
        _ => pdf,
    };
    Ok((a, bytes))
}

async fn render(app: &App, document: ActDocument) -> Result<Vec<u8>, AppError> {
    let renderer = app.acts().await?;
    tokio::task::spawn_blocking(move || renderer.render(&document))
        .await
        .map_err(|_| AppError::internal())?
        .map_err(|e| {
            tracing::error!(error = %e, "act rendering failed");
            AppError::new(Kind::Unavailable, "act-render-failed")
        })
}

/// Everything the act shows. A signed act is not gathered again: its frozen
/// document is what it shows for good.
async fn gather(app: &App, a: &Act, issued_at: i64) -> Result<ActDocument, AppError> {
    if let Some(frozen) = &a.frozen {
        return serde_json::from_str(frozen).map_err(|_| AppError::internal());
    }
    let db = app.store.reader();
    let language = parse_language(&a.language)?;
    let content = ActContent::of(a)?;
    let org = orgs::get(db, a.organization_id)
        .await?
        .ok_or_else(AppError::internal)?;
    let inspector = users::get(db, a.inspector_id)
        .await?
        .ok_or_else(AppError::internal)?;
    let object = match a.object_id {
        Some(id) => objects::get(db, id).await?,
        None => None,
    };
    let object = match object {
        Some(o) => registered_object(app, &o, &content, language).await?,
        None => ad_hoc_place(&content),
    };
    let organisms = reference::organisms(db).await?;
    // Samples recorded on their own (issue 14) join those typed into the survey.
    let taken = fito_store::samples::list(
        db,
        &fito_store::samples::SampleFilter {
            org_path: org.path.clone(),
            survey: Some(a.survey_id),
            limit: 10_000,
            ..Default::default()
        },
    )
    .await?;
    Ok(ActDocument {
        id: a.id,
        act_type: parse_type(&a.act_type)?,
        language,
        registry_number: a.registry_number.clone().unwrap_or_else(|| "—".into()),
        issued_at: to_datetime(issued_at),
        surveyed_at: content.surveyed_at,
        organisation: fito_acts::Organisation {
            name: bilingual(language, Some(&org.name_kk), &org.name_ru),
            bin: org.bin.clone().unwrap_or_default(),
            address: org.address.clone().unwrap_or_default(),
        },
        inspector: fito_acts::Inspector {
            name: full_name(&inspector),
            position: inspector.position.clone(),
        },
        object,
        survey: fito_acts::SurveyData {
            crop: crop_name(app, &content, language).await?,
            growth_phase: content.growth_phase.clone().unwrap_or_default(),
            findings: findings(&content, &organisms, &taken),
        },
        conclusions: content.conclusions.clone(),
        measures: content
            .measures
            .iter()
            .map(|m| fito_acts::PrescribedMeasure {
                text: m.text.clone(),
                deadline: m.deadline,
            })
            .collect(),
        signatures: signatories(&inspector, approver(app, a).await?.as_ref(), &content),
    })
}

/// The Head who approved the act, once it is approved.
async fn approver(app: &App, a: &Act) -> Result<Option<User>, AppError> {
    let db = app.store.reader();
    let events = acts::events(db, a.id).await?;
    match events.iter().rev().find(|e| e.step == "approve") {
        Some(e) => Ok(users::get(db, e.actor_id).await?),
        None => Ok(None),
    }
}

/// The object surveyed, as the register holds it.
async fn registered_object(
    app: &App,
    o: &Object,
    content: &ActContent,
    language: ActLanguage,
) -> Result<InspectedObject, AppError> {
    let db = app.store.reader();
    let types = reference::object_types(db).await?;
    let t = types.iter().find(|t| t.code == o.type_code);
    let unit = match &o.kato {
        Some(k) => reference::admin_unit(db, k).await?,
        None => None,
    };
    let centre = crate::app::objects::stored_geometry(o)?.bbox();
    Ok(InspectedObject {
        name: o.name.clone(),
        object_type: t
            .map(|t| bilingual(language, Some(&t.name_kk), &t.name_ru))
            .unwrap_or_else(|| o.type_code.clone()),
        kato_code: o.kato.clone().unwrap_or_default(),
        kato_name: unit
            .map(|u| bilingual(language, Some(&u.name_kk), &u.name_ru))
            .unwrap_or_default(),
        owner: Owner {
            name: o.owner_name.clone().unwrap_or_default(),
            bin_or_iin: o
                .owner_bin
                .clone()
                .or(o.owner_iin.clone())
                .unwrap_or_default(),
        },
        location: content.location.clone(),
        coordinates: Some(Coordinates {
            lat: (centre.min_lat() + centre.max_lat()) / 2.0,
            lon: (centre.min_lon() + centre.max_lon()) / 2.0,
        }),
        area_ha: Some((o.area_ha * 100.0).round() / 100.0).filter(|a| *a > 0.0),
    })
}

/// An ad-hoc place surveyed (no registered object): the act's location and the
/// survey's first point.
fn ad_hoc_place(content: &ActContent) -> InspectedObject {
    InspectedObject {
        name: content.location.clone(),
        object_type: String::new(),
        kato_code: String::new(),
        kato_name: String::new(),
        owner: Owner {
            name: String::new(),
            bin_or_iin: String::new(),
        },
        location: content.location.clone(),
        coordinates: content.points.first().map(|p| Coordinates {
            lat: p.lat,
            lon: p.lon,
        }),
        area_ha: None,
    }
}

/// Every finding of every point, with the organism's names from the reference list
/// and its samples: those typed into the survey, then those taken as samples of the
/// finding (by number, oldest first, each once).
fn findings(
    content: &ActContent,
    organisms: &[Listed],
    taken: &[fito_store::samples::Sample],
) -> Vec<fito_acts::Finding> {
    let finding = |(i, f): (usize, &FindingInput)| {
        let mut samples: Vec<fito_acts::Sample> = f
            .samples
            .iter()
            .map(|s| fito_acts::Sample {
                sample_number: s.sample_number.clone(),
                lab_referral_number: s.lab_referral_number.clone(),
            })
            .collect();
        let mut own: Vec<&fito_store::samples::Sample> = taken
            .iter()
            .filter(|s| s.finding_seq as usize == i + 1)
            .collect();
        own.sort_by_key(|s| s.rid);
        for s in own {
            if !samples.iter().any(|k| k.sample_number == s.number) {
                samples.push(fito_acts::Sample {
                    sample_number: s.number.clone(),
                    lab_referral_number: s.referral_number.clone().unwrap_or_default(),
                });
            }
        }
        let o = organisms.iter().find(|o| o.eppo_code == f.organism);
        fito_acts::Finding {
            organism: Organism {
                eppo_code: f.organism.clone(),
                name_kk: o.and_then(|o| o.name_kk.clone()).unwrap_or_default(),
                name_ru: o.map(|o| o.name_ru.clone()).unwrap_or_default(),
                name_latin: o.map(|o| o.name_la.clone()).unwrap_or_default(),
                category: category(f.category.as_deref()),
            },
            development_stage: f.development_stage.clone().unwrap_or_default(),
            intensity: f.intensity.as_ref().map(intensity),
            area_surveyed_ha: f.area_surveyed_ha.unwrap_or(0.0),
            area_infested_ha: f.area_infested_ha.unwrap_or(0.0),
            area_above_threshold_ha: f.area_above_threshold_ha.unwrap_or(0.0),
            samples,
        }
    };
    content
        .points
        .iter()
        .flat_map(|p| &p.findings)
        .enumerate()
        .map(finding)
        .collect()
}

fn category(c: Option<&str>) -> OrganismCategory {
    match c {
        Some("quarantine") => OrganismCategory::Quarantine,
        Some("especially_dangerous") => OrganismCategory::EspeciallyDangerous,
        _ => OrganismCategory::Ordinary,
    }
}

fn intensity(i: &IntensityInput) -> Intensity {
    let value = i.value;
    match i.kind.as_str() {
        "per_square_metre" => Intensity::PerSquareMetre { value },
        "per_plant" => Intensity::PerPlant { value },
        "per_trap" => Intensity::PerTrap { value },
        "prevalence_percent" => Intensity::PrevalencePercent { value },
        _ => Intensity::CoverPercent { value },
    }
}

/// The crop's name in the act's language, or its code when the list lacks it.
async fn crop_name(
    app: &App,
    content: &ActContent,
    language: ActLanguage,
) -> Result<String, AppError> {
    let Some(code) = content.crop.as_deref() else {
        return Ok(String::new());
    };
    let crops = reference::crops(app.store.reader()).await?;
    Ok(crops
        .iter()
        .find(|x| x.code == code)
        .map(|x| bilingual(language, Some(&x.name_kk), &x.name_ru))
        .unwrap_or_else(|| code.to_string()))
}

/// Who signs the paper: the inspector, the approving Head, then the parties present.
fn signatories(inspector: &User, approver: Option<&User>, content: &ActContent) -> Vec<Signatory> {
    let official = |role, u: &User| Signatory {
        role,
        name: full_name(u),
        position: u.position.clone(),
    };
    let mut signatures = vec![official(SignatoryRole::Inspector, inspector)];
    signatures.extend(approver.map(|h| official(SignatoryRole::Head, h)));
    for p in &content.parties {
        signatures.push(Signatory {
            role: if p.role == "witness" {
                SignatoryRole::Witness
            } else {
                SignatoryRole::OwnerRepresentative
            },
            name: p.name.clone(),
            position: p.position.clone(),
        });
    }
    signatures
}

fn full_name(u: &User) -> String {
    [
        Some(u.surname.as_str()),
        Some(u.first_name.as_str()),
        u.patronymic.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

/// Picks the name for the act's language: Kazakh, Russian, or both.
fn bilingual(language: ActLanguage, kk: Option<&str>, ru: &str) -> String {
    let kk = kk.filter(|k| !k.is_empty());
    match (language, kk) {
        (ActLanguage::Ru, _) | (_, None) => ru.to_string(),
        (ActLanguage::Kk, Some(k)) => k.to_string(),
        (ActLanguage::KkRu, Some(k)) if k == ru => k.to_string(),
        (ActLanguage::KkRu, Some(k)) => format!("{k} / {ru}"),
    }
}
