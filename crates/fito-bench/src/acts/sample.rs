//! A realistic bilingual (kk-ru) quarantine survey act: twelve findings over a large
//! farm in Almaty region, samples sent to the laboratory, measures and signatories.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use fito_acts::{
    ActDocument, ActLanguage, ActType, Coordinates, Finding, InspectedObject, Inspector, Intensity,
    Organisation, Organism, OrganismCategory, Owner, PrescribedMeasure, Sample, Signatory,
    SignatoryRole, SurveyData,
};
use uuid::Uuid;

type OrganismRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    OrganismCategory,
);

const ORGANISMS: [OrganismRow; 12] = {
    use OrganismCategory::{EspeciallyDangerous as D, Ordinary as O, Quarantine as Q};
    [
        (
            "AMBEL",
            "Жусан жапырақты амброзия",
            "Амброзия полыннолистная",
            "Ambrosia artemisiifolia",
            Q,
        ),
        (
            "ACRRE",
            "Жатаған у кекіре",
            "Горчак ползучий",
            "Rhaponticum repens",
            Q,
        ),
        ("CVCSS", "Арамсояу түрлері", "Повилики", "Cuscuta spp.", Q),
        (
            "EURGIN",
            "Зиянды бақашық",
            "Вредная черепашка",
            "Eurygaster integriceps",
            D,
        ),
        (
            "CALLIT",
            "Италиялық шегіртке",
            "Итальянский прус",
            "Calliptamus italicus",
            D,
        ),
        (
            "LOCUMI",
            "Азиялық шегіртке",
            "Азиатская саранча",
            "Locusta migratoria",
            D,
        ),
        (
            "DOCIMA",
            "Марокколық шегіртке",
            "Мароккская саранча",
            "Dociostaurus maroccanus",
            D,
        ),
        (
            "PUCCRT",
            "Бидайдың қоңыр таты",
            "Бурая ржавчина пшеницы",
            "Puccinia triticina",
            O,
        ),
        (
            "PUCCST",
            "Бидайдың сары таты",
            "Жёлтая ржавчина пшеницы",
            "Puccinia striiformis",
            O,
        ),
        (
            "TILLCO",
            "Бидайдың ергежейлі қаракүйесі",
            "Карликовая головня пшеницы",
            "Tilletia controversa",
            Q,
        ),
        (
            "HAPLTR",
            "Бидай трипсі",
            "Пшеничный трипс",
            "Haplothrips tritici",
            O,
        ),
        (
            "ERWIAM",
            "Бактериялық күйік",
            "Бактериальный ожог плодовых",
            "Erwinia amylovora",
            Q,
        ),
    ]
};

const STAGES: [&str; 12] = [
    "Гүлдену / Цветение",
    "Розетка / Розетка",
    "Гүлдену / Цветение",
    "Имаго / Имаго",
    "Дернәсіл III жас / Личинка III возраста",
    "Дернәсіл II жас / Личинка II возраста",
    "Имаго / Имаго",
    "Уредостадия / Уредостадия",
    "Уредостадия / Уредостадия",
    "Масақтану / Колошение",
    "Дернәсіл / Личинка",
    "Бүршік жару / Распускание почек",
];

fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .expect("valid fixture date")
        .with_timezone(&Utc)
}

fn finding(i: usize, variant: u64) -> Finding {
    let (eppo, kk, ru, latin, category) = ORGANISMS[i];
    let wobble = (variant % 7) as f64 * 0.25;
    let intensity = match i % 5 {
        0 => Intensity::CoverPercent {
            value: 4.5 + i as f64 + wobble,
        },
        1 => Intensity::PerSquareMetre {
            value: 1.75 + wobble,
        },
        2 => Intensity::PerPlant {
            value: 0.4 + i as f64 / 10.0,
        },
        3 => Intensity::PrevalencePercent {
            value: 12.0 + wobble,
        },
        _ => Intensity::PerTrap {
            value: 23.0 + i as f64,
        },
    };
    let samples = (0..[1, 2, 0][i % 3])
        .map(|k| Sample {
            sample_number: format!("ҮЛГ-2026/{:04}", 310 + 2 * i + k),
            lab_referral_number: format!("ЖОЛ-05-2026/{:05}", 1_200 + 3 * i + k),
        })
        .collect();
    Finding {
        organism: Organism {
            eppo_code: eppo.to_owned(),
            name_kk: kk.to_owned(),
            name_ru: ru.to_owned(),
            name_latin: latin.to_owned(),
            category,
        },
        development_stage: STAGES[i].to_owned(),
        intensity: Some(intensity),
        area_surveyed_ha: 1_250.0 - 35.5 * i as f64,
        area_infested_ha: 12.0 + 3.25 * i as f64 + wobble,
        area_above_threshold_ha: if i.is_multiple_of(4) {
            0.0
        } else {
            2.5 * i as f64
        },
        samples,
    }
}

/// The act for iteration `variant`; `variant` 0 is the reference act, others differ in
/// registry number, id, times and a few figures, as consecutive acts of one office do.
pub fn bench_act(variant: u64) -> ActDocument {
    let base = Uuid::parse_str("0193a5b2-7c1e-7d2a-9f3b-4c5d6e7f8a9b").expect("valid uuid");
    let id = Uuid::from_u128(base.as_u128() ^ u128::from(variant));
    let minutes = Duration::minutes(i64::try_from(variant % 600).unwrap_or(0));
    ActDocument {
        id,
        act_type: ActType::QuarantineSurvey,
        language: ActLanguage::KkRu,
        registry_number: format!("05-2026/{:06}", 123 + variant),
        issued_at: at("2026-06-15T09:40:00Z") + minutes,
        surveyed_at: at("2026-06-15T05:10:00Z") + minutes,
        organisation: Organisation {
            name: "ҚР АШМ Агроөнеркәсіптік кешендегі мемлекеттік инспекция комитетінің \
                   Алматы облыстық аумақтық инспекциясы"
                .to_owned(),
            bin: "040240001234".to_owned(),
            address: "Қонаев қ., Абай даңғылы, 35, 040800".to_owned(),
        },
        inspector: Inspector {
            name: "Нұрланұлы Ерғали".to_owned(),
            position: "Бас мемлекеттік фитосанитариялық инспектор / Главный государственный \
                       фитосанитарный инспектор"
                .to_owned(),
        },
        object: InspectedObject {
            name: "«Жетісу Агро» ЖШС егістігі № 12 / Поле ТОО «Жетісу Агро» № 12".to_owned(),
            object_type: "Егістік алқап / Посевная площадь".to_owned(),
            kato_code: "195620100".to_owned(),
            kato_name: "Қарасай ауданы, Қаскелең қ. / Карасайский район, г. Каскелен".to_owned(),
            owner: Owner {
                name: "«Жетісу Агро» жауапкершілігі шектеулі серіктестігі / ТОО «Жетісу Агро»"
                    .to_owned(),
                bin_or_iin: "150340012345".to_owned(),
            },
            location: "Қаскелең қаласынан солтүстікке қарай 5 км, Һ-7 учаскесі / 5 км к северу \
                       от г. Каскелен, участок Һ-7"
                .to_owned(),
            coordinates: Some(Coordinates {
                lat: 43.201234 + variant as f64 * 1e-6,
                lon: 76.623456,
            }),
            area_ha: Some(1_250.0),
        },
        survey: SurveyData {
            crop: "Күздік бидай / Озимая пшеница".to_owned(),
            growth_phase: "Түтіктену – масақтану / Выход в трубку – колошение".to_owned(),
            findings: (0..12).map(|i| finding(i, variant)).collect(),
        },
        conclusions: "Алқаптың 48,5 га жерінде карантиндік арамшөптер (жусан жапырақты \
                      амброзия, жатаған у кекіре, арамсояу) анықталды; зиянды бақашық пен \
                      шегірткелердің саны экономикалық зияндылық шегінен жоғары.\n\
                      Үлгілер карантиндік сараптамаға фитосанитариялық зертханаға жіберілді.\n\
                      На 48,5 га поля выявлены карантинные сорняки (амброзия полыннолистная, \
                      горчак ползучий, повилика); численность вредной черепашки и \
                      саранчовых превышает экономический порог вредоносности.\n\
                      Образцы направлены в фитосанитарную лабораторию на карантинную экспертизу."
            .to_owned(),
        measures: vec![
            measure(
                "Амброзия мен у кекірені механикалық әдіспен жою, өсімдік қалдықтарын өртеу / \
                 Уничтожить амброзию и горчак механическим способом, растительные остатки сжечь",
                Some((2026, 7, 1)),
            ),
            measure(
                "Арамсояу ошақтарын гербицидтермен өңдеу / Обработать очаги повилики гербицидами",
                Some((2026, 6, 25)),
            ),
            measure(
                "Зиянды бақашыққа қарсы инсектицидпен өңдеу жүргізу / Провести обработку \
                 инсектицидами против вредной черепашки",
                Some((2026, 6, 20)),
            ),
            measure(
                "Астық өнімін карантиндік сертификатсыз тасымалдауға тыйым салу / Запретить вывоз \
                 зерна без карантинного сертификата",
                None,
            ),
            measure(
                "Көршілес алқаптарда қайта тексеру жүргізу / Провести повторное обследование \
                 соседних полей",
                Some((2026, 7, 15)),
            ),
        ],
        signatures: vec![
            signatory(
                SignatoryRole::Inspector,
                "Нұрланұлы Ерғали",
                "Бас мемлекеттік инспектор / Главный государственный инспектор",
            ),
            signatory(
                SignatoryRole::Head,
                "Сейтқали Бауыржан Жұмабайұлы",
                "Аумақтық инспекция басшысы / Руководитель территориальной инспекции",
            ),
            signatory(
                SignatoryRole::OwnerRepresentative,
                "Өтегенова Әйгерім Құрманғазықызы",
                "Агроном",
            ),
            signatory(
                SignatoryRole::Witness,
                "Ибраһимов Үмбетәлі",
                "Ауыл әкімінің орынбасары / Заместитель акима сельского округа",
            ),
        ],
    }
}

fn measure(text: &str, deadline: Option<(i32, u32, u32)>) -> PrescribedMeasure {
    PrescribedMeasure {
        text: text.to_owned(),
        deadline: deadline.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("valid date")),
    }
}

fn signatory(role: SignatoryRole, name: &str, position: &str) -> Signatory {
    Signatory {
        role,
        name: name.to_owned(),
        position: position.to_owned(),
    }
}
