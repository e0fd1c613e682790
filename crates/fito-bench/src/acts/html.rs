//! The same act as an HTML page, laid out like the typst template (header with QR code,
//! object table, findings, samples, conclusions, measures, signatories, page footer),
//! with DejaVu Sans embedded through @font-face: what a Chromium-based renderer would print.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{DateTime, FixedOffset, Utc};
use fito_acts::{
    ActDocument, Intensity, LabelLanguage, OrganismCategory, SignatoryRole, act_labels,
    content_hash, qr_payload,
};
use qrcode::{EcLevel, QrCode, render::svg};

pub struct HtmlActs {
    kk: BTreeMap<String, String>,
    ru: BTreeMap<String, String>,
}

const FONT_DIR: &str = "/usr/share/fonts/truetype/dejavu";

impl HtmlActs {
    pub fn new() -> anyhow::Result<Self> {
        Ok(Self {
            kk: act_labels(LabelLanguage::Kk)?,
            ru: act_labels(LabelLanguage::Ru)?,
        })
    }

    /// "Kazakh / Russian", printed once when both say the same.
    fn l(&self, id: &str) -> String {
        self.l_sep(id, " / ")
    }

    fn l_sep(&self, id: &str, sep: &str) -> String {
        let kk = &self.kk[id];
        let ru = &self.ru[id];
        if kk == ru {
            esc(kk)
        } else {
            format!("{}{sep}{}", esc(kk), esc(ru))
        }
    }

    pub fn render(&self, act: &ActDocument) -> String {
        let almaty = FixedOffset::east_opt(5 * 3600).expect("valid offset");
        let local = |t: DateTime<Utc>| t.with_timezone(&almaty);
        let (issued, surveyed) = (local(act.issued_at), local(act.surveyed_at));
        let title = format!("act-title-{}", act.act_type.slug());
        let o = &act.object;
        let mut h = String::with_capacity(32 * 1024);
        let footer_left = format!("№ {} · {}", act.registry_number, act.id.hyphenated());
        let _ = write!(
            h,
            r#"<!DOCTYPE html>
<html lang="kk"><head><meta charset="utf-8"><title>{title_text} № {number}</title>
<style>
@font-face {{ font-family: "DejaVu Sans"; font-weight: normal; font-style: normal; src: url("file://{FONT_DIR}/DejaVuSans.ttf"); }}
@font-face {{ font-family: "DejaVu Sans"; font-weight: bold; font-style: normal; src: url("file://{FONT_DIR}/DejaVuSans-Bold.ttf"); }}
@page {{ size: A4; margin: 15mm 12mm 18mm 25mm;
  @bottom-left {{ content: "{footer_left}"; font: 7.5pt "DejaVu Sans"; color: #666; }}
  @bottom-right {{ content: "{page} " counter(page) " / " counter(pages); font: 7.5pt "DejaVu Sans"; color: #666; }} }}
body {{ font-family: "DejaVu Sans"; font-size: 10pt; line-height: 1.2; margin: 0; }}
.head {{ display: grid; grid-template-columns: 1fr 30mm; column-gap: 6mm; font-size: 9pt; }}
.head .org {{ font-weight: bold; font-size: 10.5pt; }}
.qr {{ text-align: center; font-size: 6pt; }} .qr svg {{ width: 28mm; height: 28mm; display: block; margin-left: auto; }}
hr {{ border: 0; border-top: 0.8pt solid #000; }}
h1 {{ text-align: center; font-size: 12.5pt; text-transform: uppercase; margin: 0.6em 0 0.4em; }}
.num {{ display: grid; grid-template-columns: 1fr 1fr; margin-bottom: 0.6em; }} .num div:last-child {{ text-align: right; }}
h2 {{ font-size: 10.5pt; margin: 1em 0 0.6em; break-after: avoid; }}
.fields {{ display: grid; grid-template-columns: 38% 1fr; column-gap: 0.8em; row-gap: 0.55em; }} .fields .k {{ color: #595959; }}
table {{ border-collapse: collapse; width: 100%; }} .findings {{ table-layout: fixed; }} td, th {{ border: 0.5pt solid #4d4d4d; padding: 3pt; vertical-align: top; }}
th {{ background: #ebebeb; }} thead {{ display: table-header-group; }}
.findings {{ font-size: 7pt; }} .findings th {{ font-size: 6pt; hyphens: auto; }} .r {{ text-align: right; }} .c {{ text-align: center; }}
.eppo {{ color: #595959; }} .samples {{ font-size: 8.5pt; }} .measures {{ font-size: 9pt; }}
.sig {{ display: grid; grid-template-columns: 38% 1fr 35mm; column-gap: 0.8em; row-gap: 1.6em; break-inside: avoid; }}
.sig .line {{ border-top: 0.5pt solid #000; margin-top: 1.2em; text-align: center; font-size: 7pt; }}
.seal {{ margin-top: 1.2em; font-size: 7pt; color: #595959; }}
</style></head><body>
"#,
            title_text = self.l(&title),
            number = esc(&act.registry_number),
            footer_left = css_string(&footer_left),
            page = css_string(&format!(
                "{} / {}",
                self.kk["act-page"], self.ru["act-page"]
            )),
        );
        let qr = QrCode::with_error_correction_level(qr_payload(act).as_bytes(), EcLevel::M)
            .expect("the payload fits a QR code")
            .render::<svg::Color<'_>>()
            .quiet_zone(true)
            .module_dimensions(4, 4)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build();
        let qr = qr.find("<svg").map_or(qr.as_str(), |at| &qr[at..]);
        let _ = write!(
            h,
            r#"<div class="head"><div><span style="font-size:8.5pt">{republic}</span><br><span class="org">{org}</span><br>{bin_l}: {bin}<br>{addr_l}: {addr}</div>
<div class="qr">{qr}{qr_caption}</div></div><hr>
<h1>{title_kk}<br>{title_ru}</h1>
<div class="num"><div>{number_l}: <b>{number}</b></div><div>{date_l}: <b>{date}</b> {time}</div></div>
"#,
            republic = self.l("act-republic").to_uppercase(),
            org = esc(&act.organisation.name),
            bin_l = self.l("act-bin"),
            bin = esc(&act.organisation.bin),
            addr_l = self.l("act-address"),
            addr = esc(&act.organisation.address),
            qr_caption = self.l_sep("act-qr-caption", "<br>"),
            title_kk = esc(&self.kk[&title]),
            title_ru = esc(&self.ru[&title]),
            number_l = self.l("act-number"),
            number = esc(&act.registry_number),
            date_l = self.l("act-date"),
            date = issued.format("%d.%m.%Y"),
            time = issued.format("%H:%M"),
        );
        let surveyed_text = surveyed.format("%d.%m.%Y %H:%M").to_string();
        self.fields(
            &mut h,
            &[
                ("act-inspector", &act.inspector.name),
                ("act-position", &act.inspector.position),
                ("act-surveyed-at", &surveyed_text),
            ],
        );
        let _ = write!(h, "<h2>{}</h2>", self.l("act-section-object"));
        let kato = format!("{} — {}", o.kato_code, o.kato_name);
        let coordinates = o
            .coordinates
            .map(|c| format!("{:.6}° N, {:.6}° E", c.lat, c.lon))
            .unwrap_or_default();
        let area = o.area_ha.map(decimal).unwrap_or_default();
        self.fields(
            &mut h,
            &[
                ("act-object-name", &o.name),
                ("act-object-type", &o.object_type),
                ("act-owner", &o.owner.name),
                ("act-bin-iin", &o.owner.bin_or_iin),
                ("act-kato", &kato),
                ("act-location", &o.location),
                ("act-coordinates", &coordinates),
                ("act-area", &area),
            ],
        );
        let _ = write!(h, "<h2>{}</h2>", self.l("act-section-survey"));
        self.fields(
            &mut h,
            &[
                ("act-crop", &act.survey.crop),
                ("act-growth-phase", &act.survey.growth_phase),
            ],
        );
        self.findings(&mut h, act);
        self.samples(&mut h, act);
        let _ = write!(
            h,
            "<h2>{}</h2><p>{}</p>",
            self.l("act-section-conclusions"),
            esc(&act.conclusions).replace('\n', "<br>")
        );
        let _ = write!(
            h,
            r#"<h2>{}</h2><table class="measures"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
            self.l("act-section-measures"),
            self.l("act-col-number"),
            self.l_sep("act-col-measure", "<br>"),
            self.l_sep("act-measure-deadline", "<br>"),
        );
        for (i, m) in act.measures.iter().enumerate() {
            let deadline = m
                .deadline
                .map_or("—".to_owned(), |d| d.format("%d.%m.%Y").to_string());
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{deadline}</td></tr>",
                i + 1,
                esc(&m.text)
            );
        }
        let _ = write!(
            h,
            r#"</tbody></table><h2>{}</h2><div class="sig">"#,
            self.l("act-section-signatures")
        );
        for s in &act.signatures {
            let _ = write!(
                h,
                r#"<div class="k">{}</div><div>{}<br><span style="font-size:8.5pt">{}</span></div><div class="line">{}</div>"#,
                self.l_sep(role_label(s.role), "<br>"),
                esc(&s.name),
                esc(&s.position),
                self.l("act-signature-line"),
            );
        }
        let _ = write!(
            h,
            r#"</div><div class="seal">{}: {}<br>{}: {}</div></body></html>"#,
            self.l("act-id"),
            act.id.hyphenated(),
            self.l("act-content-hash"),
            hex_lower(&content_hash(act)),
        );
        h
    }

    fn fields(&self, h: &mut String, rows: &[(&str, &str)]) {
        h.push_str(r#"<div class="fields">"#);
        for (id, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
            let _ = write!(
                h,
                r#"<div class="k">{}</div><div>{}</div>"#,
                self.l(id),
                esc(value)
            );
        }
        h.push_str("</div>");
    }

    fn findings(&self, h: &mut String, act: &ActDocument) {
        let head = |id: &str| self.l_sep(id, "<br>");
        let _ = write!(
            h,
            r#"<h2>{}</h2><table class="findings"><colgroup><col style="width:6mm"><col style="width:32%"><col style="width:20mm"><col style="width:18mm"><col style="width:20mm"><col style="width:15mm"><col style="width:15mm"><col style="width:15mm"><col></colgroup>
<thead><tr><th rowspan="2">{}</th><th rowspan="2">{}</th><th rowspan="2">{}</th><th rowspan="2">{}</th><th rowspan="2">{}</th><th colspan="3" class="c">{}</th><th rowspan="2">{}</th></tr>
<tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
            self.l("act-section-findings"),
            head("act-col-number"),
            head("act-col-organism"),
            head("act-col-category"),
            head("act-col-stage"),
            head("act-col-intensity"),
            head("act-col-area"),
            head("act-col-samples"),
            head("act-col-area-surveyed"),
            head("act-col-area-infested"),
            head("act-col-area-above-threshold"),
        );
        for (i, f) in act.survey.findings.iter().enumerate() {
            let org = &f.organism;
            let intensity = f.intensity.map_or("—".to_owned(), |x| {
                format!(
                    "{} {}",
                    decimal(intensity_value(x)),
                    self.l_sep(unit_label(x), "<br>")
                )
            });
            let samples = if f.samples.is_empty() {
                "—".to_owned()
            } else {
                f.samples
                    .iter()
                    .map(|s| {
                        format!(
                            "{} ({})",
                            esc(&s.sample_number),
                            esc(&s.lab_referral_number)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let _ = write!(
                h,
                r#"<tr><td class="c">{}</td><td>{} / {} (<i>{}</i>)<br><span class="eppo">{}</span></td><td>{}</td><td>{}</td><td class="r">{intensity}</td><td class="r">{}</td><td class="r">{}</td><td class="r">{}</td><td>{samples}</td></tr>"#,
                i + 1,
                esc(&org.name_kk),
                esc(&org.name_ru),
                esc(&org.name_latin),
                esc(&org.eppo_code),
                self.l_sep(category_label(org.category), "<br>"),
                esc(&f.development_stage),
                decimal(f.area_surveyed_ha),
                decimal(f.area_infested_ha),
                decimal(f.area_above_threshold_ha),
            );
        }
        h.push_str("</tbody></table>");
    }

    fn samples(&self, h: &mut String, act: &ActDocument) {
        let _ = write!(
            h,
            r#"<h2>{}</h2><table class="samples"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
            self.l("act-section-samples"),
            self.l("act-col-number"),
            self.l_sep("act-col-organism", "<br>"),
            self.l_sep("act-col-sample-number", "<br>"),
            self.l_sep("act-col-lab-referral", "<br>"),
        );
        let rows = act
            .survey
            .findings
            .iter()
            .flat_map(|f| f.samples.iter().map(move |s| (f, s)));
        for (i, (f, s)) in rows.enumerate() {
            let org = &f.organism;
            let _ = write!(
                h,
                r#"<tr><td>{}</td><td>{} / {} (<i>{}</i>)<br><span class="eppo">{}</span></td><td>{}</td><td>{}</td></tr>"#,
                i + 1,
                esc(&org.name_kk),
                esc(&org.name_ru),
                esc(&org.name_latin),
                esc(&org.eppo_code),
                esc(&s.sample_number),
                esc(&s.lab_referral_number),
            );
        }
        h.push_str("</tbody></table>");
    }
}

fn intensity_value(i: Intensity) -> f64 {
    match i {
        Intensity::PerSquareMetre { value }
        | Intensity::PerPlant { value }
        | Intensity::PerTrap { value }
        | Intensity::PrevalencePercent { value }
        | Intensity::CoverPercent { value } => value,
    }
}

fn unit_label(i: Intensity) -> &'static str {
    match i {
        Intensity::PerSquareMetre { .. } => "act-unit-per-square-metre",
        Intensity::PerPlant { .. } => "act-unit-per-plant",
        Intensity::PerTrap { .. } => "act-unit-per-trap",
        Intensity::PrevalencePercent { .. } => "act-unit-prevalence-percent",
        Intensity::CoverPercent { .. } => "act-unit-cover-percent",
    }
}

fn category_label(c: OrganismCategory) -> &'static str {
    match c {
        OrganismCategory::Quarantine => "act-category-quarantine",
        OrganismCategory::EspeciallyDangerous => "act-category-especially-dangerous",
        OrganismCategory::Ordinary => "act-category-ordinary",
    }
}

fn role_label(r: SignatoryRole) -> &'static str {
    match r {
        SignatoryRole::Inspector => "act-signatory-inspector",
        SignatoryRole::Head => "act-signatory-head",
        SignatoryRole::OwnerRepresentative => "act-signatory-owner-representative",
        SignatoryRole::Witness => "act-signatory-witness",
    }
}

/// Decimal comma, two places, as the typst act prints areas and counts.
fn decimal(v: f64) -> String {
    format!("{v:.2}").replace('.', ",")
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn css_string(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}
